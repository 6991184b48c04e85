"""The task page shows the clause once, and after it only what the plan's task kind adds."""

from django.urls import reverse

from jiyuan_portal.tracking.models import Task
from tests import factories


def test_a_generic_task_has_no_specific_details(seed):
    """A task without a plan-specific model (e.g. added in the admin) adds no fields."""
    task = factories.TaskFactory(plan=factories.PlanFactory(code="capacity"))
    assert type(task.specific) is Task
    assert task.specific_details() == []


def test_a_plan_task_lists_only_the_fields_its_own_model_adds(seed):
    task = Task.objects.get(plan__code="capacity", number="二(一)")
    labels = [str(label) for label, _ in task.specific_details()]
    assert labels == ["退出标准", "退出任务"] or labels == ["exit standard", "exit quota"]


def test_the_page_of_a_generic_task_does_not_dump_its_raw_fields(client, seed):
    task = factories.TaskFactory(
        plan=factories.PlanFactory(code="greening"), text="独一无二的条文内容。", order=4242
    )
    client.force_login(factories.supervisor())

    page = client.get(reverse("dashboard:task_detail", args=[task.pk])).content.decode()

    assert page.count("独一无二的条文内容。") == 1
    assert "key_task" not in page
    assert "4242" not in page
    assert "排序" not in page

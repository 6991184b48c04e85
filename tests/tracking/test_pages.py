from django.urls import reverse

from jiyuan_portal.tracking.models import Bureau, Task
from tests import factories


def test_task_page_shows_clauses_milestones_targets_and_bureaus(client, seed):
    task = Task.objects.get(plan__code="capacity", number="二(一)")
    client.force_login(factories.supervisor())

    page = client.get(reverse("dashboard:task_detail", args=[task.pk])).content.decode()

    assert task.text[:30] in page
    assert "济源煤业公司压减产能45万吨" in page  # the exit quota of the capacity task
    assert "市发展和改革委员会" in page and "市安全生产监督管理局" in page
    for milestone in task.milestones.all():
        assert milestone.description in page
    for target in task.targets.all():
        assert target.clause in page


def test_plan_page_lists_every_task_of_the_plan(client, seed):
    client.force_login(factories.UserFactory())
    page = client.get(reverse("dashboard:plan_detail", args=["innovation"])).content.decode()
    for task in Task.objects.filter(plan__code="innovation"):
        assert task.get_absolute_url() in page


def test_bureau_page_separates_led_from_shared_tasks(client, seed):
    bureau = Bureau.objects.get(name="市环境保护局")
    client.force_login(factories.bureau_staff(bureau))

    response = client.get(reverse("dashboard:bureau_detail", args=[bureau.pk]))

    led = {a.task for a in response.context["led"]}
    shared = {a.task for a in response.context["shared"]}
    assert Task.objects.get(plan__code="capacity", number="二(五)") in led
    assert Task.objects.get(plan__code="capacity", number="二(二)") in shared
    assert not led & shared


def test_pages_are_in_simplified_chinese_by_default(client, seed):
    client.force_login(factories.UserFactory())
    response = client.get(reverse("dashboard:home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.headers["Content-Language"] == "zh-hans"
    assert "驾驶舱" in response.content.decode()


def test_a_user_can_switch_to_english(client, seed):
    client.force_login(factories.UserFactory())
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get(reverse("dashboard:home"))
    assert response.headers["Content-Language"] == "en"
    assert "Cockpit" in response.content.decode()


def test_static_files_are_served_from_our_own_server(client, seed):
    client.force_login(factories.UserFactory())
    page = client.get(reverse("dashboard:home")).content.decode()
    assert "/static/vendor/bootstrap/bootstrap.min.css" in page
    assert "cdn" not in page.lower()

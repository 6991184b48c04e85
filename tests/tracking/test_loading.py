from jiyuan_portal.tracking.loading import load_all
from jiyuan_portal.tracking.models import Milestone, Plan, Target, Task, TaskBureau


def test_loading_the_seed_twice_duplicates_nothing(seed):
    models = (Plan, Task, Milestone, Target, TaskBureau)
    before = {model: model.objects.count() for model in models}
    load_all()
    assert {model: model.objects.count() for model in models} == before


def test_reloading_keeps_a_task_an_admin_added(seed):
    from tests.factories import TaskFactory

    plan = Plan.objects.get(code="capacity")
    added = TaskFactory(plan=plan, number="五(一)", title="管理员新增的任务")

    report = load_all()

    assert Task.objects.filter(pk=added.pk).exists()
    assert report.kept == {"Task": 1}


def test_a_plan_file_with_an_unknown_bureau_changes_nothing(seed, tmp_path, settings):
    import shutil

    import pytest

    from jiyuan_portal.tracking.loading import FIXTURES_DIR, PlanDataError

    shutil.copytree(FIXTURES_DIR, tmp_path / "fixtures")
    path = tmp_path / "fixtures" / "plans" / "capacity.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("压减退出煤炭过剩产能", "改过的标题", 1).replace(
            "安全生产监督管理局", "不存在的局", 1
        ),
        encoding="utf-8",
    )
    before = list(Task.objects.values_list("title", flat=True).order_by("pk"))

    with pytest.raises(PlanDataError, match="不存在的局"):
        load_all(tmp_path / "fixtures")

    assert list(Task.objects.values_list("title", flat=True).order_by("pk")) == before


def test_loading_unchanged_files_writes_no_row_and_no_history_row(seed):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    histories = [
        model.history
        for model in (Plan, Task, Milestone, Target, TaskBureau)
        if hasattr(model, "history")
    ]
    assert histories
    before = [history.count() for history in histories]
    with CaptureQueriesContext(connection) as context:
        report = load_all()
    writes = [
        query["sql"]
        for query in context.captured_queries
        if query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE"))
    ]
    assert writes == [] or all('SET "role"' in sql for sql in writes)  # a lead kept: 0 rows
    assert [history.count() for history in histories] == before
    assert not report.changed_anything
    assert str(report).startswith("nothing changed")
    assert report.unchanged["Task"] == Task.objects.count()


def test_reloading_after_a_change_in_a_file_writes_only_that_row(seed, tmp_path):
    import shutil

    from jiyuan_portal.tracking.loading import FIXTURES_DIR
    from jiyuan_portal.tracking.plan_apps import task_model_for

    fixtures = tmp_path / "fixtures"
    shutil.copytree(FIXTURES_DIR, fixtures)
    plan_file = fixtures / "plans" / "capacity.yaml"
    text = plan_file.read_text(encoding="utf-8")
    task = Task.objects.filter(plan__code="capacity").order_by("order").first()
    assert text.count(f"title: {task.title}\n") == 1
    plan_file.write_text(
        text.replace(f"title: {task.title}\n", f"title: {task.title}(修订)\n"), encoding="utf-8"
    )
    history = task_model_for("capacity").history  # each kind of task keeps its own
    history_rows = history.count()

    report = load_all(fixtures)

    assert report.updated == {"Task": 1}
    assert report.created == {} and report.deleted == {}
    assert Task.objects.get(pk=task.pk).title.endswith("(修订)")
    assert history.count() == history_rows + 1

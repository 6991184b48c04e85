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

"""Helpers shared by the per-plan data tests (tests/<plan>/test_plan_data.py), which
check the seeded plans against an independent transcription of the notice."""

from jiyuan_portal.tracking.models import Target, Task, TaskBureau


def plan_tasks(plan_code, section=None) -> list[tuple[str, str]]:
    """(number, title) of the plan's tasks in document order."""
    tasks = Task.objects.filter(plan__code=plan_code).order_by("order")
    if section:
        tasks = tasks.filter(section=section)
    return [(task.number, task.title) for task in tasks]


def _target_row(target, key: str) -> tuple:
    return (
        getattr(target, key),
        target.value,
        target.unit,
        target.year,
        target.bound,
        target.task.number if target.task else None,
    )


def target_rows(plan_code) -> list[tuple]:
    """(indicator, value, unit, year, bound, task number) of each target of the plan."""
    targets = Target.objects.filter(plan__code=plan_code).select_related("task")
    return [_target_row(target, "indicator") for target in targets]


def target_tuples(plan) -> set[tuple]:
    """(code, value, unit, year, bound, task number) of each target of the plan."""
    targets = Target.objects.filter(plan=plan).select_related("task")
    return {_target_row(target, "code") for target in targets}


def assert_targets_are(plan_code, expected) -> None:
    """Each expected target (an indicator fragment and the other columns of ``target_rows``)
    matches exactly one seeded target, and nothing else is seeded."""
    actual = target_rows(plan_code)
    assert len(actual) == len(expected), actual
    matched = set()
    for indicator, *rest in expected:
        hits = [
            index
            for index, row in enumerate(actual)
            if indicator in row[0] and list(row[1:]) == rest
        ]
        assert len(hits) == 1, (indicator, *rest)
        matched.add(hits[0])
    assert len(matched) == len(actual)


def bureaus_of(task) -> tuple[str | None, set[str]]:
    """The lead bureau's name and the co-responsible bureaus' names of a task."""
    assignments = TaskBureau.objects.filter(task=task).select_related("bureau")
    lead = [a.bureau.name for a in assignments if a.role == TaskBureau.Role.LEAD]
    others = {a.bureau.name for a in assignments if a.role == TaskBureau.Role.COOPERATING}
    return (lead[0] if lead else None), others


def responsible_of(plan_code, number) -> tuple[str | None, set[str]]:
    return bureaus_of(Task.objects.get(plan__code=plan_code, number=number))

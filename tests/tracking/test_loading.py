from jiyuan_portal.tracking.loading import load_all
from jiyuan_portal.tracking.models import Milestone, Plan, Target, Task, TaskBureau


def test_loading_the_seed_twice_duplicates_nothing(seed):
    models = (Plan, Task, Milestone, Target, TaskBureau)
    before = {model: model.objects.count() for model in models}
    load_all()
    assert {model: model.objects.count() for model in models} == before

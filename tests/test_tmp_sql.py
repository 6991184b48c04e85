import datetime
import time

from jiyuan_portal.reporting.actuals import progress_by_target, with_progress
from jiyuan_portal.tracking.models import Target


def test_sql(seed):
    on = datetime.date(2017, 9, 30)
    t = time.perf_counter()
    qs = with_progress(Target.objects.all(), on).filter(status_code="at_risk")
    sql, params = qs.query.sql_with_params()
    print(
        "compile ms",
        round((time.perf_counter() - t) * 1000),
        "len",
        len(sql),
        "params",
        len(params),
    )
    t = time.perf_counter()
    list(qs)
    print("run ms", round((time.perf_counter() - t) * 1000))
    py = progress_by_target(Target.objects.all(), on)
    db = {
        t.pk: (t.status_code, t.actual, t.actual_as_of)
        for t in with_progress(Target.objects.all(), on)
    }
    bad = [
        (pk, p.status, p.actual, db[pk])
        for pk, p in py.items()
        if p.status != db[pk][0]
        or (p.actual is not None and p.actual != db[pk][1])
        or p.as_of != db[pk][2]
    ]
    print("disagree", bad[:5], len(py))

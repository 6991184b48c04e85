import datetime

import pytest

from jiyuan_portal.tracking.dates import DeadlineError, parse_deadline


@pytest.mark.parametrize(
    ("phrase", "year", "due_date", "recurrence"),
    [
        ("2017年5月底前", None, datetime.date(2017, 5, 31), "once"),
        ("6月底前", 2017, datetime.date(2017, 6, 30), "once"),
        ("2017年12月底前", None, datetime.date(2017, 12, 31), "once"),
        ("2月底前", 2020, datetime.date(2020, 2, 29), "once"),
        ("2018年", None, datetime.date(2018, 12, 31), "once"),
        ("到2020年", None, datetime.date(2020, 12, 31), "once"),
        ("2017年8月2日", None, datetime.date(2017, 8, 2), "once"),
        ("持续", None, None, "ongoing"),
        ("持续深入排查", None, None, "ongoing"),
        ("每年", None, None, "yearly"),
        ("每年滚动", 2017, None, "yearly"),
        ("未明确时限", None, None, "undated"),
    ],
)
def test_chinese_deadline_phrases_become_dates(phrase, year, due_date, recurrence):
    deadline = parse_deadline(phrase, year)
    assert (deadline.due_date, deadline.recurrence) == (due_date, recurrence)


def test_a_month_without_a_year_needs_the_paragraph_year():
    with pytest.raises(DeadlineError):
        parse_deadline("6月底前")


def test_a_phrase_without_a_date_is_refused():
    with pytest.raises(DeadlineError):
        parse_deadline("尽快")


def test_the_end_of_the_year_is_the_31st_of_december_of_the_year_given():
    assert parse_deadline("年底前", 2018).due_date == datetime.date(2018, 12, 31)
    assert parse_deadline("年内", 2019).due_date == datetime.date(2019, 12, 31)
    with pytest.raises(DeadlineError):
        parse_deadline("年底前")

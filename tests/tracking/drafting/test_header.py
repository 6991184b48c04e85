"""Reading a notice's header: the published site's labelled fields, or the notice's own
lines when it has none."""

import datetime

from jiyuan_portal.tracking.drafting.header import FIELDS as HEADER_FIELDS
from jiyuan_portal.tracking.drafting.header import normalise_number, parse_header
from jiyuan_portal.tracking.drafting.measure import NOTICE_SOURCE, score_header
from jiyuan_portal.tracking.loading import FIXTURES_DIR, read_yaml


def test_the_published_header_of_27_equals_the_notice_fixture():
    notice = parse_header(NOTICE_SOURCE.read_text(encoding="utf-8"))
    truth = read_yaml(FIXTURES_DIR / "notice.yaml")

    assert {name: getattr(notice, name) for name in HEADER_FIELDS} == {
        name: truth[name] for name in HEADER_FIELDS
    }
    assert notice.unsure == []


def test_every_header_field_of_27_scores_as_equal():
    found = score_header(NOTICE_SOURCE.read_text(encoding="utf-8"))

    assert (found.correct, found.expected, found.misses) == (8, 8, [])


def test_full_width_colons_and_other_brackets_are_read_alike():
    notice = parse_header(
        "标　　题：关于做好工业企业复工的通知\n"
        "发文机关：市政府办公室　发文字号：济政【2019】3号\n"
        "成文日期：2019年1月2日　发布时间：2019/01/05\n"
    )

    assert notice.number == "济政〔2019〕3号"
    assert notice.title == "关于做好工业企业复工的通知"
    assert notice.issuing_office == "市政府办公室"
    assert notice.issued_on == datetime.date(2019, 1, 2)
    assert notice.published_on == datetime.date(2019, 1, 5)
    assert notice.unsure == ["index_number", "printed_on"]


def test_each_bracket_variant_is_normalised_to_the_official_one():
    for written in ("济政[2017]27号", "济政［2017］27号", "济政【2017】27号", "济政(2017)27号"):
        assert normalise_number(written) == "济政〔2017〕27号"


def test_a_notice_without_a_header_is_read_from_its_own_lines():
    notice = parse_header(
        "关于加强工业企业技术改造的实施意见\n\n"
        "济政办[2018]5号\n\n"
        "各镇人民政府,各街道办事处:\n"
        "现将有关事项通知如下。按照《河南省…》(豫政〔2017〕22号)执行。\n\n"
        "济源市人民政府\n"
        "2018年3月5日\n\n"
        "济源市人民政府办公室        2018年3月6日印发\n"
    )

    assert notice.number == "济政办〔2018〕5号"
    assert notice.title == "关于加强工业企业技术改造的实施意见"
    assert notice.issuer == "济源市人民政府"
    assert notice.issued_on == datetime.date(2018, 3, 5)
    assert notice.printed_on == datetime.date(2018, 3, 6)
    # The printing office stands in for the issuing one, for the reviewer to check.
    assert notice.issuing_office == "济源市人民政府办公室"
    assert notice.unsure == ["index_number", "published_on", "issuing_office"]


def test_another_government_is_the_issuer_its_signature_names():
    notice = parse_header(
        "关于做好春耕备耕工作的通知\n"
        "各乡镇人民政府:\n"
        "请认真贯彻执行。\n"
        "孟州市人民政府\n"
        "2019年1月2日\n"
    )

    assert notice.issuer == "孟州市人民政府"
    assert notice.number == ""
    assert "number" in notice.unsure


def test_an_issuer_neither_numbered_nor_signed_is_left_blank_and_unsure():
    notice = parse_header("关于做好春耕备耕工作的通知\n请认真贯彻执行。\n")

    assert notice.issuer == ""
    assert notice.issued_on is None
    assert {"issuer", "issued_on", "printed_on"} <= set(notice.unsure)

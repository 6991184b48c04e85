import pytest

from jiyuan_portal.tracking.models import Bureau, BureauAlias, Town


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("市环境保护局", "市环境保护局"),
        ("环境保护局", "市环境保护局"),
        ("环保局", "市环境保护局"),
        ("市环保局", "市环境保护局"),
        ("工业和信息化委员会", "市工业和信息化委员会"),
        ("市工业和信息化委", "市工业和信息化委员会"),
        ("工信委", "市工业和信息化委员会"),
        ("工业和信息化委委员会", "市工业和信息化委员会"),
        ("市发展和改革委员会员会", "市发展和改革委员会"),
        ("发改委", "市发展和改革委员会"),
        ("科技局", "市科学技术局"),
        ("人行济源支行", "人行济源中心支行"),
        ("济源市人民法院等部门", "济源市人民法院"),
    ],
)
def test_every_spelling_of_a_bureau_resolves_to_its_canonical_name(seed, written, canonical):
    assert Bureau.objects.resolve(written).name == canonical


def test_every_alias_resolves_to_its_own_bureau(seed):
    for alias in BureauAlias.objects.select_related("bureau"):
        assert Bureau.objects.resolve(alias.name) == alias.bureau


def test_no_typo_of_the_source_is_a_bureau_name(seed):
    names = set(Bureau.objects.values_list("name", flat=True))
    assert not {"工业和信息化委委员会", "发展和改革委员会员会", "市工业和信息化委委员会"} & names


def test_external_units_are_bureaus_of_kind_other_or_vertically_managed(seed):
    for name in ("济源供电公司", "济源市人民法院"):
        assert Bureau.objects.get(name=name).kind == Bureau.Kind.OTHER
    for name in ("人行济源中心支行", "银监办", "市国税局", "市地税局"):
        assert Bureau.objects.get(name=name).kind == Bureau.Kind.VERTICAL


def test_an_unknown_bureau_is_refused_with_its_name(seed):
    with pytest.raises(Bureau.DoesNotExist, match="市不存在局"):
        Bureau.objects.resolve("市不存在局")


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("虎岭", "虎岭"),
        ("虎 岭", "虎岭"),
        ("虎岭经济开发区", "虎岭"),
        ("玉川产业集聚区", "玉川"),
        ("沁园街道", "沁园"),
        ("五龙口镇", "五龙口"),
        ("济源高新技术产业开发区", "高新"),
        ("高新区", "高新"),
    ],
)
def test_town_names_match_with_or_without_suffixes_and_spaces(seed, written, canonical):
    assert Town.objects.match(written).name == canonical


def test_the_town_table_has_nineteen_towns_in_published_order(seed):
    assert list(Town.objects.values_list("name", flat=True)) == [
        "虎岭",
        "玉川",
        "高新",
        "济水",
        "沁园",
        "天坛",
        "北海",
        "玉泉",
        "克井",
        "五龙口",
        "梨林",
        "轵城",
        "承留",
        "思礼",
        "坡头",
        "大峪",
        "邵原",
        "王屋",
        "下冶",
    ]

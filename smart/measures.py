from jiyuan_portal.tracking.measures import Measure

RECOGNITIONS = "smart.SmartRecognition"
PROVINCIAL_OR_ABOVE = {"level__in": ("national", "provincial")}

MEASURES = (
    # 新增…2家 (2017): the recognitions of that year.
    Measure(
        "integration_pilots_new",
        RECOGNITIONS,
        "recognized_on",
        filters={"kind": "integration_pilot"},
        per_year=True,
    ),
    # 达到6家以上 (2020): all recognitions up to then.
    Measure(
        "integration_pilots_total",
        RECOGNITIONS,
        "recognized_on",
        filters={"kind": "integration_pilot"},
    ),
    Measure(
        "integration_certified_total",
        RECOGNITIONS,
        "recognized_on",
        filters={"kind": "integration_certified"},
    ),
    Measure(
        "self_assessments_total", RECOGNITIONS, "recognized_on", filters={"kind": "self_assessment"}
    ),
    Measure(
        "smart_factories_new",
        RECOGNITIONS,
        "recognized_on",
        filters={"kind": "smart_factory", **PROVINCIAL_OR_ABOVE},
        per_year=True,
    ),
    Measure(
        "smart_factories_total",
        RECOGNITIONS,
        "recognized_on",
        filters={"kind": "smart_factory", **PROVINCIAL_OR_ABOVE},
    ),
    Measure(
        "service_manufacturing_new",
        RECOGNITIONS,
        "recognized_on",
        filters={"kind": "service_manufacturing", **PROVINCIAL_OR_ABOVE},
        per_year=True,
    ),
    Measure(
        "service_manufacturing_total",
        RECOGNITIONS,
        "recognized_on",
        filters={"kind": "service_manufacturing", **PROVINCIAL_OR_ABOVE},
    ),
    Measure(
        "innovation_bases_total",
        RECOGNITIONS,
        "recognized_on",
        filters={"kind": "innovation_base", **PROVINCIAL_OR_ABOVE},
    ),
)

MEASURES += (
    # 制造业重点行业骨干企业互联网“双创”平台普及率90%: the backbone enterprises with a 双创
    # platform recognised, over the number of backbone enterprises.
    Measure(
        "innovation_platform_coverage",
        RECOGNITIONS,
        "recognized_on",
        filters={"kind": "innovation_platform"},
        distinct_field="enterprise",
        denominator="backbone-enterprises",
    ),
)

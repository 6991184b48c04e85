"""An entitlement said in words, with its arithmetic: what a supervisor or the finance
bureau reads beside the amount ("设备、研发投入 2,000万元 × 30% = 600万元,低于单个项目上限
1,000万元")."""

from django.utils.translation import gettext as _

from jiyuan_portal.tracking.models.awards import resolve_path
from jiyuan_portal.utils.numbers import plain_decimal

from .models import Entitlement


def wan(value) -> str:
    """An amount in 万元 as people write it: 2,000万元, 12.5万元."""
    return _("%(amount)s万元") % {"amount": f"{plain_decimal(value):,f}"}


def explain(entitlement: Entitlement) -> str:
    rule = entitlement.rule
    Status, Reason, Limit = Entitlement.Status, Entitlement.Reason, Entitlement.Limit
    if entitlement.status == Status.NOT_ELIGIBLE:
        return _not_eligible(entitlement)
    if entitlement.status == Status.TO_BE_SET:
        if entitlement.reason == Reason.NO_BASE:
            return _("Eligible; the amount is set once %(base)s is entered.") % {
                "base": rule.base_label or rule.base_field
            }
        return _("Eligible; the notice sets no amount: %(note)s") % {"note": rule.amount_note}
    if rule.method == rule.Method.FIXED:
        text = _("Fixed award of %(amount)s") % {"amount": wan(entitlement.computed)}
    else:
        text = _("%(base_label)s %(base)s × %(rate)s%% = %(computed)s") % {
            "base_label": rule.base_label or rule.base_field,
            "base": wan(entitlement.base),
            "rate": plain_decimal(rule.rate),
            "computed": wan(entitlement.computed),
        }
    if entitlement.limited_by == Limit.CAP:
        text += _(", above the cap of %(cap)s per record: %(amount)s") % {
            "cap": wan(rule.cap),
            "amount": wan(entitlement.amount),
        }
    elif entitlement.limited_by == Limit.ANNUAL_CAP:
        text += _(", more than the %(left)s left of the year's cap of %(cap)s: %(left)s") % {
            "cap": wan(rule.annual_cap),
            "left": wan(entitlement.amount),
        }
    elif rule.cap is not None:
        text += _(", below the cap of %(cap)s per record") % {"cap": wan(rule.cap)}
    if entitlement.status == Status.PENDING:
        text += _("; paid once “%(condition)s” is recorded") % {
            "condition": _field_label(rule, rule.payable_field)
        }
    return text


def _not_eligible(entitlement) -> str:
    rule = entitlement.rule
    Reason = Entitlement.Reason
    if entitlement.reason == Reason.BELOW_THRESHOLD:
        if entitlement.threshold_value is None:
            return _("Not eligible: %(label)s is not entered (at least %(threshold)s).") % {
                "label": rule.threshold_label or rule.threshold_field,
                "threshold": wan(rule.threshold),
            }
        return _("Not eligible: %(label)s %(value)s is below %(threshold)s.") % {
            "label": rule.threshold_label or rule.threshold_field,
            "value": wan(entitlement.threshold_value),
            "threshold": wan(rule.threshold),
        }
    if entitlement.reason == Reason.BEFORE_FIRST_YEAR:
        return _("Not eligible: the rule applies from %(year)s.") % {"year": rule.first_year}
    if entitlement.reason == Reason.OUTSIDE_SUPPORT_YEARS:
        return _("Not eligible: %(year)s is outside the %(years)s years of support.") % {
            "year": entitlement.year,
            "years": rule.duration_years,
        }
    if entitlement.reason == Reason.ANNUAL_CAP_USED:
        return _("Not eligible: the cap of %(cap)s for %(year)s is used up.") % {
            "cap": wan(rule.annual_cap),
            "year": entitlement.year,
        }
    return entitlement.get_reason_display()


def _field_label(rule, path) -> str:
    field = resolve_path(rule.registry_model(), path)
    return str(field.verbose_name) if field is not None else path

"""Forms for reporting progress. They keep what the user typed when validation fails and
put each message next to its field."""

import copy
import functools

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jiyuan_portal.tracking import status
from jiyuan_portal.tracking.status import ENTRY_WINDOW_END, ENTRY_WINDOW_START, PLAN_START
from jiyuan_portal.tracking.units import allows_negative, decimals_for
from jiyuan_portal.utils.numbers import plain_decimal
from jiyuan_portal.utils.text import half_width

from .models import MilestoneReport, TargetReport
from .uploads import allowed_extensions, check_evidence_file

# A browser's date picker only accepts ISO dates, whatever the language of the page.
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

# The longest free text (进展情况, 情况说明, notes, review comments) a form accepts, in
# characters: several pages of prose, and every save copies it into the change history.
MAX_TEXT_LENGTH = 5000

# Fields whose value is a number or a date: full-width digits typed with a Chinese input
# method (“１２．５”, “２０１７－０６－３０”) are read as their ASCII equivalents.
NUMBER_AND_DATE_FIELDS = (forms.IntegerField, forms.DecimalField, forms.DateField)


def _half_width_first(to_python, value):
    return to_python(half_width(value) if isinstance(value, str) else value)


def accept_full_width_digits(form):
    """Let every number and date field of ``form`` read full-width digits and punctuation."""
    for field in form.fields.values():
        if isinstance(field, NUMBER_AND_DATE_FIELDS):
            field.to_python = functools.partial(_half_width_first, field.to_python)


def cap_text(field, label):
    """Limit a free-text field to MAX_TEXT_LENGTH characters, with a message naming it."""
    field.max_length = MAX_TEXT_LENGTH
    field.widget.attrs["maxlength"] = str(MAX_TEXT_LENGTH)
    field.validators.append(functools.partial(_check_text_length, label=label))


def _check_text_length(value, label):
    if value and len(value) > MAX_TEXT_LENGTH:
        raise forms.ValidationError(
            _("%(field)s can be at most %(limit)s characters long (it has %(length)s)."),
            code="max_length",
            params={"field": label, "limit": MAX_TEXT_LENGTH, "length": len(value)},
        )


def is_year_field(name) -> bool:
    return name == "year" or name.endswith("_year")


def check_entry_window(form, cleaned):
    """Every date, and every year, must lie in the plans' window (tracking.status): no
    0001-01-01, no year 0 or 32767, no delay until 9999-12-31."""
    for name, field in form.fields.items():
        value = cleaned.get(name)
        if value is None or name in form.errors:
            continue
        if isinstance(field, forms.DateField):
            start, end = ENTRY_WINDOW_START, ENTRY_WINDOW_END
            if not start <= value <= end:
                form.add_error(
                    name,
                    forms.ValidationError(
                        _("%(field)s must lie between %(start)s and %(end)s."),
                        code="out_of_window",
                        params={
                            "field": field.label,
                            "start": date_format(start),
                            "end": date_format(end),
                        },
                    ),
                )
        elif isinstance(field, forms.IntegerField) and is_year_field(name):
            start, end = ENTRY_WINDOW_START.year, ENTRY_WINDOW_END.year
            if not start <= value <= end:
                form.add_error(
                    name,
                    forms.ValidationError(
                        _("%(field)s must be a year from %(start)s to %(end)s."),
                        code="out_of_window",
                        params={"field": field.label, "start": start, "end": end},
                    ),
                )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class EvidenceField(forms.FileField):
    """Several evidence files at once; each checked by content, size and type."""

    widget = MultipleFileInput

    def __init__(self, *, types=None, max_files=None, **kwargs):
        """``types``: the codes of the file types allowed (by default the evidence
        files'); ``max_files``: how many files at most (by default any number)."""
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", gettext_lazy("Evidence files"))
        super().__init__(**kwargs)
        self.types, self.max_files = types, max_files
        self.widget.attrs["accept"] = ",".join(allowed_extensions(types))

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data] if data else []
        if self.required and not files:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        if self.max_files is not None and len(files) > self.max_files:
            raise forms.ValidationError(
                _("%(field)s: at most %(limit)s files (%(count)s were chosen)."),
                code="too_many_files",
                params={"field": self.label, "limit": self.max_files, "count": len(files)},
            )
        errors, checked = [], []
        for upload in files:
            try:
                checked.append((upload, check_evidence_file(upload, self.types)))
            except forms.ValidationError as error:
                errors.extend(error.error_list)
        if errors:
            raise forms.ValidationError(errors)
        return checked


def check_report_date(value, field_label):
    today = status.today()
    if value > today:
        raise forms.ValidationError(
            _("%(field)s cannot be in the future (today is %(today)s)."),
            params={"field": field_label, "today": today.isoformat()},
        )
    if value < PLAN_START:
        raise forms.ValidationError(
            _("%(field)s cannot be before the plans began (%(start)s)."),
            params={"field": field_label, "start": PLAN_START.isoformat()},
        )
    return value


class VersionField(forms.IntegerField):
    """The version of the report the user saw (hidden): compared on save, so that one
    user's changes never silently overwrite another's. A hidden field has no place for its
    message, so a form shows it above the form (``ReportForm.clean``)."""

    widget = forms.HiddenInput
    default_error_messages = {
        "invalid": gettext_lazy(
            "The page was sent with an invalid version of the report; nothing was saved. "
            "Open the report again and repeat your changes."
        ),
        "required": gettext_lazy(
            "The page was sent without the version of the report; nothing was saved. "
            "Open the report again and repeat your changes."
        ),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 0)
        super().__init__(**kwargs)
        self.error_messages["min_value"] = self.error_messages["invalid"]


class ReportForm(forms.ModelForm):
    """Base of every reporting form: evidence files, the version seen, crispy layout, and
    the bounds of what a bureau may enter: dates and years in the plans' window, free
    text at most MAX_TEXT_LENGTH characters, full-width digits read as digits."""

    evidence = EvidenceField(help_text=gettext_lazy("PDF, images, Word, Excel or WPS documents."))
    version = VersionField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence"].widget.attrs["accept"] = ",".join(allowed_extensions())
        self.fields["version"].initial = self.instance.version if self.instance.pk else None
        accept_full_width_digits(self)
        for name, field in self.fields.items():
            if isinstance(field, forms.CharField) and isinstance(field.widget, forms.Textarea):
                cap_text(field, field.label)
            elif isinstance(field, forms.DateField):
                field.widget = copy.deepcopy(DATE_INPUT)
                field.widget.is_required = field.required
                field.widget.attrs["min"] = ENTRY_WINDOW_START.isoformat()
                field.widget.attrs["max"] = ENTRY_WINDOW_END.isoformat()
            elif isinstance(field, forms.IntegerField) and is_year_field(name):
                field.min_value, field.max_value = None, None
                field.widget.attrs["min"] = ENTRY_WINDOW_START.year
                field.widget.attrs["max"] = ENTRY_WINDOW_END.year
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean(self):
        cleaned = super().clean()
        check_entry_window(self, cleaned)
        # The hidden version has no place for its message: show it above the form.
        for message in self.errors.pop("version", []):
            self.add_error(None, message)
        return cleaned


class TargetReportForm(ReportForm):
    class Meta:
        model = TargetReport
        fields = ("value", "as_of", "narrative")
        widgets = {"as_of": DATE_INPUT}

    def __init__(self, *args, target, **kwargs):
        self.target = target
        super().__init__(*args, **kwargs)
        self.fields["value"].label = _("Value (%(unit)s, cumulative)") % {"unit": target.unit}
        self.fields["value"].widget.attrs["step"] = "any"
        if self.instance.pk:  # 16, not 16.0000
            self.initial["value"] = plain_decimal(self.instance.value)
        self.fields["narrative"].error_messages["required"] = _("Describe the progress (进展情况).")

    def clean_value(self):
        value = self.cleaned_data["value"]
        if value < 0 and not allows_negative(self.target.kind):
            raise forms.ValidationError(
                _("A value in %(unit)s cannot be negative."), params={"unit": self.target.unit}
            )
        decimals = decimals_for(self.target.unit)
        exponent = value.normalize().as_tuple().exponent
        if isinstance(exponent, int) and -exponent > decimals:
            if decimals == 0:
                message = _("A value in %(unit)s must be a whole number.")
            else:
                message = _("A value in %(unit)s may have at most %(decimals)s decimals.")
            raise forms.ValidationError(
                message, params={"unit": self.target.unit, "decimals": decimals}
            )
        return value

    def clean_as_of(self):
        return check_report_date(self.cleaned_data["as_of"], _("The date"))

    def clean_narrative(self):
        narrative = self.cleaned_data["narrative"].strip()
        if not narrative:
            raise forms.ValidationError(_("Describe the progress (进展情况)."))
        return narrative


class MilestoneReportForm(ReportForm):
    """What happened to a milestone, with the outcomes that make sense for its kind.

    A one-off milestone (2017年5月底前完成排查) is either completed, with its date, or
    delayed, with the reason and a new expected date; the user must pick one, so there is no
    empty "---------" choice and nothing is preselected.

    A recurring (每年) or ongoing (持续) milestone is never finished for good: "completed"
    would close it for every later period and "delayed" has no due date to move. Its only
    outcome is the progress of this period (本期进展), a required note that leaves the
    milestone open, so the bureau reports again next period.

    A delay may be entered after the fact (last year's delay, its new date already past):
    the new date only has to lie after the milestone's own due date, which it moves.
    """

    ONE_OFF = (MilestoneReport.Outcome.COMPLETED, MilestoneReport.Outcome.DELAYED)
    RECURRING = (MilestoneReport.Outcome.PROGRESS,)

    class Meta:
        model = MilestoneReport
        fields = ("outcome", "completed_on", "delay_reason", "expected_on", "narrative")
        widgets = {
            "outcome": forms.RadioSelect,
            "completed_on": DATE_INPUT,
            "expected_on": DATE_INPUT,
        }

    def __init__(self, *args, milestone, **kwargs):
        self.milestone = milestone
        super().__init__(*args, **kwargs)
        outcomes = self.outcomes_for(milestone)
        field = self.fields["outcome"]
        field.choices = [(outcome.value, outcome.label) for outcome in outcomes]
        if len(outcomes) == 1:
            field.initial = outcomes[0].value
        if outcomes == self.RECURRING:
            for name in ("completed_on", "delay_reason", "expected_on"):
                del self.fields[name]
            self.fields["narrative"].label = _("Progress this period (本期进展)")

    @classmethod
    def outcomes_for(cls, milestone):
        if milestone.recurrence == milestone.Recurrence.ONCE:
            return cls.ONE_OFF
        return cls.RECURRING

    def clean(self):
        cleaned = super().clean()
        outcome = cleaned.get("outcome")
        if outcome == MilestoneReport.Outcome.COMPLETED:
            completed_on = cleaned.get("completed_on")
            if "completed_on" in self.errors:
                pass  # already refused (not a date, or outside the plans' window)
            elif completed_on is None:
                self.add_error("completed_on", _("Give the date the milestone was completed."))
            else:
                try:
                    check_report_date(completed_on, _("The completion date"))
                except forms.ValidationError as error:
                    self.add_error("completed_on", error)
            cleaned["delay_reason"], cleaned["expected_on"] = "", None
        elif outcome == MilestoneReport.Outcome.DELAYED:
            if not (cleaned.get("delay_reason") or "").strip():
                self.add_error("delay_reason", _("Explain why the milestone is delayed."))
            expected_on = cleaned.get("expected_on")
            due_date = self.milestone.due_date
            if "expected_on" in self.errors:
                pass  # already refused (not a date, or outside the plans' window)
            elif expected_on is None:
                self.add_error("expected_on", _("Give the new expected date."))
            elif due_date is not None and expected_on <= due_date:
                self.add_error(
                    "expected_on",
                    forms.ValidationError(
                        _(
                            "The new expected date must be after the milestone's due date "
                            "(%(due)s): a delay moves the due date later."
                        ),
                        params={"due": date_format(due_date)},
                    ),
                )
            cleaned["completed_on"] = None
        elif outcome == MilestoneReport.Outcome.PROGRESS:
            if not (cleaned.get("narrative") or "").strip():
                self.add_error("narrative", _("Describe the progress of this period."))
            cleaned["completed_on"], cleaned["delay_reason"], cleaned["expected_on"] = (
                None,
                "",
                None,
            )
        return cleaned


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        choices=(("approve", gettext_lazy("Approve")), ("return", gettext_lazy("Return"))),
        widget=forms.HiddenInput,
    )
    comment = forms.CharField(
        label=gettext_lazy("Comment"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cap_text(self.fields["comment"], self.fields["comment"].label)

    def clean(self):
        cleaned = super().clean()
        if "comment" in self.errors:
            return cleaned  # too long: that message is enough
        if cleaned.get("decision") == "return" and not (cleaned.get("comment") or "").strip():
            self.add_error("comment", _("Say what the bureau should correct."))
        return cleaned


class RegistryRecordForm(ReportForm):
    """Base of the plan apps' registry forms (each in its app's ``forms.py``): no dates in
    the future but those of ``future_dates`` (a certificate's expiry), no negative amounts
    (and ReportForm's bounds)."""

    future_dates = ()

    def clean(self):
        cleaned = super().clean()
        today = status.today()
        for name, field in self.fields.items():
            value = cleaned.get(name)
            if (
                isinstance(field, forms.DateField)
                and value
                and value > today
                and name not in self.future_dates
            ):
                self.add_error(name, _("This date cannot be in the future."))
            if isinstance(field, forms.DecimalField) and value is not None and value < 0:
                self.add_error(name, _("This value cannot be negative."))
        return cleaned

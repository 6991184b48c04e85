"""Forms for reporting progress. They keep what the user typed when validation fails and
put each message next to its field."""

import copy

from crispy_forms.helper import FormHelper
from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jiyuan_portal.tracking.status import PLAN_START
from jiyuan_portal.tracking.units import allows_negative, decimals_for
from jiyuan_portal.utils.numbers import plain_decimal

from .models import MilestoneReport, TargetReport
from .uploads import allowed_extensions, check_evidence_file

# A browser's date picker only accepts ISO dates, whatever the language of the page.
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class EvidenceField(forms.FileField):
    """Several evidence files at once; each checked by content, size and type."""

    widget = MultipleFileInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", gettext_lazy("Evidence files"))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data] if data else []
        if self.required and not files:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        errors, checked = [], []
        for upload in files:
            try:
                checked.append((upload, check_evidence_file(upload)))
            except forms.ValidationError as error:
                errors.extend(error.error_list)
        if errors:
            raise forms.ValidationError(errors)
        return checked


def check_report_date(value, field_label):
    today = timezone.localdate()
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
    """Base of every reporting form: evidence files, the version seen, crispy layout."""

    evidence = EvidenceField(help_text=gettext_lazy("PDF, images, Word, Excel or WPS documents."))
    version = VersionField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence"].widget.attrs["accept"] = ",".join(allowed_extensions())
        self.fields["version"].initial = self.instance.version if self.instance.pk else None
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean(self):
        cleaned = super().clean()
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

    def clean(self):
        cleaned = super().clean()
        outcome = cleaned.get("outcome")
        if outcome == MilestoneReport.Outcome.COMPLETED:
            completed_on = cleaned.get("completed_on")
            if completed_on is None:
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
            if expected_on is None:
                self.add_error("expected_on", _("Give the new expected date."))
            elif expected_on <= timezone.localdate():
                self.add_error("expected_on", _("The new expected date must be in the future."))
            cleaned["completed_on"] = None
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

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "return" and not (cleaned.get("comment") or "").strip():
            self.add_error("comment", _("Say what the bureau should correct."))
        return cleaned


class RegistryRecordForm(ReportForm):
    """Base of the plan apps' registry forms (each in its app's ``forms.py``): date
    pickers, no dates in the future, no negative amounts."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.widget = copy.deepcopy(DATE_INPUT)

    def clean(self):
        cleaned = super().clean()
        today = timezone.localdate()
        for name, field in self.fields.items():
            value = cleaned.get(name)
            if isinstance(field, forms.DateField) and value and value > today:
                self.add_error(name, _("This date cannot be in the future."))
            if isinstance(field, forms.DecimalField) and value is not None and value < 0:
                self.add_error(name, _("This value cannot be negative."))
        return cleaned

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from jiyuan_portal.reporting.forms import DATE_INPUT, accept_full_width_digits, cap_text
from jiyuan_portal.tracking.status import ENTRY_WINDOW_END, today

from .models import Explanation, NotificationPreference


class ExplanationForm(forms.ModelForm):
    class Meta:
        model = Explanation
        fields = ("reason", "measures", "expected_on")
        widgets = {
            "reason": forms.Textarea(attrs={"rows": 3}),
            "measures": forms.Textarea(attrs={"rows": 3}),
            "expected_on": DATE_INPUT,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("reason", "measures"):
            cap_text(self.fields[name], self.fields[name].label)
        accept_full_width_digits(self)
        self.fields["expected_on"].widget.attrs.update(
            min=today().isoformat(), max=ENTRY_WINDOW_END.isoformat()
        )

    def clean_expected_on(self):
        expected = self.cleaned_data["expected_on"]
        if expected < today():
            raise forms.ValidationError(_("The new expected date cannot be in the past."))
        if expected > ENTRY_WINDOW_END:
            raise forms.ValidationError(
                _("The new expected date must be on or before %(date)s.")
                % {"date": ENTRY_WINDOW_END.isoformat()}
            )
        return expected


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("decision"),
        choices=[
            (Explanation.Decision.ACCEPTED, Explanation.Decision.ACCEPTED.label),
            (Explanation.Decision.REJECTED, Explanation.Decision.REJECTED.label),
        ],
    )
    note = forms.CharField(
        label=_("comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == Explanation.Decision.REJECTED and not cleaned.get("note"):
            self.add_error("note", _("Say why the explanation is not accepted."))
        return cleaned


class EscalateForm(forms.Form):
    reason = forms.CharField(label=_("reason"), max_length=200)


class CloseForm(forms.Form):
    # Its own prefix: the page may show it beside a decision form, which has a note too.
    prefix = "close"

    note = forms.CharField(
        label=_("closing note"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class NotificationPreferenceForm(forms.ModelForm):
    class Meta:
        model = NotificationPreference
        fields = ("email",)
        widgets = {"email": forms.RadioSelect}


class BulletinPeriodForm(forms.Form):
    start = forms.DateField(label=_("from"), widget=DATE_INPUT)
    end = forms.DateField(label=_("to"), widget=DATE_INPUT)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end of the period is before its start."))
        return cleaned

    @staticmethod
    def default_period():
        end = today()
        return {"start": end - datetime.timedelta(days=30), "end": end}

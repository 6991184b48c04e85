from captcha.fields import CaptchaField, CaptchaTextInput
from django import forms
from django.conf import settings
from django.core.validators import RegexValidator
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from jiyuan_portal.reporting.forms import EvidenceField, cap_text
from jiyuan_portal.tracking import status
from jiyuan_portal.tracking.models import Bureau

from .models import Complaint

# django-simple-captcha's catalogue words Django's own "This field is required." its own way
# (这个字段是必须的) and, as an installed app, is read before Django's: the portal's
# catalogue, read first of all, keeps Django's wording on every form.
gettext_noop("This field is required.")

phone_number = RegexValidator(
    r"^[0-9０-９+()（）\- ]{5,30}$",
    _("Enter a telephone number: digits, with “-” or spaces if you like."),
)
FREE_TEXT = ("address", "description", "contact_name")


class ComplaintFormBase(forms.ModelForm):
    """What every complaint says, from the public or entered by staff. Free text is kept as
    plain text: any HTML tags typed are removed (pages escape it in any case)."""

    photos = EvidenceField(
        label=_("Photos"),
        types=settings.JIYUAN_COMPLAINT_PHOTO_TYPES,
        max_files=settings.JIYUAN_COMPLAINTS["max_photos"],
        help_text=_("Up to 3 photos, JPEG or PNG."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cap_text(self.fields["description"], self.fields["description"].label)
        self.fields["contact_phone"].validators.append(phone_number)
        self.fields["town"].empty_label = _("Choose the town or district")

    def clean(self):
        cleaned = super().clean()
        for name in FREE_TEXT:
            if cleaned.get(name):
                cleaned[name] = strip_tags(cleaned[name]).strip()
                if not cleaned[name] and self.fields[name].required:
                    self.add_error(name, _("Write it as plain text."))
        return cleaned


class PortalCaptchaInput(CaptchaTextInput):
    """django-simple-captcha's input with the picture described in the user's language
    (the form renderer finds widget templates in the apps, not in the project's
    ``templates/``)."""

    template_name = "complaints/widgets/captcha.html"


class PublicComplaintForm(ComplaintFormBase):
    captcha = CaptchaField(
        widget=PortalCaptchaInput,
        label=_("Characters in the picture"),
        error_messages={"invalid": _("The characters do not match the picture; try again.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Crispy puts the picture and the box in a fieldset: the box gets its own name.
        captcha = self.fields["captcha"]
        captcha.widget.attrs["aria-label"] = captcha.label

    class Meta:
        model = Complaint
        fields = ("kind", "town", "address", "description", "contact_name", "contact_phone")
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "contact_name": _("Optional. Seen only by the supervisors and the bureau verifying."),
            "contact_phone": _("Optional, for the bureau to ask you more."),
        }


class StaffComplaintForm(ComplaintFormBase):
    """A case received through 12345, a visit or a letter, entered by staff."""

    source = forms.ChoiceField(
        label=_("received through"),
        choices=[c for c in Complaint.Source.choices if c[0] != Complaint.Source.WEB],
    )
    received_on = forms.DateField(
        label=_("received on"), widget=forms.DateInput(attrs={"type": "date"})
    )

    class Meta:
        model = Complaint
        fields = (
            "source",
            "received_on",
            "kind",
            "town",
            "address",
            "description",
            "contact_name",
            "contact_phone",
        )
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["received_on"].initial = status.today()

    def clean_received_on(self):
        value = self.cleaned_data["received_on"]
        if value > status.today():
            raise forms.ValidationError(_("A case cannot be received after today."))
        return value


class CloseForm(forms.ModelForm):
    class Meta:
        model = Complaint
        fields = ("finding", "verification", "measures")
        widgets = {
            "verification": forms.Textarea(attrs={"rows": 4}),
            "measures": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.Meta.fields:
            self.fields[name].required = True
        for name in ("verification", "measures"):
            cap_text(self.fields[name], self.fields[name].label)


class ReassignForm(forms.ModelForm):
    class Meta:
        model = Complaint
        fields = ("bureau", "due_on")
        widgets = {"due_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bureau"].queryset = Bureau.objects.all()


class ReceiptLookupForm(forms.Form):
    number = forms.CharField(label=_("receipt number"), max_length=20)
    secret = forms.CharField(
        label=_("query code"), max_length=40, widget=forms.PasswordInput(render_value=False)
    )

    def clean_number(self):
        return self.cleaned_data["number"].strip().upper()

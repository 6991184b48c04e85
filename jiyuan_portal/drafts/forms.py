"""The forms of the review: the notice's header, a plan, a task with its milestones and
targets, a plan's award rules, and the unit names. Each edits a part of the draft's data
(plain dicts in the plan files' layout); ``entries()`` turns a formset back into them."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from jiyuan_portal.tracking.dates import DeadlineError, parse_deadline
from jiyuan_portal.tracking.models import AwardRule, Bureau, Target, Task

from . import units
from .reading import text_of_upload

TEXTAREA = {"rows": 3}


def _number(value):
    return int(value) if value == int(value) else float(value)


class NewDraftForm(forms.Form):
    text = forms.CharField(
        label=_("Text of the notice"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("Paste the whole text: the header, the notice and every plan it issues."),
    )
    file = forms.FileField(
        label=_("Or upload it"),
        required=False,
        help_text=_("A .txt file (UTF-8 or GB18030) or a Word document (.docx)."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("file"):
            try:
                cleaned["text"] = text_of_upload(cleaned["file"])
                cleaned["source_name"] = cleaned["file"].name
            except ValidationError as error:
                self.add_error("file", error)
        elif cleaned.get("text", "").strip():
            cleaned["source_name"] = ""
        elif not self.errors:
            raise ValidationError(_("Paste the text of the notice or upload it as a file."))
        return cleaned


class NoticeForm(forms.Form):
    number = forms.CharField(label=_("document number"), max_length=50)
    title = forms.CharField(label=_("title"), max_length=200)
    issuer = forms.CharField(label=_("issuer"), max_length=100)
    issuing_office = forms.CharField(
        label=_("issuing office (发文机关)"), max_length=100, required=False
    )
    index_number = forms.CharField(label=_("index number (索引号)"), max_length=50, required=False)
    issued_on = forms.DateField(label=_("issued on"))
    published_on = forms.DateField(label=_("published on"), required=False)
    printed_on = forms.DateField(label=_("printed on (印发日期)"), required=False)

    def entry(self) -> dict:
        data = dict(self.cleaned_data)
        for name in ("issued_on", "published_on", "printed_on"):
            data[name] = data[name].isoformat() if data[name] else None
        return data


class PlanForm(forms.Form):
    code = forms.SlugField(
        label=_("code"), max_length=50, help_text=_("Letters, digits and hyphens; in the address.")
    )
    title = forms.CharField(label=_("title"), max_length=200)
    short_name = forms.CharField(label=_("short name"), max_length=50)
    preamble = forms.CharField(
        label=_("preamble"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    goals = forms.CharField(label=_("goals"), required=False, widget=forms.Textarea(attrs=TEXTAREA))

    def __init__(self, *args, other_codes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.other_codes = set(other_codes)

    def clean_code(self):
        code = self.cleaned_data["code"]
        if code in self.other_codes:
            raise ValidationError(
                _("Another plan of this draft has the code “%(code)s”."), params={"code": code}
            )
        return code


class TaskForm(forms.Form):
    number = forms.CharField(label=_("number"), max_length=20)
    title = forms.CharField(label=_("title"), max_length=200)
    section = forms.ChoiceField(label=_("section"), choices=Task.Section.choices)
    text = forms.CharField(label=_("clauses"), widget=forms.Textarea(attrs={"rows": 8}))
    responsible = forms.CharField(
        label=_("responsible units"),
        max_length=500,
        required=False,
        help_text=_("Separated by 、; the first leads. Empty: the text names no unit."),
    )

    def __init__(self, *args, other_numbers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.other_numbers = set(other_numbers)

    def clean_number(self):
        number = self.cleaned_data["number"]
        if number in self.other_numbers:
            raise ValidationError(
                _("Another task of this plan has the number “%(number)s”."),
                params={"number": number},
            )
        return number


class MilestoneForm(forms.Form):
    when = forms.CharField(
        label=_("when"),
        max_length=100,
        help_text=_("As the text writes it: 2017年6月底前, 10月底前, 每年, 持续, 未明确时限."),
    )
    year = forms.IntegerField(
        label=_("year"),
        required=False,
        min_value=2000,
        max_value=2100,
        help_text=_("For a phrase without its year (6月底前)."),
    )
    what = forms.CharField(label=_("what must be done"), widget=forms.Textarea(attrs=TEXTAREA))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("when"):
            try:
                parse_deadline(cleaned["when"], cleaned.get("year"))
            except DeadlineError:
                self.add_error(
                    "when",
                    _(
                        "The portal cannot read “%(phrase)s” as a deadline: write it as "
                        "2018年6月底前, 6月底前 or 年底前 (with the year), 到2020年, 每年, 持续 "
                        "or 未明确时限."
                    )
                    % {"phrase": cleaned["when"]},
                )
        return cleaned

    def entry(self) -> dict:
        entry = {"when": self.cleaned_data["when"], "what": self.cleaned_data["what"]}
        if self.cleaned_data.get("year"):
            entry["year"] = self.cleaned_data["year"]
        return entry


class TargetForm(forms.Form):
    code = forms.SlugField(label=_("code"), max_length=80)
    indicator = forms.CharField(label=_("indicator"), max_length=200)
    value = forms.DecimalField(label=_("value"), max_digits=14, decimal_places=4)
    unit = forms.CharField(label=_("unit"), max_length=20)
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)
    # An empty first choice, so that the blank row for adding one is left unchanged when
    # nothing is typed in it (a select always submits a value).
    bound = forms.ChoiceField(label=_("bound"), choices=[("", "—"), *Target.Bound.choices])
    kind = forms.ChoiceField(label=_("kind"), choices=[("", "—"), *Target.Kind.choices])
    baseline_year = forms.IntegerField(
        label=_("baseline year"), required=False, min_value=2000, max_value=2100
    )
    baseline_value = forms.DecimalField(
        label=_("baseline value"), required=False, max_digits=14, decimal_places=4
    )
    clause = forms.CharField(label=_("clause"), widget=forms.Textarea(attrs=TEXTAREA))

    def entry(self) -> dict:
        entry = dict(self.cleaned_data)
        entry.pop("DELETE", None)
        entry["value"] = _number(entry["value"])
        for name in ("baseline_year", "baseline_value"):
            if entry.get(name) is None:
                entry.pop(name, None)
        if "baseline_value" in entry:
            entry["baseline_value"] = _number(entry["baseline_value"])
        return entry


AMOUNT = {"max_digits": 12, "decimal_places": 2, "required": False, "min_value": 0}


class AwardRuleForm(forms.Form):
    code = forms.SlugField(label=_("code"), max_length=80)
    task = forms.ChoiceField(label=_("task"), required=False)
    name = forms.CharField(label=_("name"), max_length=200)
    method = forms.ChoiceField(label=_("how much"), choices=[("", "—"), *AwardRule.Method.choices])
    fixed_amount = forms.DecimalField(label=_("fixed amount (万元)"), **AMOUNT)
    rate = forms.DecimalField(
        label=_("rate (%)"),
        max_digits=5,
        decimal_places=2,
        required=False,
        min_value=0,
        max_value=100,
    )
    base_label = forms.CharField(
        label=_("base as the text names it"), max_length=100, required=False
    )
    threshold = forms.DecimalField(label=_("threshold (万元)"), **AMOUNT)
    threshold_label = forms.CharField(
        label=_("threshold as the text names it"), max_length=100, required=False
    )
    cap = forms.DecimalField(label=_("cap per record (万元)"), **AMOUNT)
    annual_cap = forms.DecimalField(label=_("cap per year (万元)"), **AMOUNT)
    duration_years = forms.IntegerField(label=_("years of support"), required=False, min_value=1)
    first_year = forms.IntegerField(
        label=_("first year"), required=False, min_value=2000, max_value=2100
    )
    amount_note = forms.CharField(
        label=_("amount as the text puts it"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    clause = forms.CharField(label=_("clause"), widget=forms.Textarea(attrs=TEXTAREA))

    def __init__(self, *args, task_numbers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["task"].choices = [("", "—"), *((n, n) for n in task_numbers)]

    def clean(self):
        cleaned = super().clean()
        needs = {
            AwardRule.Method.FIXED: "fixed_amount",
            AwardRule.Method.RATE: "rate",
            AwardRule.Method.UNSPECIFIED: "amount_note",
        }.get(cleaned.get("method"))
        if needs and cleaned.get(needs) in (None, ""):
            self.add_error(needs, _("This rule's way of paying needs this field."))
        return cleaned

    def entry(self) -> dict:
        entry = {}
        for name, value in self.cleaned_data.items():
            if name == "DELETE" or value in (None, ""):
                continue
            entry[name] = _number(value) if isinstance(value, Decimal) else value
        return entry


class EntryFormSet(forms.BaseFormSet):
    """A list of a plan's or task's entries: rows can be changed, removed or added."""

    def entries(self) -> list[dict]:
        """The rows kept, each with the source of the row it was drafted as."""
        kept = []
        for index, form in enumerate(self.forms):
            if not form.has_changed() and index >= self.initial_form_count():
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            entry = form.entry()
            if index < len(self.initial or []):
                entry["source"] = self.initial[index].get("source")
            kept.append(entry)
        return kept


def formset_of(form_class, **options):
    return forms.formset_factory(
        form_class, formset=EntryFormSet, extra=1, can_delete=True, **options
    )


MilestoneFormSet = formset_of(MilestoneForm)
TargetFormSet = formset_of(TargetForm)
AwardRuleFormSet = formset_of(AwardRuleForm)


class UnitsForm(forms.Form):
    """For each unit name the portal does not know: an alias of a known bureau, or a new
    bureau. The proposal (the closest known name) is chosen to start with."""

    NEW = "new"

    def __init__(self, *args, unknown: list[units.UnitName], **kwargs):
        super().__init__(*args, **kwargs)
        self.unknown = unknown
        bureaus = [(str(b.pk), b.name) for b in Bureau.objects.order_by("order", "name")]
        choices = [(self.NEW, _("a new bureau of this name")), *bureaus]
        for index, unit in enumerate(unknown):
            decision = unit.decision or {}
            if decision.get("action") == units.ALIAS:
                initial = str(decision["bureau"])
            elif decision or unit.proposal is None:
                initial = self.NEW
            else:
                initial = str(unit.proposal.pk)
            self.fields[f"unit_{index}"] = forms.ChoiceField(
                label=unit.written, choices=choices, initial=initial
            )
            self.fields[f"unit_{index}"].widget.attrs["class"] = "form-select"

    def rows(self):
        """(bound field, unit name) of each unknown name, for the page."""
        return [(self[f"unit_{index}"], unit) for index, unit in enumerate(self.unknown)]

    def decisions(self) -> dict:
        decided = {}
        for index, unit in enumerate(self.unknown):
            choice = self.cleaned_data[f"unit_{index}"]
            decided[unit.written] = (
                {"action": units.NEW}
                if choice == self.NEW
                else {"action": units.ALIAS, "bureau": int(choice)}
            )
        return decided

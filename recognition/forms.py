from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from criteria.enums import Title
from recognition.certificates import DEFAULT_POSITIONS, FONT_PT, OVERLAY_FIELDS, PAPER_MM
from recognition.enums import DecisionStatus
from recognition.models import Decision

DATE_HELP = _("dd/mm/yyyy")


class LinesField(forms.CharField):
    """A list typed one item per line (legal bases, recipients)."""

    widget = forms.Textarea

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value) -> list[str]:
        return [line.strip() for line in (value or "").splitlines() if line.strip()]


class DecisionForm(forms.Form):
    number = forms.CharField(
        label=pgettext_lazy("of a document", "Number"),
        max_length=20,
        required=False,
        help_text=_("From the commune's register of documents; the next free number is suggested."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    symbol = forms.CharField(label=_("Symbol"), max_length=30)
    date = forms.DateField(
        label=_("Date"),
        required=False,
        help_text=DATE_HELP,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "autocomplete": "off"}),
    )
    place = forms.CharField(label=_("Place"), max_length=80, help_text=Decision._meta.get_field("place").help_text)
    subject_line = forms.CharField(
        label=pgettext_lazy("of a document", "Subject"), max_length=300, widget=forms.Textarea(attrs={"rows": 2})
    )
    signer_name = forms.CharField(label=_("Signer's name"), max_length=120, required=False)
    signer_capacity = forms.CharField(
        label=_("Signing capacity"),
        max_length=120,
        help_text=_("One line each, e.g. “KT. CHỦ TỊCH” then “PHÓ CHỦ TỊCH”."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    legal_bases = LinesField(
        label=_("Legal bases"), help_text=_("One per line."), widget=forms.Textarea(attrs={"rows": 6})
    )
    recipients = LinesField(
        label=_("Recipients (Nơi nhận)"), help_text=_("One per line."), widget=forms.Textarea(attrs={"rows": 4})
    )


class IssueForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("The decision was signed with this number and date; once issued it cannot be changed.")
    )


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))
    revoking_decision = forms.CharField(
        label=_("Revoking decision"),
        max_length=120,
        help_text=_("Its number and date, e.g. 25/QĐ-UBND ngày 10/02/2026."),
    )


class UploadForm(forms.Form):
    file = forms.FileField(label=_("File"))

    def __init__(self, *args, accept: str, label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = accept
        if label:
            self.fields["file"].label = label


class ListFilterForm(forms.Form):
    """The decision list's filters (all optional; a bad value is ignored)."""

    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)
    title = forms.ChoiceField(label=_("Title"), choices=[("", _("All titles")), *Title.choices], required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All statuses")), *DecisionStatus.choices], required=False
    )

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All years")), *((year, year) for year in years)]
        for field in self.fields.values():
            field.widget.attrs["aria-label"] = field.label

    def value(self, name: str):
        return self.cleaned_data.get(name) if self.is_valid() else None


FIELD_LABELS = {
    "subject": _("Name of the recognised"),
    "place": _("Village and commune"),
    "title": _("Title and year"),
    "decision": _("Decision number and date"),
    "date": _("Place and date"),
    "signer": _("Signer's name"),
    "code": _("QR and verification code"),
}


class LayoutForm(forms.Form):
    """Where each field is printed on the commune's pre-printed paper: x and y in millimetres from the
    paper's top-left corner (A4 landscape), and the size of the letters in points."""

    def __init__(self, *args, positions: dict, **kwargs):
        super().__init__(*args, **kwargs)
        limits = {"x": (0, PAPER_MM[0]), "y": (0, PAPER_MM[1]), "size": FONT_PT}
        for name in OVERLAY_FIELDS:
            saved = {**DEFAULT_POSITIONS[name], **positions.get(name, {})}
            for axis, (low, high) in limits.items():
                self.fields[f"{name}_{axis}"] = forms.IntegerField(
                    label=axis,
                    min_value=low,
                    max_value=high,
                    initial=saved[axis],
                    widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                )

    def rows(self):
        """(label, x, y, size) bound fields per certificate field, for a compact table."""
        return [
            (FIELD_LABELS[name], self[f"{name}_x"], self[f"{name}_y"], self[f"{name}_size"]) for name in OVERLAY_FIELDS
        ]

    def positions(self) -> dict[str, dict[str, int]]:
        data = self.cleaned_data
        return {name: {axis: data[f"{name}_{axis}"] for axis in ("x", "y", "size")} for name in OVERLAY_FIELDS}


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "placeholder": "ABCD-EFGH",
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
            }
        ),
    )

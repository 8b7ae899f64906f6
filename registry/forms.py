from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from areas.models import Area
from khuyenhoc.spreadsheets import SpreadsheetError, check_file
from registry.enums import EndReason, Gender, ImportKind, LabourGroup, UnitKind
from registry.models import Clan, Unit

DATE_HELP = _("dd/mm/yyyy")
STATUS_CHOICES = [("active", _("Counted now")), ("inactive", _("No longer counted")), ("all", _("All"))]


def _year_field(required: bool = False) -> forms.IntegerField:
    return forms.IntegerField(
        label=_("Birth year"),
        required=required,
        min_value=1900,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class ListFilterForm(forms.Form):
    """Search and filters of the registry lists (all optional; a bad value is ignored)."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    village = forms.ModelChoiceField(label=_("Village"), queryset=Area.objects.none(), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)
    group = forms.ChoiceField(label=_("Labour group"), choices=[("", "—"), *LabourGroup.choices], required=False)

    def __init__(self, *args, villages=None, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["aria-label"] = field.label
        if villages is None:
            del self.fields["village"]
        else:
            self.fields["village"].queryset = villages
            self.fields["village"].empty_label = _("All villages")

    def value(self, name: str):
        return self.cleaned_data.get(name) if self.is_valid() else None


class EndForm(forms.Form):
    on = forms.DateField(label=_("No longer counted from"), help_text=DATE_HELP, initial=timezone.localdate)
    reason = forms.ChoiceField(label=_("Reason"), choices=EndReason.choices)

    def __init__(self, *args, reasons=None, **kwargs):
        super().__init__(*args, **kwargs)
        if reasons:
            self.fields["reason"].choices = [(value, label) for value, label in EndReason.choices if value in reasons]


class HouseholdForm(forms.Form):
    code = forms.CharField(
        label=_("Household code"), max_length=30, required=False, help_text=_("Empty: the next free number.")
    )
    village = forms.ModelChoiceField(label=_("Village"), queryset=Area.objects.none())
    head_name = forms.CharField(label=_("Head of household"), max_length=150)
    head_gender = forms.ChoiceField(label=_("Head's gender"), choices=Gender.choices)
    head_birth_year = _year_field()
    address = forms.CharField(label=_("Address"), max_length=255, required=False)
    clan = forms.ModelChoiceField(label=_("Clan"), queryset=Clan.objects.none(), required=False)
    active_from = forms.DateField(
        label=_("Counted from"), required=False, help_text=_("dd/mm/yyyy. Empty: since records began.")
    )

    def __init__(self, *args, villages, clans, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages
        self.fields["clan"].queryset = clans
        if editing:
            for name in ("head_gender", "head_birth_year", "active_from"):
                del self.fields[name]

    def clean_head_birth_year(self) -> int | None:
        return _not_future(self.cleaned_data.get("head_birth_year"))


def _not_future(year: int | None) -> int | None:
    if year is not None and year > timezone.localdate().year:
        raise forms.ValidationError(_("The birth year cannot be in the future."))
    return year


class PersonForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices)
    birth_year = _year_field()
    labour_group = forms.ChoiceField(label=_("Labour group"), choices=LabourGroup.choices, initial=LabourGroup.OTHER)
    relation = forms.CharField(label=_("Relation to the head"), max_length=40, required=False)
    is_head = forms.BooleanField(label=_("Head of household"), required=False)
    unit = forms.ModelChoiceField(
        label=_("Workplace"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=_("For officials and staff of a unit of the commune."),
    )
    citizen_id = forms.RegexField(
        label=_("Citizen ID"),
        regex=r"^\d{12}$",
        required=False,
        error_messages={"invalid": _("A citizen ID has 12 digits.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    active_from = forms.DateField(label=_("Counted from"), required=False, help_text=DATE_HELP)

    def __init__(self, *args, units, personal_data: bool, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        if not personal_data:
            del self.fields["citizen_id"]
        if editing:
            del self.fields["active_from"]

    def clean_birth_year(self) -> int | None:
        return _not_future(self.cleaned_data.get("birth_year"))


class StaffForm(forms.Form):
    """A staff member of a unit who does not live in one of the commune's households."""

    full_name = forms.CharField(label=_("Full name"), max_length=150)
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices)
    birth_year = _year_field()
    citizen_id = PersonForm.base_fields["citizen_id"]

    def __init__(self, *args, personal_data: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not personal_data:
            del self.fields["citizen_id"]

    def clean_birth_year(self) -> int | None:
        return _not_future(self.cleaned_data.get("birth_year"))


class ClanForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=30, required=False, help_text=_("Empty: the next free number."))
    name = forms.CharField(label=_("Clan"), max_length=150, help_text=_("For example: Dòng họ Nguyễn Văn."))
    branch = forms.CharField(label=_("Branch (chi, phái)"), max_length=100, required=False)
    representative = forms.CharField(label=_("Representative"), max_length=150, required=False)


class UnitForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=30, required=False, help_text=_("Empty: the next free number."))
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=UnitKind.choices)
    village = forms.ModelChoiceField(
        label=_("Village"), queryset=Area.objects.none(), required=False, help_text=_("Empty: the commune itself.")
    )
    staff_count = forms.IntegerField(label=_("Staff count"), min_value=0, required=False)

    def __init__(self, *args, villages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the file holds"), choices=ImportKind.choices)
    file = forms.FileField(
        label=_("Excel file (.xlsx)"),
        allow_empty_file=True,  # check_file says it in the words it uses for every other refusal
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            check_file(upload)
        except SpreadsheetError as error:
            raise forms.ValidationError(str(error)) from None
        return upload

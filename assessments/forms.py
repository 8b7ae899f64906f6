from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from areas.models import Area
from criteria.enums import Title
from criteria.models import CriteriaSet
from criteria.selectors import published_sets_for

DATE_HELP = _("dd/mm/yyyy; may stay empty.")


def _pk(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class CampaignForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=200, required=False, help_text=_("Empty: the title and the year.")
    )
    year = forms.IntegerField(
        label=_("Year"), min_value=2000, max_value=2100, widget=forms.NumberInput(attrs={"inputmode": "numeric"})
    )
    title = forms.ChoiceField(label=_("Title"), choices=Title.choices)
    area = forms.ModelChoiceField(
        label=_("Area"), queryset=Area.objects.none(), help_text=_("A commune, or a whole district or province.")
    )
    criteria_set = forms.ModelChoiceField(
        label=_("Criteria set"),
        queryset=CriteriaSet.objects.none(),
        help_text=_("The published sets of the title that apply in the area."),
    )
    registration_until = forms.DateField(label=_("Registration until"), required=False, help_text=DATE_HELP)
    self_assessment_until = forms.DateField(
        label=_("Self-assessment until"),
        required=False,
        help_text=_("dd/mm/yyyy. Personal links stop working after this day."),
    )
    village_review_until = forms.DateField(label=_("Village review until"), required=False, help_text=DATE_HELP)
    commune_review_until = forms.DateField(label=_("Commune review until"), required=False, help_text=DATE_HELP)
    decision_by = forms.DateField(label=_("Decision by"), required=False, help_text=DATE_HELP)

    def __init__(self, *args, areas: QuerySet, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas
        # Nothing to choose for an officer of one commune, nor (at first) among the sets offered.
        self.fields["area"].empty_label = None
        self.fields["criteria_set"].empty_label = None
        self.fields["year"].initial = timezone.localdate().year
        # The sets offered follow the title and area chosen (sent again by htmx when either changes).
        chosen = self.data if self.is_bound else self.initial
        title = chosen.get("title") if chosen.get("title") in Title.values else Title.FAMILY
        area = areas.filter(pk=_pk(chosen.get("area"))).first() or areas.first()
        if area is not None:
            self.fields["criteria_set"].queryset = published_sets_for(title=title, area=area)
        self.fields["criteria_set"].label_from_instance = lambda s: f"{s.name} (v{s.version})"


class CampaignFilterForm(forms.Form):
    """The list's filters (both optional; a bad value is ignored)."""

    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)
    title = forms.ChoiceField(label=_("Title"), choices=[("", _("All titles")), *Title.choices], required=False)

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All years")), *((year, year) for year in years)]
        for field in self.fields.values():
            field.widget.attrs["aria-label"] = field.label

    def value(self, name: str):
        return self.cleaned_data.get(name) if self.is_valid() else None

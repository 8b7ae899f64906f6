from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from reports.enums import MapChoice
from reports.models import Indicator, Plan


class DashboardForm(forms.Form):
    """The dashboard's filters. Anything missing or wrong falls back to the defaults."""

    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    map = forms.ChoiceField(label=_("Map"), choices=MapChoice.choices, required=False)
    plan = forms.IntegerField(label=_("Compare with"), required=False)

    def __init__(self, data, *, years: list[int]):
        super().__init__(data)
        self.fields["year"].choices = [(year, year) for year in years]


class PlanForm(forms.ModelForm):
    class Meta:
        model = Plan
        fields = ["number", "issuer", "date", "title", "area", "period_start", "period_end", "note"]
        widgets = {"title": forms.Textarea(attrs={"rows": 3}), "note": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"area": _("Empty: a national plan.")}

    def __init__(self, *args, areas=None, national: bool = False, **kwargs):
        """`areas`: where the user may set a plan (None when editing: the area and period stay);
        `national`: whether the area may be left empty."""
        super().__init__(*args, **kwargs)
        if areas is None:
            for name in ("area", "period_start", "period_end"):
                del self.fields[name]
        else:
            self.fields["area"].queryset = areas
            self.fields["area"].required = not national


class TargetsForm(forms.Form):
    """A grid of the plan's targets: a value (%) and an "unconfirmed" box per indicator and year."""

    def __init__(self, *args, plan: Plan, indicators: list[Indicator], **kwargs):
        super().__init__(*args, **kwargs)
        self.years = list(range(plan.period_start, plan.period_end + 1))
        self.indicators = indicators
        current = {(t.indicator_id, t.year): t for t in plan.targets.all()}
        for indicator in indicators:
            for year in self.years:
                target = current.get((indicator.pk, year))
                self.fields[f"v_{indicator.code}_{year}"] = forms.DecimalField(
                    label=f"{indicator.short_name} {year}",
                    required=False,
                    min_value=Decimal(0),
                    max_value=Decimal(100),
                    decimal_places=2,
                    initial=target.value.normalize() if target else None,
                    widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 4}),
                )
                self.fields[f"u_{indicator.code}_{year}"] = forms.BooleanField(
                    label=_("unconfirmed"), required=False, initial=target.unconfirmed if target else False
                )

    def grid(self) -> list[tuple[Indicator, list[tuple[forms.BoundField, forms.BoundField]]]]:
        return [
            (indicator, [(self[f"v_{indicator.code}_{y}"], self[f"u_{indicator.code}_{y}"]) for y in self.years])
            for indicator in self.indicators
        ]

    def values(self) -> dict[tuple[str, int], tuple[Decimal, bool] | None]:
        data = self.cleaned_data
        result = {}
        for indicator in self.indicators:
            for year in self.years:
                value = data[f"v_{indicator.code}_{year}"]
                result[indicator.code, year] = None if value is None else (value, data[f"u_{indicator.code}_{year}"])
        return result


class FiguresForm(forms.Form):
    """The figures a commune enters for a year: counted, out of, and where they come from, per indicator.
    A line left empty removes the figure."""

    def __init__(self, *args, indicators: list[Indicator], current: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        for indicator in indicators:
            figure = current.get(indicator.pk)
            self.fields[f"n_{indicator.code}"] = forms.IntegerField(
                label=_("Number counted"), required=False, min_value=0, initial=figure.numerator if figure else None
            )
            self.fields[f"d_{indicator.code}"] = forms.IntegerField(
                label=_("Out of"), required=False, min_value=1, initial=figure.denominator if figure else None
            )
            self.fields[f"s_{indicator.code}"] = forms.CharField(
                label=_("Source"), required=False, max_length=300, initial=figure.source if figure else ""
            )

    def lines(self):
        return [
            (indicator, self[f"n_{indicator.code}"], self[f"d_{indicator.code}"], self[f"s_{indicator.code}"])
            for indicator in self.indicators
        ]

    def clean(self):
        data = super().clean()
        for indicator in self.indicators:
            given = [data.get(f"{part}_{indicator.code}") not in (None, "") for part in "nds"]
            if any(given) and not all(given):
                self.add_error(
                    f"s_{indicator.code}" if given[0] and given[1] else f"d_{indicator.code}",
                    _("Give the number counted, the total and the source, or leave the line empty."),
                )
        return data

    def values(self) -> dict[str, tuple[int, int, str] | None]:
        data = self.cleaned_data
        return {
            i.code: (data[f"n_{i.code}"], data[f"d_{i.code}"], data[f"s_{i.code}"])
            if data[f"n_{i.code}"] is not None
            else None
            for i in self.indicators
        }

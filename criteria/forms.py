from django import forms
from django.utils.translation import gettext_lazy as _

from criteria.engine import Item, RuleSet
from criteria.enums import LabourGroup, Rule, Title


def points_field(label, *, required: bool = False, help_text: str = "") -> forms.DecimalField:
    # localize: "4,5" as Vietnamese write it, and "4.5" too.
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=0,
        max_digits=6,
        decimal_places=2,
        localize=True,
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )


class AreaChoiceField(forms.TypedChoiceField):
    """An area among those offered, or "" for the whole country."""

    def __init__(self, areas, *, national: bool, **kwargs):
        self.areas = {str(area.pk): area for area in areas}
        choices = [("", _("National (every province)"))] if national else []
        choices += [(pk, area.name) for pk, area in self.areas.items()]
        super().__init__(choices=choices, coerce=lambda pk: self.areas.get(pk), empty_value=None, **kwargs)


class SetForm(forms.Form):
    title = forms.ChoiceField(label=_("Title"), choices=Title.choices)
    name = forms.CharField(label=_("Name"), max_length=200)
    issuer = forms.CharField(label=_("Issuing body"), max_length=200, required=False)
    document_number = forms.CharField(label=_("Document number"), max_length=60, required=False)
    document_date = forms.DateField(label=_("Document date"), required=False, help_text=_("dd/mm/yyyy"))
    period_from = forms.IntegerField(label=_("Period from (year)"), min_value=2000, max_value=2100, required=False)
    period_to = forms.IntegerField(label=_("Period to (year)"), min_value=2000, max_value=2100, required=False)
    rule = forms.ChoiceField(label=_("Outcome rule"), choices=Rule.choices)
    total_points = points_field(_("Total points"), help_text=_("What the items add up to (not needed for levels)."))
    pass_mark = points_field(_("Pass mark"), help_text=_("Pass-mark sets: the least total that passes."))
    item_floor = points_field(_("Floor on every item"), help_text=_("Optional: no item may score less."))
    labour_groups = forms.MultipleChoiceField(
        label=_("Forms by labour group"),
        choices=LabourGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Learning citizen sets: one form per labour group; items can then belong to some forms only."),
    )
    source = forms.CharField(label=_("Source"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    placeholder_note = forms.CharField(
        label=_("Placeholders"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Which values are placeholders for the locality to replace."),
    )

    def __init__(self, *args, areas=None, national=False, local=False, custom_forms=False, **kwargs):
        super().__init__(*args, **kwargs)
        if areas is not None:
            self.fields = {
                "area": AreaChoiceField(areas, national=national, label=_("Issued for"), required=False),
                **self.fields,
            }
        if local:
            # A local set keeps the title, rule and forms of what it extends; its thresholds may only rise.
            for name in ("title", "rule", "labour_groups"):
                del self.fields[name]
            for name in ("total_points", "pass_mark", "item_floor"):
                self.fields[name].help_text = _("Empty: as in the set it extends.")
        elif custom_forms:
            del self.fields["labour_groups"]

    def clean(self):
        data = super().clean()
        start, end = data.get("period_from"), data.get("period_to")
        if start and end and end < start:
            self.add_error("period_to", _("The period must end after it starts."))
        return data


class ExtendForm(forms.Form):
    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"] = AreaChoiceField(areas, national=False, label=_("For the area"))
        self.fields["name"] = forms.CharField(label=_("Name of the local set"), max_length=200)


class GroupForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=20, help_text=_("E.g. 1, 2, NL1."))
    title = forms.CharField(label=_("Group name"), max_length=300, required=False)
    points = points_field(_("Points"), help_text=_("Optional: what its items must add up to."))
    placeholder = forms.BooleanField(label=_("The points are a placeholder"), required=False)


class ItemForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=20, help_text=_("E.g. 1.2; unique in the set."))
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 3}))
    guidance = forms.CharField(label=_("Guidance"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    evidence = forms.CharField(label=_("Evidence"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    max_points = points_field(_("Maximum points"), required=True)
    min_points = points_field(
        _("Minimum"), help_text=_("Point sets: the least score allowed. Level sets: the score that meets the target.")
    )
    mandatory = forms.BooleanField(label=_("Mandatory: failing it fails the subject"), required=False)
    evidence_required = forms.BooleanField(
        label=_("Evidence required: points without it need an explanation"), required=False
    )
    level = forms.IntegerField(label=_("Level"), min_value=1, max_value=9, required=False)
    target = forms.CharField(label=_("Target"), max_length=300, required=False)
    variants = forms.MultipleChoiceField(
        label=_("Forms"), required=False, widget=forms.CheckboxSelectMultiple, help_text=_("None ticked: every form.")
    )
    placeholder = forms.BooleanField(label=_("The points are a placeholder"), required=False)

    def __init__(self, *args, rule: str, forms_of_set: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        if forms_of_set:
            self.fields["variants"].choices = [(v["key"], v.get("label") or v["key"]) for v in forms_of_set]
        else:
            del self.fields["variants"]
        if rule != Rule.LEVELS:
            del self.fields["level"], self.fields["target"]

    def clean(self):
        data = super().clean()
        high, low = data.get("max_points"), data.get("min_points")
        if high is not None and high <= 0:
            self.add_error("max_points", _("The maximum must be above zero."))
        if high is not None and low is not None and low > high:
            self.add_error("min_points", _("The minimum cannot be above the maximum."))
        data.setdefault("level", None)
        data.setdefault("target", "")
        data.setdefault("variants", [])
        return data


class BandForm(forms.Form):
    label = forms.CharField(label=_("Grade"), max_length=60, help_text=_("E.g. Tốt, Khá, Trung bình."))
    low = points_field(_("From (included)"), required=True)
    high = points_field(_("To (excluded, except for the top band)"), required=True)
    passes = forms.BooleanField(label=_("This grade passes"), required=False, initial=True)


class LevelForm(forms.Form):
    number = forms.IntegerField(label=_("Number"), min_value=1, max_value=9)
    name = forms.CharField(label=_("Name"), max_length=60, help_text=_("E.g. Mức 1."))


class ImportForm(forms.Form):
    file = forms.FileField(label=_("File"), help_text=_("A set exported as .yaml or .xlsx."))

    def __init__(self, *args, areas, national: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"] = AreaChoiceField(areas, national=national, label=_("Issued for"), required=False)


class ScoreTableForm(forms.Form):
    file = forms.FileField(
        label=_("Score table"),
        help_text=_("An .xlsx or .csv file: one row per subject, one column per item code."),
    )


class ScoreForm(forms.Form):
    """One input per item of a form of the set, as a self-assessing household fills it in."""

    def __init__(self, *args, rules: RuleSet, variant: str | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.items: list[Item] = rules.items(variant) if (variant or not rules.variants) else []
        for item in self.items:
            field = points_field(item.code)
            field.widget.attrs.update({"max": item.max_points, "aria-label": item.code})
            self.fields[self.field_name(item)] = field

    @staticmethod
    def field_name(item: Item) -> str:
        return f"item-{item.code}"

    def scores(self) -> dict:
        return {
            item.code: self.cleaned_data[self.field_name(item)]
            for item in self.items
            if self.cleaned_data.get(self.field_name(item)) is not None
        }

    def grouped(self, rules: RuleSet) -> list[tuple]:
        """[(group, [(item, bound field), …]), …] in the set's order, groups without items of the form left out."""
        shown = {item.code for item in self.items}
        rows = []
        for group in rules.groups:
            pairs = [(item, self[self.field_name(item)]) for item in group.items if item.code in shown]
            if pairs:
                rows.append((group, pairs))
        return rows

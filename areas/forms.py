from django import forms
from django.utils.translation import gettext_lazy as _

from areas.enums import VILLAGE_KINDS, Kind

VILLAGE_KIND_CHOICES = [(kind.value, kind.label) for kind in Kind if kind in VILLAGE_KINDS]


class VillageForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    kind = forms.ChoiceField(label=_("Kind"), choices=VILLAGE_KIND_CHOICES, initial=Kind.VILLAGE)


class VillageEndForm(forms.Form):
    on = forms.DateField(label=_("No longer exists from"), help_text=_("dd/mm/yyyy"))


class MapDateForm(forms.Form):
    on = forms.DateField(label=_("Map on"), required=False)

"""To-do items on the home page that come from the registry."""

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.enums import Capability
from accounts.scope import visible_areas
from areas.enums import Level
from khuyenhoc.home import Action, provides_actions
from registry.models import Household


@provides_actions
def villages_without_households(user) -> list[Action]:
    """A village with no household counts as 0 of 0: enter or import its households first."""
    if not user.can_anywhere(Capability.MANAGE_REGISTRY):
        return []
    empty = (
        visible_areas(user)
        .current()
        .at_level(Level.VILLAGE)
        .exclude(pk__in=Household.objects.active().values("area_id"))
        .select_related("parent")
        .order_by("path")
    )
    villages = [village for village in empty[:200] if user.can(Capability.MANAGE_REGISTRY, village)]
    if not villages:
        return []
    # One item per commune: an officer with empty villages is sent to the commune's import page.
    communes = {}
    for village in villages:
        communes.setdefault(village.parent, []).append(village)
    actions = []
    for commune, group in communes.items():
        if user.can(Capability.MANAGE_REGISTRY, commune):
            url = reverse("registry:import_start", args=[commune.pk])
        else:
            url = reverse("registry:household_create", args=[group[0].pk])
        actions.append(
            Action(
                label=_("Villages with no household yet in %(commune)s") % {"commune": commune.name},
                url=url,
                count=len(group),
            )
        )
    return actions[:10]

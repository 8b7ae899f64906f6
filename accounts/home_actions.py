"""To-do items on the home page that come from the map and the accounts."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.enums import Capability, Role
from accounts.scope import visible_areas
from areas.enums import Level
from khuyenhoc.home import Action, provides_actions


@provides_actions
def communes_without_villages(user) -> list[Action]:
    """Villages are not in any official data set: someone has to enter them before anything else."""
    if not user.can_anywhere(Capability.MANAGE_VILLAGES):
        return []
    communes = (
        visible_areas(user)
        .current()
        .at_level(Level.COMMUNE)
        .annotate(villages=Count("children", filter=Q(children__valid_to__isnull=True)))
        .filter(villages=0)
        .order_by("path")
    )
    return [
        Action(
            label=_("Enter the villages of %(commune)s") % {"commune": commune.name},
            url=reverse("areas:detail", args=[commune.pk]),
        )
        for commune in communes[:10]
        if user.can(Capability.MANAGE_VILLAGES, commune)
    ]


@provides_actions
def communes_without_officer(user) -> list[Action]:
    if not user.can_anywhere(Capability.MANAGE_USERS):
        return []
    communes = (
        visible_areas(user)
        .current()
        .at_level(Level.COMMUNE)
        .annotate(officers=Count("role_assignments", filter=Q(role_assignments__role=Role.COMMUNE_OFFICER)))
        .filter(officers=0)
    )
    count = communes.count()
    if not count:
        return []
    return [Action(label=_("Communes without a commune officer"), url=reverse("areas:index"), count=count)]

"""How every criteria view fetches what it works on: through the user's scope (else 404), and for
writing through `services.may_manage` (else 403). Published sets are never edited: 403 as well."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from accounts.enums import Capability
from areas.models import Area
from criteria import selectors, services
from criteria.models import Band, CriteriaSet, Group, Item, Level


def readable_set(request: HttpRequest, set_id: int) -> CriteriaSet:
    return selectors.get_visible_set_or_404(request.user, set_id)


def managed_set(request: HttpRequest, set_id: int) -> CriteriaSet:
    criteria_set = readable_set(request, set_id)
    if not services.may_manage(request.user, criteria_set.area):
        raise PermissionDenied
    return criteria_set


def editable_set(request: HttpRequest, set_id: int) -> CriteriaSet:
    criteria_set = managed_set(request, set_id)
    if not criteria_set.is_draft:
        raise PermissionDenied
    return criteria_set


def editable_part(request: HttpRequest, model: type[Group | Item | Band | Level], pk: int):
    """A group, item, band or level of a draft the user may edit."""
    part = get_object_or_404(
        model.objects.select_related("criteria_set__area").filter(
            criteria_set__in=selectors.sets_visible_to(request.user).values("pk")
        ),
        pk=pk,
    )
    if not services.may_manage(request.user, part.criteria_set.area) or not part.criteria_set.is_draft:
        raise PermissionDenied
    return part


def manageable_areas(request: HttpRequest, within: Area | None = None) -> list[Area]:
    """Today's areas the user holds MANAGE_CRITERIA over (where they may issue sets), inside `within`."""
    user = request.user
    if user.is_superuser:
        areas = Area.objects.current().filter(parent__isnull=True).order_by("name")
        if within is not None:
            areas = Area.objects.current().filter(pk=within.pk)
    else:
        areas = {a.area for a in user.assignments if user.can(Capability.MANAGE_CRITERIA, a.area)}
    return sorted(
        (area for area in areas if within is None or area.is_within(within)), key=lambda area: (area.depth, area.name)
    )


def require_manager_somewhere(request: HttpRequest) -> None:
    if not request.user.can_anywhere(Capability.MANAGE_CRITERIA):
        raise PermissionDenied

"""Scope in one place: every view fetches through these, never by primary key alone.

Not in the user's area → 404 (we do not confirm that it exists); in the area but not theirs to
change → 403.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404

from areas.models import Area
from areas.paths import subtree_q


def visible(queryset: QuerySet, user, path_field: str = "area__path") -> QuerySet:
    """The rows of `queryset` whose area lies in the user's scope."""
    if user.is_superuser:
        return queryset
    return queryset.filter(subtree_q(user.scope_paths, path_field))


def get_visible_or_404(queryset: QuerySet, user, path_field: str = "area__path", **lookup) -> Model:
    try:
        return visible(queryset, user, path_field).get(**lookup)
    except queryset.model.DoesNotExist:
        raise Http404 from None


def visible_areas(user) -> QuerySet:
    return visible(Area.objects.all(), user, "path")


def require(user, capability: str, area: Area) -> None:
    if not user.can(capability, area):
        raise PermissionDenied

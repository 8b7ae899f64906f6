"""What the registry's views share: fetching within the user's scope, the lists' filters and pages,
and file responses."""

import io

from django.core.paginator import Page, Paginator
from django.http import FileResponse, Http404, HttpRequest
from django.utils import timezone, translation

from accounts.enums import Capability
from accounts.scope import get_visible_or_404, require, visible_areas
from areas.enums import Level
from areas.models import Area
from khuyenhoc.downloads import XLSX
from registry import selectors
from registry.forms import ListFilterForm

PAGE_SIZE = 50


def registry_area(request: HttpRequest, area_id: int, *, communes_only: bool = False) -> Area:
    """A commune or village in the user's scope (404 otherwise)."""
    levels = [Level.COMMUNE] if communes_only else [Level.COMMUNE, Level.VILLAGE]
    return get_visible_or_404(visible_areas(request.user).filter(level__in=levels), request.user, "path", pk=area_id)


def get_row(request: HttpRequest, queryset, pk: int):
    """A registry row in the user's scope, by its area (404 otherwise)."""
    return get_visible_or_404(queryset, request.user, "area__path", pk=pk)


def require_manager(request: HttpRequest, area: Area) -> None:
    require(request.user, Capability.MANAGE_REGISTRY, area)


def can_manage(request: HttpRequest, area: Area) -> bool:
    return request.user.can(Capability.MANAGE_REGISTRY, area)


def sees_personal_data(request: HttpRequest, area: Area) -> bool:
    return request.user.can(Capability.VIEW_PERSONAL_DATA, area)


def filters(request: HttpRequest, area: Area, *, villages: bool = True) -> ListFilterForm:
    choices = selectors.villages_of(area) if villages and area.level == Level.COMMUNE else None
    return ListFilterForm(request.GET, villages=choices)


def paginate(request: HttpRequest, rows) -> dict:
    """The page asked for, and the query string that keeps the filters on the other pages."""
    query = request.GET.copy()
    query.pop("page", None)
    encoded = query.urlencode()
    page: Page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return {"page_obj": page, "query_string": f"{encoded}&" if encoded else "", "filters_query": encoded}


def xlsx_response(write, *, name: str, area: Area) -> FileResponse:
    """Run `write(buffer)` and send the result as a download named after the list, area and day."""
    buffer = io.BytesIO()
    with translation.override("vi"):  # the file's words are data, in Vietnamese like its headers
        write(buffer)
    buffer.seek(0)
    filename = f"{name}-{area.code}-{timezone.localdate():%Y%m%d}.xlsx"
    return FileResponse(buffer, as_attachment=True, filename=filename, content_type=XLSX)


def commune_for(area: Area) -> Area:
    if area.level == Level.VILLAGE:
        return area.parent
    if area.level != Level.COMMUNE:
        raise Http404
    return area

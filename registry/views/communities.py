from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from registry import exports, selectors
from registry.imports import Context
from registry.views.common import can_manage, registry_area, xlsx_response


@require_GET
@login_required
def index(request: HttpRequest) -> HttpResponse:
    """Where the registry starts: straight to the households when the user works in one place."""
    areas = list(selectors.registry_areas(request.user)[:200])
    if len(areas) == 1:
        return redirect("registry:households", areas[0].pk)
    return render(request, "registry/index.html", {"areas": areas})


@require_GET
@login_required
def community_list(request: HttpRequest, area_id: int) -> HttpResponse:
    """The villages of a commune as communities (CĐHT), with what each counts."""
    commune = registry_area(request, area_id, communes_only=True)
    context = {
        "area": commune,
        "communities": selectors.communities(commune=commune),
        "can_manage": can_manage(request, commune),
        "tab": "communities",
    }
    return render(request, "registry/community_list.html", context)


@require_GET
@login_required
def community_export(request: HttpRequest, area_id: int) -> HttpResponse:
    commune = registry_area(request, area_id, communes_only=True)
    context = Context(area=commune, day=timezone.localdate())
    rows = selectors.communities(commune=commune)
    return xlsx_response(
        lambda out: exports.export_communities(out, rows, context=context), name="thon-to-dan-pho", area=commune
    )

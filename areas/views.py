import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.enums import Capability
from accounts.scope import get_visible_or_404, require, visible_areas
from areas import selectors, services
from areas.enums import Level
from areas.forms import MapDateForm, VillageEndForm, VillageForm
from areas.models import Area


def _map_date(request: HttpRequest, area: Area | None = None) -> datetime.date:
    """The day whose map is shown: ?on=dd/mm/yyyy, else today, else the last day of a former area."""
    form = MapDateForm(request.GET)
    if form.is_valid() and form.cleaned_data["on"]:
        return form.cleaned_data["on"]
    today = timezone.localdate()
    if area is not None and not area.is_valid_on(today) and area.last_day:
        return area.last_day
    return today


def _area(request: HttpRequest, area_id: int) -> Area:
    return get_visible_or_404(visible_areas(request.user), request.user, "path", pk=area_id)


@require_GET
@login_required
def area_index(request: HttpRequest) -> HttpResponse:
    """Where a user starts browsing: the areas their roles are held over."""
    if request.user.is_superuser:
        roots = Area.objects.filter(parent__isnull=True).valid_on(_map_date(request))
    else:
        roots = sorted({a.area for a in request.user.assignments}, key=lambda area: area.path)
    return render(request, "areas/index.html", {"roots": roots})


@require_GET
@login_required
def area_detail(request: HttpRequest, area_id: int) -> HttpResponse:
    area = _area(request, area_id)
    day = _map_date(request, area)
    visible = visible_areas(request.user)
    return render(
        request,
        "areas/detail.html",
        {
            "area": area,
            "day": day,
            "name_then": area.name_on(day),
            "ancestors": visible.filter(pk__in=area.ancestor_ids).order_by("depth"),
            "children": area.children.valid_on(day).order_by("code"),
            "former_names": area.former_names.all(),
            "came_from": area.successions_in.select_related("predecessor").order_by("predecessor__code"),
            "became": area.successions_out.select_related("successor").order_by("successor__code"),
            "successors_today": selectors.successor_on(area, timezone.localdate()) if not area.is_current else [],
            "can_manage_villages": area.level == Level.COMMUNE and request.user.can(Capability.MANAGE_VILLAGES, area),
            "can_manage_users": request.user.can(Capability.MANAGE_USERS, area),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def village_create(request: HttpRequest, commune_id: int) -> HttpResponse:
    commune = _area(request, commune_id)
    require(request.user, Capability.MANAGE_VILLAGES, commune)
    form = VillageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            village = services.village_create(commune=commune, **form.cleaned_data)
        except services.AreaError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("%(name)s was added.") % {"name": village.name})
            return redirect("areas:detail", commune.pk)
    return render(request, "areas/village_form.html", {"form": form, "commune": commune})


@require_http_methods(["GET", "POST"])
@login_required
def village_edit(request: HttpRequest, village_id: int) -> HttpResponse:
    village = _area(request, village_id)
    require(request.user, Capability.MANAGE_VILLAGES, village)
    ending = "end" in request.POST
    form = VillageForm(None if ending else request.POST or None, initial={"name": village.name, "kind": village.kind})
    end_form = VillageEndForm(request.POST if ending else None)
    if ending:
        if end_form.is_valid():
            try:
                services.village_end(village=village, on=end_form.cleaned_data["on"])
            except services.AreaError as error:
                end_form.add_error(None, str(error))
            else:
                messages.success(request, _("%(name)s was ended.") % {"name": village.name})
                return redirect("areas:detail", village.parent_id)
    elif request.method == "POST" and form.is_valid():
        try:
            services.village_update(village=village, **form.cleaned_data)
        except services.AreaError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("%(name)s was saved.") % {"name": village.name})
            return redirect("areas:detail", village.parent_id)
    return render(
        request,
        "areas/village_form.html",
        {"form": form, "end_form": end_form, "commune": village.parent, "village": village},
    )

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from registry import exports, selectors, services
from registry.enums import EndReason
from registry.forms import EndForm, StaffForm, UnitForm
from registry.imports import Context
from registry.models import Unit
from registry.views.common import (
    can_manage,
    commune_for,
    filters,
    get_row,
    paginate,
    registry_area,
    require_manager,
    sees_personal_data,
    xlsx_response,
)

REASONS = [EndReason.DISSOLVED, EndReason.MOVED, EndReason.OTHER]


def _listed(request: HttpRequest, area):
    form = filters(request, area)
    village = form.value("village") or (area if area.level == "village" else None)
    rows = selectors.units(
        commune=commune_for(area), search=form.value("q"), village=village, status=form.value("status")
    )
    return form, rows


@require_GET
@login_required
def unit_list(request: HttpRequest, area_id: int) -> HttpResponse:
    area = registry_area(request, area_id)
    form, rows = _listed(request, area)
    context = {"area": area, "form": form, "can_manage": can_manage(request, area), "tab": "units"}
    return render(request, "registry/unit_list.html", context | paginate(request, rows))


@require_GET
@login_required
def unit_export(request: HttpRequest, area_id: int) -> HttpResponse:
    area = registry_area(request, area_id)
    _form, rows = _listed(request, area)
    context = Context(area=commune_for(area), day=timezone.localdate())
    return xlsx_response(lambda out: exports.export_units(out, rows, context=context), name="don-vi", area=area)


@require_http_methods(["GET", "POST"])
@login_required
def unit_create(request: HttpRequest, area_id: int) -> HttpResponse:
    commune = registry_area(request, area_id, communes_only=True)
    require_manager(request, commune)
    form = UnitForm(request.POST or None, villages=selectors.villages_of(commune))
    if request.method == "POST" and form.is_valid():
        try:
            unit = services.unit_create(commune=commune, **form.cleaned_data)
        except services.RegistryError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("%(name)s was added.") % {"name": unit.name})
            return redirect("registry:unit", unit.pk)
    return render(request, "registry/unit_form.html", {"form": form, "area": commune})


def _unit(request: HttpRequest, unit_id: int) -> Unit:
    return get_row(request, Unit.objects.select_related("area", "commune"), unit_id)


@require_http_methods(["GET", "POST"])
@login_required
def unit_detail(request: HttpRequest, unit_id: int) -> HttpResponse:
    """The unit, its staff, and (for those who manage it) its edit and end forms."""
    unit = _unit(request, unit_id)
    managing = can_manage(request, unit.commune)
    if request.method == "POST":
        require_manager(request, unit.commune)
    ending = "end" in request.POST
    initial = {
        "code": unit.code,
        "name": unit.name,
        "kind": unit.kind,
        "village": unit.area if unit.area_id != unit.commune_id else None,
        "staff_count": unit.staff_count,
    }
    form = UnitForm(
        None if ending else request.POST or None, initial=initial, villages=selectors.villages_of(unit.commune)
    )
    end_form = EndForm(request.POST if ending else None, reasons=REASONS)
    if ending and end_form.is_valid():
        try:
            services.unit_end(unit=unit, **end_form.cleaned_data)
        except services.RegistryError as error:
            end_form.add_error(None, str(error))
        else:
            messages.success(request, _("%(name)s is no longer counted.") % {"name": unit.name})
            return redirect("registry:units", unit.commune_id)
    elif not ending and request.method == "POST" and form.is_valid():
        try:
            services.unit_update(unit=unit, **form.cleaned_data)
        except services.RegistryError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("%(name)s was saved.") % {"name": unit.name})
            return redirect("registry:unit", unit.pk)
    context = {
        "unit": unit,
        "area": unit.area,
        "form": form,
        "end_form": end_form,
        "can_manage": managing,
        "staff": unit.staff.select_related("household", "area").order_by("active_to", "search_name"),
        "personal_data": sees_personal_data(request, unit.area),
    }
    return render(request, "registry/unit_detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def staff_create(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = _unit(request, unit_id)
    require_manager(request, unit.commune)
    form = StaffForm(request.POST or None, personal_data=sees_personal_data(request, unit.area))
    if request.method == "POST" and form.is_valid():
        try:
            person = services.staff_add(unit=unit, **form.cleaned_data)
        except services.RegistryError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("%(name)s was added.") % {"name": person.full_name})
            return redirect("registry:unit", unit.pk)
    return render(request, "registry/staff_form.html", {"form": form, "unit": unit, "area": unit.area})

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from registry import exports, selectors, services
from registry.enums import EndReason
from registry.forms import ClanForm, EndForm
from registry.imports import Context
from registry.models import Clan
from registry.views.common import (
    can_manage,
    filters,
    get_row,
    paginate,
    registry_area,
    require_manager,
    xlsx_response,
)

REASONS = [EndReason.DISSOLVED, EndReason.MOVED, EndReason.OTHER]


def _listed(request: HttpRequest, commune):
    form = filters(request, commune, villages=False)
    return form, selectors.clans(commune=commune, search=form.value("q"), status=form.value("status"))


@require_GET
@login_required
def clan_list(request: HttpRequest, area_id: int) -> HttpResponse:
    commune = registry_area(request, area_id, communes_only=True)
    form, rows = _listed(request, commune)
    context = {"area": commune, "form": form, "can_manage": can_manage(request, commune), "tab": "clans"}
    return render(request, "registry/clan_list.html", context | paginate(request, rows))


@require_GET
@login_required
def clan_export(request: HttpRequest, area_id: int) -> HttpResponse:
    commune = registry_area(request, area_id, communes_only=True)
    _form, rows = _listed(request, commune)
    context = Context(area=commune, day=timezone.localdate())
    return xlsx_response(lambda out: exports.export_clans(out, rows, context=context), name="dong-ho", area=commune)


@require_http_methods(["GET", "POST"])
@login_required
def clan_create(request: HttpRequest, area_id: int) -> HttpResponse:
    commune = registry_area(request, area_id, communes_only=True)
    require_manager(request, commune)
    form = ClanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            clan = services.clan_create(commune=commune, **form.cleaned_data)
        except services.RegistryError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("%(name)s was added.") % {"name": clan})
            return redirect("registry:clans", commune.pk)
    return render(request, "registry/clan_form.html", {"form": form, "area": commune})


@require_http_methods(["GET", "POST"])
@login_required
def clan_edit(request: HttpRequest, clan_id: int) -> HttpResponse:
    clan = get_row(request, Clan.objects.select_related("area"), clan_id)
    require_manager(request, clan.area)
    ending = "end" in request.POST
    initial = {"code": clan.code, "name": clan.name, "branch": clan.branch, "representative": clan.representative}
    form = ClanForm(None if ending else request.POST or None, initial=initial)
    end_form = EndForm(request.POST if ending else None, reasons=REASONS)
    if ending and end_form.is_valid():
        try:
            services.clan_end(clan=clan, **end_form.cleaned_data)
        except services.RegistryError as error:
            end_form.add_error(None, str(error))
        else:
            messages.success(request, _("%(name)s is no longer counted.") % {"name": clan})
            return redirect("registry:clans", clan.area_id)
    elif not ending and request.method == "POST" and form.is_valid():
        try:
            services.clan_update(clan=clan, **form.cleaned_data)
        except services.RegistryError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("%(name)s was saved.") % {"name": clan})
            return redirect("registry:clans", clan.area_id)
    context = {"form": form, "end_form": end_form, "clan": clan, "area": clan.area}
    return render(request, "registry/clan_form.html", context)

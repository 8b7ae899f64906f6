from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from registry import exports, selectors, services
from registry.enums import EndReason
from registry.forms import EndForm, HouseholdForm, PersonForm
from registry.imports import Context
from registry.models import Clan, Household, Person, Unit
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

HOUSEHOLD_REASONS = [EndReason.MOVED, EndReason.DISSOLVED, EndReason.OTHER]
PERSON_REASONS = [EndReason.MOVED, EndReason.DECEASED, EndReason.OTHER]


def _listed(request: HttpRequest, area):
    form = filters(request, area)
    rows = selectors.households(
        area=area, search=form.value("q"), village=form.value("village"), status=form.value("status")
    )
    return form, rows


@require_GET
@login_required
def household_list(request: HttpRequest, area_id: int) -> HttpResponse:
    area = registry_area(request, area_id)
    form, rows = _listed(request, area)
    context = {"area": area, "form": form, "can_manage": can_manage(request, area), "tab": "households"}
    return render(request, "registry/household_list.html", context | paginate(request, rows))


@require_GET
@login_required
def household_export(request: HttpRequest, area_id: int) -> HttpResponse:
    area = registry_area(request, area_id)
    _form, rows = _listed(request, area)
    context = Context(area=commune_for(area), day=timezone.localdate())
    return xlsx_response(
        lambda out: exports.export_households(out, rows, context=context, unmask=sees_personal_data(request, area)),
        name="ho-gia-dinh",
        area=area,
    )


def _household_form(data, area, household: Household | None = None) -> HouseholdForm:
    commune = commune_for(area)
    initial = {}
    if household is not None:
        initial = {
            "code": household.code,
            "village": household.area,
            "head_name": household.head_name,
            "address": household.address,
            "clan": household.clan,
        }
    elif area != commune:
        initial = {"village": area}
    return HouseholdForm(
        data,
        initial=initial,
        villages=selectors.villages_of(area if household is None else commune),
        clans=Clan.objects.filter(area=commune).active(),
        editing=household is not None,
    )


@require_http_methods(["GET", "POST"])
@login_required
def household_create(request: HttpRequest, area_id: int) -> HttpResponse:
    area = registry_area(request, area_id)
    require_manager(request, area)
    form = _household_form(request.POST or None, area)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            household = services.household_create(commune=commune_for(area), **data)
        except services.RegistryError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Household %(code)s was added.") % {"code": household.code})
            return redirect("registry:household", household.pk)
    return render(request, "registry/household_form.html", {"form": form, "area": area})


def _household(request: HttpRequest, household_id: int) -> Household:
    return get_row(request, Household.objects.select_related("area", "commune", "clan"), household_id)


@require_GET
@login_required
def household_detail(request: HttpRequest, household_id: int) -> HttpResponse:
    household = _household(request, household_id)
    return render(
        request,
        "registry/household_detail.html",
        {
            "household": household,
            "area": household.area,
            "members": selectors.members(household),
            "history": selectors.history(household),
            "can_manage": can_manage(request, household.area),
            "personal_data": sees_personal_data(request, household.area),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def household_edit(request: HttpRequest, household_id: int) -> HttpResponse:
    household = _household(request, household_id)
    require_manager(request, household.area)
    ending = "end" in request.POST
    form = _household_form(None if ending else request.POST or None, household.area, household)
    end_form = EndForm(request.POST if ending else None, reasons=HOUSEHOLD_REASONS)
    if ending and end_form.is_valid():
        try:
            services.household_end(household=household, **end_form.cleaned_data)
        except services.RegistryError as error:
            end_form.add_error(None, str(error))
        else:
            messages.success(request, _("Household %(code)s is no longer counted.") % {"code": household.code})
            return redirect("registry:household", household.pk)
    elif not ending and request.method == "POST" and form.is_valid():
        try:
            services.household_update(household=household, **form.cleaned_data)
        except services.RegistryError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Household %(code)s was saved.") % {"code": household.code})
            return redirect("registry:household", household.pk)
    return render(
        request,
        "registry/household_form.html",
        {"form": form, "end_form": end_form, "household": household, "area": household.area},
    )


def _units(household: Household):
    return Unit.objects.filter(commune=household.commune).active()


@require_http_methods(["GET", "POST"])
@login_required
def member_create(request: HttpRequest, household_id: int) -> HttpResponse:
    household = _household(request, household_id)
    require_manager(request, household.area)
    form = PersonForm(
        request.POST or None, units=_units(household), personal_data=sees_personal_data(request, household.area)
    )
    if request.method == "POST" and form.is_valid():
        try:
            person = services.member_add(household=household, **form.cleaned_data)
        except services.RegistryError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("%(name)s was added.") % {"name": person.full_name})
            return redirect("registry:household", household.pk)
    return render(request, "registry/person_form.html", {"form": form, "household": household, "area": household.area})


@require_http_methods(["GET", "POST"])
@login_required
def person_edit(request: HttpRequest, person_id: int) -> HttpResponse:
    person = get_row(request, Person.objects.select_related("household__commune", "unit__commune", "area"), person_id)
    require_manager(request, person.area)
    personal_data = sees_personal_data(request, person.area)
    ending = "end" in request.POST
    commune_id = person.household.commune_id if person.household else person.unit.commune_id
    form = PersonForm(
        None if ending else request.POST or None,
        initial={
            "full_name": person.full_name,
            "gender": person.gender,
            "birth_year": person.birth_year,
            "labour_group": person.labour_group,
            "relation": person.relation,
            "is_head": person.is_head,
            "unit": person.unit,
            "citizen_id": person.citizen_id,
        },
        units=Unit.objects.filter(commune_id=commune_id).active(),
        personal_data=personal_data,
        editing=True,
    )
    end_form = EndForm(request.POST if ending else None, reasons=PERSON_REASONS)
    back = ("registry:household", person.household_id) if person.household else ("registry:unit", person.unit_id)
    if ending and end_form.is_valid():
        try:
            services.person_end(person=person, **end_form.cleaned_data)
        except services.RegistryError as error:
            end_form.add_error(None, str(error))
        else:
            messages.success(request, _("%(name)s is no longer counted.") % {"name": person.full_name})
            return redirect(*back)
    elif not ending and request.method == "POST" and form.is_valid():
        data = {"citizen_id": person.citizen_id, **form.cleaned_data}
        try:
            services.person_update(person=person, **data)
        except services.RegistryError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("%(name)s was saved.") % {"name": person.full_name})
            return redirect(*back)
    return render(
        request,
        "registry/person_form.html",
        {"form": form, "end_form": end_form, "person": person, "household": person.household, "area": person.area},
    )

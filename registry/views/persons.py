from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from registry import exports, selectors
from registry.views.common import filters, paginate, registry_area, sees_personal_data, xlsx_response


def _listed(request: HttpRequest, area):
    form = filters(request, area)
    rows = selectors.persons(
        area=area,
        search=form.value("q"),
        village=form.value("village"),
        group=form.value("group"),
        status=form.value("status"),
    )
    return form, rows


@require_GET
@login_required
def person_list(request: HttpRequest, area_id: int) -> HttpResponse:
    area = registry_area(request, area_id)
    form, rows = _listed(request, area)
    context = {"area": area, "form": form, "personal_data": sees_personal_data(request, area), "tab": "persons"}
    return render(request, "registry/person_list.html", context | paginate(request, rows))


@require_GET
@login_required
def person_export(request: HttpRequest, area_id: int) -> HttpResponse:
    area = registry_area(request, area_id)
    _form, rows = _listed(request, area)
    unmask = sees_personal_data(request, area)
    return xlsx_response(lambda out: exports.export_persons(out, rows, unmask=unmask), name="nhan-khau", area=area)

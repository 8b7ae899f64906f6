"""Import and export of a set as YAML or Excel."""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from criteria import selectors, services
from criteria.forms import ImportForm
from criteria.models import CriteriaSet
from criteria.spec import FormatError
from criteria.views.access import manageable_areas, readable_set, require_manager_somewhere
from criteria.xlsx import read_workbook, write_workbook
from criteria.yamlfile import MAX_BYTES, read_yaml, write_yaml
from khuyenhoc.downloads import XLSX


@require_http_methods(["GET", "POST"])
@login_required
def set_import(request: HttpRequest) -> HttpResponse:
    require_manager_somewhere(request)
    national = services.may_manage(request.user, None)
    form = ImportForm(request.POST or None, request.FILES or None, areas=manageable_areas(request), national=national)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.name.lower().endswith((".yaml", ".yml")):
                spec = read_yaml(upload.read(MAX_BYTES + 1))
            else:
                spec = read_workbook(upload)
            criteria_set = services.criteria_set_import(by=request.user, spec=spec, area=form.cleaned_data["area"])
        except FormatError as error:
            problems = error.problems
        except services.CriteriaError as error:
            form.add_error(None, str(error))
            problems = error.problems
        else:
            messages.success(request, _("The set %(name)s was imported as a draft.") % {"name": criteria_set.name})
            return redirect("criteria:detail", criteria_set.pk)
    return render(request, "criteria/import.html", {"form": form, "problems": problems})


def _filename(criteria_set: CriteriaSet, extension: str) -> str:
    return f"{criteria_set.key}-v{criteria_set.version}.{extension}"


@require_GET
@login_required
def set_export_yaml(request: HttpRequest, set_id: int) -> HttpResponse:
    criteria_set = readable_set(request, set_id)
    response = HttpResponse(
        write_yaml(selectors.set_spec(criteria_set)), content_type="application/yaml; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(criteria_set, "yaml")}"'
    return response


@require_GET
@login_required
def set_export_xlsx(request: HttpRequest, set_id: int) -> HttpResponse:
    criteria_set = readable_set(request, set_id)
    buffer = io.BytesIO()
    write_workbook(selectors.set_spec(criteria_set), buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{_filename(criteria_set, "xlsx")}"'
    return response

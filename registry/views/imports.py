"""Importing from Excel: template → upload → preview (a background check) → confirm (a background
import in one transaction). The page of an import follows its job and can be left and reopened."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from khuyenhoc.jobs import JobFailed, job_cancel, job_confirm, job_start
from khuyenhoc.models import Job
from khuyenhoc.spreadsheets import write_table
from registry import tasks
from registry.enums import ImportKind
from registry.forms import ImportForm
from registry.imports import SPECS, Context, Report
from registry.views.common import registry_area, require_manager, xlsx_response

TEMPLATE_NAMES = {
    ImportKind.HOUSEHOLDS: "mau-ho-gia-dinh",
    ImportKind.CLANS: "mau-dong-ho",
    ImportKind.UNITS: "mau-don-vi",
    ImportKind.VILLAGES: "mau-thon-to-dan-pho",
}


def _commune(request: HttpRequest, area_id: int):
    commune = registry_area(request, area_id, communes_only=True)
    require_manager(request, commune)
    return commune


@require_http_methods(["GET", "POST"])
@login_required
def import_start(request: HttpRequest, area_id: int) -> HttpResponse:
    commune = _commune(request, area_id)
    form = ImportForm(request.POST or None, request.FILES or None, initial={"kind": request.GET.get("kind")})
    if request.method == "POST" and form.is_valid():
        kind, upload = form.cleaned_data["kind"], form.cleaned_data["file"]
        job = job_start(
            task=tasks.import_check,
            kind=tasks.KIND,
            title=_("Import of %(what)s into %(commune)s")
            % {"what": ImportKind(kind).label.lower(), "commune": commune},
            owner=request.user,
            area=commune,
            upload=upload,
            params={"kind": kind},
            page="registry:import",
        )
        return redirect(job.get_absolute_url())
    return render(request, "registry/import_form.html", {"form": form, "area": commune, "kinds": ImportKind.choices})


@require_GET
@login_required
def import_template(request: HttpRequest, area_id: int, kind: str) -> HttpResponse:
    """An empty list to fill in: the columns the import reads, an example row, and drop-down lists of
    the commune's villages, clans and units."""
    commune = _commune(request, area_id)
    if kind not in SPECS:
        raise Http404
    spec, context = SPECS[kind], Context(area=commune, day=timezone.localdate())
    return xlsx_response(
        lambda out: write_table(out, spec.columns(context), title=spec.title, example=spec.example(context)),
        name=TEMPLATE_NAMES[kind],
        area=commune,
    )


def _job(request: HttpRequest, job_id: int) -> Job:
    """An import the user started (nobody else's: 404)."""
    return get_object_or_404(Job.objects.select_related("area"), pk=job_id, owner=request.user, kind=tasks.KIND)


@require_GET
@login_required
def import_detail(request: HttpRequest, job_id: int) -> HttpResponse:
    job = _job(request, job_id)
    report = Report.from_dict(job.result) if job.result else None
    return render(
        request,
        "registry/import_detail.html",
        {"job": job, "area": job.area, "report": report, "kind_label": ImportKind(job.params["kind"]).label},
    )


@require_POST
@login_required
def import_confirm(request: HttpRequest, job_id: int) -> HttpResponse:
    job = _job(request, job_id)
    require_manager(request, job.area)
    try:
        job_confirm(job, task=tasks.import_apply)
    except JobFailed as error:
        messages.error(request, str(error))
    return redirect("registry:import", job.pk)


@require_POST
@login_required
def import_cancel(request: HttpRequest, job_id: int) -> HttpResponse:
    job = _job(request, job_id)
    try:
        job_cancel(job)
    except JobFailed as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The import was cancelled; nothing was saved."))
    return redirect("registry:import_start", job.area_id)

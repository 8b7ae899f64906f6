"""A decision's files: DOCX and PDF (a draft's are previews), the signed scan, and its certificates,
printed in the background as one PDF."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from assessments.uploads import ALLOWED
from khuyenhoc.downloads import attachment
from khuyenhoc.enums import JobStatus
from khuyenhoc.jobs import job_start
from khuyenhoc.models import Job
from recognition import tasks
from recognition.documents import TemplateProblem, render_docx, render_pdf
from recognition.models import Decision
from recognition.paperwork import DecisionPaper
from recognition.selectors import paper_for, template_for
from recognition.views.common import DOCX, decision_for, decision_to_change, file_name


def _paper(decision: Decision) -> DecisionPaper:
    with translation.override("vi"):  # the document's figures are written the Vietnamese way
        return paper_for(decision)


@require_GET
@login_required
def decision_docx(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision = decision_for(request, decision_id)
    template = template_for(decision.commune)
    try:
        if template is None:
            data = render_docx(_paper(decision))
        else:
            with template.file.open("rb") as source:
                data = render_docx(_paper(decision), source)
    except TemplateProblem as error:
        messages.error(request, str(error))
        return redirect("recognition:detail", decision.pk)
    return attachment(data, name=file_name(decision, "quyet-dinh", "docx"), content_type=DOCX)


@require_GET
@login_required
def decision_pdf(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision = decision_for(request, decision_id)
    data = render_pdf(_paper(decision))
    return attachment(data, name=file_name(decision, "quyet-dinh", "pdf"), content_type="application/pdf")


@require_GET
@login_required
def scan_file(request: HttpRequest, decision_id: int) -> FileResponse:
    """The signed paper, to users in scope only; the browser may show it but never run it."""
    decision = decision_for(request, decision_id)
    if not decision.scan:
        raise Http404
    extension = decision.scan.name.rsplit(".", 1)[-1]
    response = FileResponse(
        decision.scan.open("rb"),
        content_type=ALLOWED.get(extension, "application/octet-stream"),
        filename=file_name(decision, "quyet-dinh-ban-ky", extension),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response


@require_POST
@login_required
def certificates_start(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision = decision_to_change(request, decision_id)
    preprinted = request.POST.get("paper") == "preprinted"
    tasks.prune_files()
    job = job_start(
        task=tasks.certificates_print,
        kind=tasks.KIND,
        title=_("Certificates of decision %(number)s") % {"number": decision.number_text},
        owner=request.user,
        area=decision.commune,
        params={
            "decision": decision.pk,
            "preprinted": preprinted,
            # The worker has no request: it is told the public address the QR codes point to.
            "verify_base": request.build_absolute_uri(reverse("verification:form")),
        },
        page="recognition:certificates_job",
    )
    return redirect(job.get_absolute_url())


def _job(request: HttpRequest, job_id: int) -> tuple[Job, Decision]:
    """A batch the user started, of a decision still in their scope."""
    job = get_object_or_404(Job, pk=job_id, owner=request.user, kind=tasks.KIND)
    return job, decision_for(request, job.params["decision"])


@require_GET
@login_required
def certificates_job(request: HttpRequest, job_id: int) -> HttpResponse:
    job, decision = _job(request, job_id)
    return render(request, "recognition/certificates_job.html", {"job": job, "decision": decision})


@require_GET
@login_required
def certificates_file(request: HttpRequest, job_id: int) -> FileResponse:
    job, decision = _job(request, job_id)
    name = job.result.get("file", "")
    if job.status != JobStatus.DONE or not name or not default_storage.exists(name):
        raise Http404
    return FileResponse(
        default_storage.open(name, "rb"),
        as_attachment=True,
        filename=file_name(decision, "giay-chung-nhan", "pdf"),
        content_type="application/pdf",
    )

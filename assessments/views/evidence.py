"""Evidence: adding it to an item (files, a link or a note), removing it (it stays in the history), and
serving its files to those allowed to see the subject.

Served files are never rendered as pages of this site: the stored content type (found from the
content at upload, never the browser's word), nosniff, a sandbox, and a download for anything that is
not a picture or a PDF.
"""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from assessments import services
from assessments.models import Assessment
from assessments.services import Actor
from assessments.views.access import evidence_for, login_or_link, subject_for

INLINE = ("image/", "application/pdf")


def _back(request: HttpRequest, assessment: Assessment, actor: Actor, item_code: str) -> HttpResponse:
    """To the page the form was on (this site only), else to the subject's form; at the item."""
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        target = (
            reverse("personal_link", args=[actor.link.token])
            if actor.link
            else reverse("assessments:self_assess", args=[assessment.pk])
        )
    return redirect(f"{target}#item-{item_code}")


@require_POST
@login_or_link
def evidence_add(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment, actor = subject_for(request, assessment_id, write=True)
    item_code = request.POST.get("item", "")
    files = request.FILES.getlist("files")
    try:
        if files:
            added = len(
                services.evidence_add_files(actor=actor, assessment=assessment, item_code=item_code, uploads=files)
            )
        else:
            services.evidence_add(
                actor=actor,
                assessment=assessment,
                item_code=item_code,
                url=request.POST.get("url", "").strip(),
                note=request.POST.get("note", ""),
            )
            added = 1
    except services.AssessmentError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            ngettext(
                "%(count)d piece of evidence added to %(item)s.",
                "%(count)d pieces of evidence added to %(item)s.",
                added,
            )
            % {"count": added, "item": item_code},
        )
    return _back(request, assessment, actor, item_code)


@require_POST
@login_or_link
def evidence_remove(request: HttpRequest, evidence_id: int) -> HttpResponse:
    evidence, actor = evidence_for(request, evidence_id, write=True)
    try:
        services.evidence_remove(actor=actor, evidence=evidence)
    except services.AssessmentError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("“%(name)s” was removed.") % {"name": evidence})
    return _back(request, evidence.assessment, actor, evidence.item_code)


def _serve(stored, *, content_type: str, name: str) -> FileResponse:
    inline = content_type.startswith(INLINE)
    try:
        handle = stored.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type=content_type, as_attachment=not inline, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, max-age=3600"
    return response


@require_GET
@login_or_link
def evidence_file(request: HttpRequest, evidence_id: int) -> FileResponse:
    evidence, _actor = evidence_for(request, evidence_id, write=False)
    if not evidence.file:
        raise Http404
    return _serve(evidence.file, content_type=evidence.content_type, name=evidence.original_name)


@require_GET
@login_or_link
def evidence_thumb(request: HttpRequest, evidence_id: int) -> FileResponse:
    evidence, _actor = evidence_for(request, evidence_id, write=False)
    if not evidence.thumbnail:
        raise Http404
    return _serve(evidence.thumbnail, content_type="image/jpeg", name=f"thumb-{evidence.pk}.jpg")

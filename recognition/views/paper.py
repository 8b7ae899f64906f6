"""A commune's paperwork, set once: where each field falls on the certificate paper it buys (with a
test print), and its own decision template (a .docx edited from the default one)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from areas.models import Area
from khuyenhoc.downloads import attachment
from recognition import services
from recognition.certificates import render_certificates
from recognition.documents import DEFAULT_TEMPLATE
from recognition.forms import LayoutForm, UploadForm
from recognition.selectors import positions_for, sample_certificate, template_for
from recognition.views.common import DOCX, commune_to_manage

TEMPLATE_ACCEPT = f".docx,{DOCX}"


def _page(request: HttpRequest, commune: Area, *, form: LayoutForm | None = None) -> HttpResponse:
    context = {
        "commune": commune,
        "form": form or LayoutForm(positions=positions_for(commune)),
        "template": template_for(commune),
        "template_form": UploadForm(accept=TEMPLATE_ACCEPT, label=_("Decision template (.docx)")),
    }
    return render(request, "recognition/paper.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def paper_settings(request: HttpRequest, commune_id: int) -> HttpResponse:
    commune = commune_to_manage(request, commune_id)
    if request.method == "GET":
        return _page(request, commune)
    form = LayoutForm(request.POST, positions={})
    if not form.is_valid():
        return _page(request, commune, form=form)
    try:
        services.layout_save(by=request.user, commune=commune, positions=form.positions())
    except services.RecognitionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The positions on the certificate paper were saved."))
    return redirect("recognition:paper", commune.pk)


@require_POST
@login_required
def test_print(request: HttpRequest, commune_id: int) -> HttpResponse:
    """One sample certificate with the positions as typed (saved or not), over a millimetre grid."""
    commune = commune_to_manage(request, commune_id)
    form = LayoutForm(request.POST, positions={})
    if not form.is_valid():
        return _page(request, commune, form=form)
    sample = sample_certificate(commune, request.build_absolute_uri(reverse("verification:form")))
    data = render_certificates([sample], positions=form.positions(), test_print=True)
    return attachment(data, name="in-thu-giay-chung-nhan.pdf", content_type="application/pdf")


@require_POST
@login_required
def template_upload(request: HttpRequest, commune_id: int) -> HttpResponse:
    commune = commune_to_manage(request, commune_id)
    form = UploadForm(request.POST, request.FILES, accept=TEMPLATE_ACCEPT)
    if not form.is_valid():
        messages.error(request, _("Choose the template file."))
        return redirect("recognition:paper", commune.pk)
    try:
        services.template_set(by=request.user, commune=commune, upload=form.cleaned_data["file"])
    except services.RecognitionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The commune's decisions now use this template."))
    return redirect("recognition:paper", commune.pk)


@require_POST
@login_required
def template_remove(request: HttpRequest, commune_id: int) -> HttpResponse:
    commune = commune_to_manage(request, commune_id)
    services.template_remove(by=request.user, commune=commune)
    messages.success(request, _("The commune's decisions use the default template again."))
    return redirect("recognition:paper", commune.pk)


@require_GET
@login_required
def template_download(request: HttpRequest, commune_id: int) -> FileResponse:
    """The template in use (the commune's own, or the default): the file to start editing from."""
    commune = commune_to_manage(request, commune_id)
    template = template_for(commune)
    source = template.file.open("rb") if template else DEFAULT_TEMPLATE.open("rb")
    return FileResponse(source, as_attachment=True, filename="mau-quyet-dinh-cong-nhan.docx", content_type=DOCX)

"""Personal links: the village head issues one per subject (a new one replaces the old), revokes it, and
prints a village's sheet of links with QR codes to hand out, one card per subject."""

from dataclasses import dataclass

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.enums import Capability
from accounts.scope import get_visible_or_404, require
from assessments import services
from assessments.models import Assessment, PersonalLink
from assessments.views.grid import area_of, campaign_for


def _back(request: HttpRequest, assessment: Assessment) -> HttpResponse:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return redirect(target)
    return redirect("assessments:registration", assessment.campaign_id, assessment.area_id)


@require_POST
@login_required
def link_issue(request: HttpRequest, assessment_id: int) -> HttpResponse:
    subjects = Assessment.objects.select_related("campaign", "area")
    assessment = get_visible_or_404(subjects, request.user, pk=assessment_id)
    require(request.user, Capability.REVIEW_VILLAGE, assessment.area)
    try:
        services.link_issue(by=request.user, assessment=assessment)
    except services.AssessmentError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("A personal link was issued for %(name)s.") % {"name": assessment.subject_name})
    return _back(request, assessment)


@require_POST
@login_required
def link_revoke(request: HttpRequest, link_id: int) -> HttpResponse:
    links = PersonalLink.objects.select_related("assessment__area")
    link = get_visible_or_404(links, request.user, "assessment__area__path", pk=link_id)
    require(request.user, Capability.REVIEW_VILLAGE, link.assessment.area)
    services.link_revoke(by=request.user, link=link)
    messages.success(request, _("The link of %(name)s no longer works.") % {"name": link.assessment.subject_name})
    return _back(request, link.assessment)


@dataclass(frozen=True)
class Card:
    link: PersonalLink
    url: str
    qr: str


@require_GET
@login_required
def link_sheet(request: HttpRequest, campaign_id: int, village_id: int) -> HttpResponse:
    """The village's working links, ready to print and cut: the tokens are keys, so only those who may
    issue them see the sheet."""
    campaign = campaign_for(request, campaign_id)
    village = area_of(request, campaign, village_id)
    require(request.user, Capability.REVIEW_VILLAGE, village)
    links = (
        PersonalLink.objects.filter(assessment__campaign=campaign, assessment__area=village, revoked_at__isnull=True)
        .select_related("assessment")
        .order_by("assessment__subject_code", "assessment__subject_name", "pk")
    )
    cards = []
    for link in links:
        if link.is_usable():
            url = request.build_absolute_uri(reverse("personal_link", args=[link.token]))
            cards.append(Card(link, url, segno.make(url, error="m").svg_data_uri(scale=3, border=2)))
    return render(request, "assessments/link_sheet.html", {"campaign": campaign, "village": village, "cards": cards})

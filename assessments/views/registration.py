"""Registration for one campaign in one village: every subject the registry gave the campaign, with its
status and personal link; the village head registers the ticked ones (or all) or withdraws them."""

from collections import Counter
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from accounts.enums import Capability
from accounts.scope import require
from assessments import selectors, services
from assessments.enums import Stage, Status
from assessments.models import Assessment, PersonalLink
from assessments.views.grid import area_of, campaign_for, int_or_none

OPEN_STAGES = (Stage.REGISTRATION, Stage.SELF_ASSESSMENT)


@dataclass(frozen=True)
class Line:
    assessment: Assessment
    link: PersonalLink | None


def _registered_message(count: int, registered: bool) -> str:
    if registered:
        return ngettext("%(count)d subject was registered.", "%(count)d subjects were registered.", count) % {
            "count": count
        }
    return ngettext("%(count)d subject was withdrawn.", "%(count)d subjects were withdrawn.", count) % {"count": count}


@require_http_methods(["GET", "POST"])
@login_required
def registration(request: HttpRequest, campaign_id: int, village_id: int) -> HttpResponse:
    campaign = campaign_for(request, campaign_id)
    village = area_of(request, campaign, village_id)
    rows = selectors.assessments_visible_to(request.user, campaign).filter(area=village)
    if request.method == "POST":
        require(request.user, Capability.REVIEW_VILLAGE, village)
        action = request.POST.get("action")
        if action == "all":
            chosen = rows.filter(status=Status.INVITED)
        else:
            chosen = rows.filter(pk__in=[pk for pk in map(int_or_none, request.POST.getlist("ids")) if pk])
        registered = action != "withdraw"
        try:
            count = services.registration_set(
                by=request.user,
                campaign=campaign,
                assessment_ids=chosen.values_list("pk", flat=True),
                registered=registered,
            )
        except services.AssessmentError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _registered_message(count, registered))
        return redirect("assessments:registration", campaign.pk, village.pk)
    subjects = list(rows)
    links: dict[int, PersonalLink] = {}
    for link in PersonalLink.objects.filter(assessment__in=rows, revoked_at__isnull=True).order_by("pk"):
        if link.is_usable():
            links[link.assessment_id] = link
    counts = Counter(subject.status for subject in subjects)
    context = {
        "campaign": campaign,
        "village": village,
        "lines": [Line(subject, links.get(subject.pk)) for subject in subjects],
        "total": len(subjects),
        "invited": counts[Status.INVITED],
        "taking_part": len(subjects) - counts[Status.INVITED],
        "links": len(links),
        "may_register": request.user.can(Capability.REVIEW_VILLAGE, village),
        "stage_open": campaign.stage in OPEN_STAGES,
        "self_stage": campaign.stage == Stage.SELF_ASSESSMENT,
    }
    return render(request, "assessments/registration.html", context)

"""Campaigns: the list, creating one, its page with the progress of each village, opening it (its
subjects come from the registry) and moving it on to its next stage."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.enums import Capability
from accounts.scope import require, visible_areas
from areas.enums import Level
from assessments import selectors, services
from assessments.enums import STAGE_ORDER, Stage, Status
from assessments.forms import CampaignFilterForm, CampaignForm
from assessments.models import Campaign
from assessments.views.grid import campaign_for
from registry.views.common import paginate


@require_GET
@login_required
def campaign_list(request: HttpRequest) -> HttpResponse:
    campaigns = selectors.campaigns_visible_to(request.user)
    years = list(campaigns.order_by("-year").values_list("year", flat=True).distinct())
    form = CampaignFilterForm(request.GET, years=years)
    if year := form.value("year"):
        campaigns = campaigns.filter(year=year)
    if title := form.value("title"):
        campaigns = campaigns.filter(title=title)
    context = {"form": form, "can_create": request.user.can_anywhere(Capability.MANAGE_CAMPAIGNS)}
    rows = campaigns.select_related("area", "criteria_set")
    return render(request, "assessments/campaign_list.html", context | paginate(request, rows))


def _manageable_areas(user) -> QuerySet:
    """Today's communes, districts and provinces where the user may run campaigns."""
    areas = visible_areas(user).current().exclude(level=Level.VILLAGE)
    return areas.filter(pk__in=[area.pk for area in areas if user.can(Capability.MANAGE_CAMPAIGNS, area)])


@require_http_methods(["GET", "POST"])
@login_required
def campaign_create(request: HttpRequest) -> HttpResponse:
    if not request.user.can_anywhere(Capability.MANAGE_CAMPAIGNS):
        raise PermissionDenied
    areas = _manageable_areas(request.user)
    # A GET carries the values typed so far when htmx asks for the sets of another title or area.
    form = CampaignForm(request.POST or None, areas=areas, initial=request.GET.dict())
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.campaign_create(by=request.user, **form.cleaned_data)
        except services.AssessmentError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The campaign “%(name)s” was created.") % {"name": campaign.name})
            return redirect("assessments:campaign", campaign.pk)
    return render(request, "assessments/campaign_form.html", {"form": form})


@dataclass(frozen=True)
class StageStep:
    label: str
    until: object
    state: str  # "done", "current" or "next"


def _steps(campaign: Campaign) -> list[StageStep]:
    until = {
        Stage.REGISTRATION: campaign.registration_until,
        Stage.SELF_ASSESSMENT: campaign.self_assessment_until,
        Stage.VILLAGE_REVIEW: campaign.village_review_until,
        Stage.COMMUNE_REVIEW: campaign.commune_review_until,
        Stage.DECISION: campaign.decision_by,
    }
    here = STAGE_ORDER.index(campaign.stage)
    return [
        StageStep(
            label=Stage(stage).label,
            until=until.get(stage),
            state="done" if index < here else "current" if index == here else "next",
        )
        for index, stage in enumerate(STAGE_ORDER)
    ]


@dataclass(frozen=True)
class AreaCard:
    progress: selectors.VillageProgress
    statuses: list[tuple[str, str, int]]
    may_register: bool


def _card(progress: selectors.VillageProgress, user) -> AreaCard:
    statuses = [(value, label, progress.counts.get(value, 0)) for value, label in Status.choices]
    return AreaCard(progress, statuses, user.can(Capability.REVIEW_VILLAGE, progress.area))


@require_GET
@login_required
def campaign_detail(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = campaign_for(request, campaign_id)
    rows = selectors.progress(selectors.assessments_visible_to(request.user, campaign))
    total = selectors.progress_total(rows, campaign.area)
    context = {
        "campaign": campaign,
        "steps": _steps(campaign),
        "total": _card(total, request.user),
        "cards": [_card(row, request.user) for row in rows],
        "can_manage": request.user.can(Capability.MANAGE_CAMPAIGNS, campaign.area),
        "can_advance": campaign.stage not in (Stage.DRAFT, Stage.CLOSED),
        # The review screens once their stage has come (they stay readable afterwards).
        "reviewing": STAGE_ORDER.index(campaign.stage) >= STAGE_ORDER.index(Stage.VILLAGE_REVIEW),
        "at_council": STAGE_ORDER.index(campaign.stage) >= STAGE_ORDER.index(Stage.COMMUNE_REVIEW),
    }
    return render(request, "assessments/campaign_detail.html", context)


def _manager(request: HttpRequest, campaign_id: int) -> Campaign:
    campaign = campaign_for(request, campaign_id)
    require(request.user, Capability.MANAGE_CAMPAIGNS, campaign.area)
    return campaign


@require_POST
@login_required
def campaign_open(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = _manager(request, campaign_id)
    try:
        count = services.campaign_open(by=request.user, campaign=campaign)
    except services.AssessmentError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            ngettext(
                "Registration is open: %(count)d subject was taken from the registry.",
                "Registration is open: %(count)d subjects were taken from the registry.",
                count,
            )
            % {"count": count},
        )
    return redirect("assessments:campaign", campaign.pk)


def _consequences(campaign: Campaign, next_stage: str) -> list[str]:
    """What moving on changes, in the words the officer needs before confirming."""
    total = selectors.progress_total(selectors.progress(campaign.assessments.all()), campaign.area)
    counts = total.counts
    if next_stage == Stage.SELF_ASSESSMENT:
        return [
            _("Registered subjects can fill in their self-assessment, themselves or with the village head."),
            _("Registration stays open during self-assessment."),
        ]
    if next_stage == Stage.VILLAGE_REVIEW:
        return [
            _("Personal links stop working and registration closes."),
            ngettext(
                "%(count)d registered subject has not sent a self-assessment; the village head can still score it.",
                "%(count)d registered subjects have not sent a self-assessment; the village head can still score them.",
                counts.get(Status.REGISTERED, 0),
            )
            % {"count": counts.get(Status.REGISTERED, 0)},
        ]
    if next_stage == Stage.COMMUNE_REVIEW:
        waiting = counts.get(Status.REGISTERED, 0) + counts.get(Status.SELF_ASSESSED, 0)
        return [
            _("The commune council can adjust, return and approve what the villages sent."),
            ngettext(
                "%(count)d subject has not been sent by its village yet; villages can still send it.",
                "%(count)d subjects have not been sent by their villages yet; villages can still send them.",
                waiting,
            )
            % {"count": waiting},
        ]
    if next_stage == Stage.DECISION:
        pending = total.taking_part - counts.get(Status.APPROVED, 0)
        return [
            _("Approved subjects wait for the recognition decision; nothing else can be changed."),
            ngettext(
                "%(count)d subject taking part is not approved and will not be.",
                "%(count)d subjects taking part are not approved and will not be.",
                pending,
            )
            % {"count": pending},
        ]
    return [_("The campaign becomes read-only for good.")]


@require_http_methods(["GET", "POST"])
@login_required
def campaign_advance(request: HttpRequest, campaign_id: int) -> HttpResponse:
    """A confirmation page (GET), then the move (POST): a stage once left does not come back."""
    campaign = _manager(request, campaign_id)
    if request.method == "POST":
        try:
            services.campaign_advance(by=request.user, campaign=campaign)
        except services.AssessmentError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("The campaign is now at the stage “%(stage)s”.") % {"stage": campaign.get_stage_display()}
            )
        return redirect("assessments:campaign", campaign.pk)
    if campaign.stage in (Stage.DRAFT, Stage.CLOSED):
        return redirect("assessments:campaign", campaign.pk)
    next_stage = STAGE_ORDER[STAGE_ORDER.index(campaign.stage) + 1]
    context = {
        "campaign": campaign,
        "next_stage": Stage(next_stage).label,
        "consequences": _consequences(campaign, next_stage),
    }
    return render(request, "assessments/campaign_advance.html", context)

"""The commune council's screens: the queue of subjects the villages sent, and one subject's page (points
by layer, evidence, outcome, history) where the council adjusts an item, returns the subject to the
village or approves it. Everyone whose scope covers the subject may read; acting needs REVIEW_COMMUNE."""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from accounts.enums import Capability
from accounts.scope import get_visible_or_404, require
from areas.models import Area
from assessments import selectors, services
from assessments.enums import EventKind, ScoreLayer, Stage, Status
from assessments.models import Assessment, Evidence
from assessments.rules import reasons_from_json, rules_for
from assessments.views.grid import (
    VILLAGE_STAGES,
    VILLAGE_STATUSES,
    area_of,
    campaign_for,
    int_or_none,
    outcome_label,
    parse_points,
)
from criteria.engine import InvalidScores, Item, points_text

PAGE_SIZE = 100
OUTCOMES = {"passed": True, "failed": False}


def _differences(row: selectors.Row, codes: list[str]) -> list[tuple[str, str, str]]:
    """The items whose village points differ from the self-assessed ones: (code, self, village)."""
    return [
        (code, points_text(row.self_scores.get(code)), points_text(row.village_scores.get(code)))
        for code in codes
        if row.self_scores.get(code) != row.village_scores.get(code)
    ]


@dataclass
class QueueRow:
    assessment: Assessment
    evidence: int
    label: str
    reasons: list[str]
    # None when the subject did not assess itself: there is nothing to compare.
    differences: list[tuple[str, str, str]] | None
    may_approve: bool


@require_GET
@login_required
def council_queue(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = campaign_for(request, campaign_id)
    waiting = selectors.assessments_visible_to(request.user, campaign).filter(status=Status.VILLAGE_REVIEWED)
    counts = dict(waiting.order_by().values_list("area_id").annotate(n=Count("pk")))
    villages = sorted(Area.objects.in_bulk(list(counts)).values(), key=lambda area: area.path)
    chosen = next((v for v in villages if v.pk == int_or_none(request.GET.get("village"))), None)
    outcome = request.GET.get("outcome", "")
    listed = waiting.filter(area=chosen) if chosen else waiting
    if outcome in OUTCOMES:
        listed = listed.filter(passed=OUTCOMES[outcome])
    page = Paginator(listed.values_list("pk", flat=True), PAGE_SIZE).get_page(request.GET.get("page"))
    rules = rules_for(campaign.criteria_set)
    open_stage = campaign.stage == Stage.COMMUNE_REVIEW
    approves = {v.pk: open_stage and request.user.can(Capability.REVIEW_COMMUNE, v) for v in villages}
    rows = []
    for row in selectors.grid_rows(campaign.assessments.filter(pk__in=list(page))):
        a = row.assessment
        try:
            codes = [item.code for item in rules.items(a.variant or None)]
        except InvalidScores:
            codes = []
        rows.append(
            QueueRow(
                assessment=a,
                evidence=row.evidence,
                label=outcome_label(a),
                reasons=[reason.message for reason in reasons_from_json(a.reasons)],
                differences=_differences(row, codes) if row.self_scores else None,
                may_approve=approves.get(a.area_id, False),
            )
        )
    query = request.GET.copy()
    query.pop("page", None)
    encoded = query.urlencode()
    context = {
        "campaign": campaign,
        "villages": [(v, counts[v.pk], approves[v.pk]) for v in villages],
        "chosen": chosen,
        "outcome": outcome,
        "page_obj": page,
        "rows": rows,
        "query_string": f"{encoded}&" if encoded else "",
        "open_stage": open_stage,
    }
    return render(request, "assessments/council.html", context)


@require_POST
@login_required
def council_approve_village(request: HttpRequest, campaign_id: int, village_id: int) -> HttpResponse:
    """Approve every subject the village sent. The page said how many; if that changed since (the village
    sent more, another member acted), nothing is approved and the council looks again."""
    campaign = campaign_for(request, campaign_id)
    village = area_of(request, campaign, village_id)
    require(request.user, Capability.REVIEW_COMMUNE, village)
    ids = list(campaign.assessments.filter(area=village, status=Status.VILLAGE_REVIEWED).values_list("pk", flat=True))
    if len(ids) != int_or_none(request.POST.get("count")):
        messages.error(
            request,
            _("What %(village)s sent has changed since the page was loaded: look at it again.")
            % {"village": village.name},
        )
    else:
        try:
            approved = services.council_approve(by=request.user, campaign=campaign, assessment_ids=ids)
        except services.AssessmentError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s subject of %(village)s was approved.",
                    "%(count)s subjects of %(village)s were approved.",
                    approved,
                )
                % {"count": approved, "village": village.name},
            )
    return redirect("assessments:council", campaign.pk)


# --- One subject -------------------------------------------------------------------------------------


@dataclass
class ItemLine:
    item: Item
    own: Decimal | None
    village: Decimal | None
    council: Decimal | None
    evidence: list[Evidence]
    # The village's points differ from the self-assessment (as counted in the queue).
    differs: bool


@dataclass(frozen=True)
class HistoryLine:
    at: object
    who: str
    what: str
    layer: str
    item: str
    old: str
    new: str
    reason: str


def _history(assessment: Assessment) -> list[HistoryLine]:
    statuses = dict(Status.choices)
    lines = []
    for event in assessment.events.select_related("actor"):
        if event.link_id:
            who = _("the household, through its personal link")
        else:
            who = str(event.actor) if event.actor else "—"
        old, new = event.old, event.new
        if event.kind == EventKind.STATUS:
            old, new = statuses.get(old, old), statuses.get(new, new)
        lines.append(
            HistoryLine(
                event.at,
                who,
                event.get_kind_display(),
                event.get_layer_display() if event.layer else "",
                event.item_code,
                old,
                new,
                event.reason,
            )
        )
    return lines


def _subject(request: HttpRequest, assessment_id: int) -> Assessment:
    queryset = Assessment.objects.select_related("campaign__criteria_set", "campaign__area", "area")
    return get_visible_or_404(queryset, request.user, pk=assessment_id)


def _council_subject(request: HttpRequest, assessment_id: int) -> Assessment:
    assessment = _subject(request, assessment_id)
    require(request.user, Capability.REVIEW_COMMUNE, assessment.area)
    return assessment


def _page(request: HttpRequest, assessment: Assessment, *, error: str = "", posted=None, status: int = 200):
    rules = rules_for(assessment.campaign.criteria_set)
    layers = services.layered_scores(assessment)
    evidence: dict[str, list[Evidence]] = {}
    for piece in assessment.evidence.filter(removed_at__isnull=True):
        evidence.setdefault(piece.item_code, []).append(piece)
    try:
        codes = {item.code for item in rules.items(assessment.variant or None)}
    except InvalidScores:
        codes = set()
    own, village, council = (layers[layer] for layer in (ScoreLayer.SELF, ScoreLayer.VILLAGE, ScoreLayer.COUNCIL))
    groups = []
    for group in rules.groups:
        lines = [
            ItemLine(
                item,
                own.get(item.code),
                village.get(item.code),
                council.get(item.code),
                evidence.get(item.code, []),
                differs=bool(own) and own.get(item.code) != village.get(item.code),
            )
            for item in group.items
            if item.code in codes
        ]
        if lines:
            groups.append((group, lines))
    campaign = assessment.campaign
    user = request.user
    context = {
        "assessment": assessment,
        "campaign": campaign,
        "groups": groups,
        "label": outcome_label(assessment),
        "reasons": [reason.message for reason in reasons_from_json(assessment.reasons)],
        "history": _history(assessment),
        "may_act": (
            campaign.stage == Stage.COMMUNE_REVIEW
            and assessment.status == Status.VILLAGE_REVIEWED
            and user.can(Capability.REVIEW_COMMUNE, assessment.area)
        ),
        "may_review_village": user.can(Capability.REVIEW_VILLAGE, assessment.area),
        # The village head may still attach evidence while the village reviews (evidence.py's forms).
        "may_add_evidence": (
            campaign.stage in VILLAGE_STAGES
            and assessment.status in VILLAGE_STATUSES
            and user.can(Capability.REVIEW_VILLAGE, assessment.area)
        ),
        "error": error,
        "posted": posted or {},
    }
    return render(request, "assessments/council_subject.html", context, status=status)


@require_GET
@login_required
def subject_detail(request: HttpRequest, assessment_id: int) -> HttpResponse:
    return _page(request, _subject(request, assessment_id))


@require_POST
@login_required
def subject_adjust(request: HttpRequest, assessment_id: int) -> HttpResponse:
    """The council changes one item's points (empty: back to the village's), always with a reason."""
    assessment = _council_subject(request, assessment_id)
    item, reason = request.POST.get("item", ""), request.POST.get("reason", "")
    posted = {"action": "adjust", "item": item, "points": request.POST.get("points", ""), "reason": reason}
    try:
        points = parse_points(posted["points"], item)
        services.scores_save(
            actor=services.Actor(user=request.user),
            assessment=assessment,
            layer=ScoreLayer.COUNCIL,
            scores={item: points},
            version=int_or_none(request.POST.get("version")) or 0,
            reason=reason,
        )
    except (ValueError, services.AssessmentError) as error:
        status = 409 if isinstance(error, services.StaleEdit) else 400
        return _page(request, assessment, error=str(error), posted=posted, status=status)
    messages.success(request, _("Item %(item)s: the council's points were saved.") % {"item": item})
    return redirect("assessments:subject", assessment.pk)


@require_POST
@login_required
def subject_return(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = _council_subject(request, assessment_id)
    reason = request.POST.get("reason", "")
    try:
        services.council_return(
            by=request.user, assessment=assessment, reason=reason, version=int_or_none(request.POST.get("version")) or 0
        )
    except services.AssessmentError as error:
        status = 409 if isinstance(error, services.StaleEdit) else 400
        posted = {"action": "return", "reason": reason}
        return _page(request, assessment, error=str(error), posted=posted, status=status)
    messages.success(request, _("%(name)s was returned to the village.") % {"name": assessment.subject_name})
    return redirect("assessments:subject", assessment.pk)


@require_POST
@login_required
def subject_approve(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = _council_subject(request, assessment_id)
    try:
        approved = services.council_approve(
            by=request.user, campaign=assessment.campaign, assessment_ids=[assessment.pk]
        )
    except services.AssessmentError as error:
        messages.error(request, str(error))
    else:
        if approved:
            messages.success(request, _("%(name)s was approved.") % {"name": assessment.subject_name})
        else:
            messages.error(request, _("Only a subject sent by the village can be approved."))
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(back)
    return redirect("assessments:subject", assessment.pk)

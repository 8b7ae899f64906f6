"""The subject's own form: the items of its criteria set, grouped, with points, guidance, evidence and
the explanations the set asks for; saved as the self-assessment layer, then sent to the village.

Two ways in, one page: a village head or commune officer fills it for the household (REVIEW_VILLAGE
over its area; others in scope see it read-only), or the household itself opens its personal link
/s/<token>/ without an account.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.enums import Capability
from accounts.scope import get_visible_or_404, require
from assessments import services
from assessments.enums import ScoreLayer, Stage, Status
from assessments.models import Assessment, Evidence, PersonalLink, Score
from assessments.rules import rules_for
from assessments.services import Actor
from assessments.views.access import SUBJECTS, remember_link
from assessments.views.grid import int_or_none, parse_points
from criteria.engine import InvalidScores, Item, evaluate, points_text


@dataclass
class ItemLine:
    item: Item
    points: str = ""
    explanation: str = ""
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Posted:
    scores: dict[str, Decimal | None]
    explanations: dict[str, str]
    texts: dict[str, str]
    problems: list[str]


def _items(assessment: Assessment, rules) -> list[Item]:
    try:
        return rules.items(assessment.variant or None)
    except InvalidScores:  # a person whose labour group matches no form of the set
        return []


def _read(request: HttpRequest, items: list[Item]) -> Posted:
    posted = Posted({}, {}, {}, [])
    for item in items:
        text = request.POST.get(f"points-{item.code}", "")
        posted.texts[item.code] = text
        posted.explanations[item.code] = request.POST.get(f"explain-{item.code}", "")
        try:
            posted.scores[item.code] = parse_points(text, item.code)
        except ValueError as error:
            posted.problems.append(str(error))
    return posted


def _notice(assessment: Assessment, may_write: bool) -> str:
    """Why the form cannot be changed now (empty when it can)."""
    stage = assessment.campaign.stage
    if assessment.status == Status.INVITED:
        return _("Not registered for this campaign.")
    if stage in (Stage.DRAFT, Stage.REGISTRATION):
        return _("The self-assessment opens after registration, at the stage “Self-assessment”.")
    if assessment.status != Status.REGISTERED:
        return _("The self-assessment was sent; the village reviews it now.")
    if stage != Stage.SELF_ASSESSMENT:
        return _("The self-assessment is closed.")
    if not may_write:
        return _("You can look at this form; the village head fills it in.")
    return ""


def _page(
    request: HttpRequest,
    assessment: Assessment,
    *,
    may_write: bool,
    link: PersonalLink | None = None,
    posted: Posted | None = None,
    version: int | None = None,
    error: str = "",
) -> HttpResponse:
    campaign = assessment.campaign
    rules = rules_for(campaign.criteria_set)
    items = _items(assessment, rules)
    saved = {s.item_code: s for s in Score.objects.filter(assessment=assessment, layer=ScoreLayer.SELF)}
    lines = {}
    for item in items:
        score = saved.get(item.code)
        line = ItemLine(item, points_text(score.points) if score else "", score.explanation if score else "")
        if posted is not None:
            line.points, line.explanation = posted.texts[item.code], posted.explanations[item.code]
        lines[item.code] = line
    for evidence in assessment.evidence.filter(removed_at__isnull=True):
        if evidence.item_code in lines:
            lines[evidence.item_code].evidence.append(evidence)
    groups = [(group, [lines[item.code] for item in group.items if item.code in lines]) for group in rules.groups]
    notice = _notice(assessment, may_write) if items else _("This subject has no form in the campaign's set.")
    own = {code: score.points for code, score in saved.items()}
    context = {
        "campaign": campaign,
        "assessment": assessment,
        "link": link,
        "groups": [(group, shown) for group, shown in groups if shown],
        "editable": not notice,
        "notice": notice,
        "may_register": link is not None
        and assessment.status == Status.INVITED
        and campaign.stage in (Stage.REGISTRATION, Stage.SELF_ASSESSMENT),
        "version": assessment.version if version is None else version,
        "outcome": evaluate(rules, own, assessment.variant or None) if own else None,
        "error": error,
    }
    return render(request, "assessments/selfassess.html", context, status=400 if error else 200)


def _save(request: HttpRequest, assessment: Assessment, actor: Actor, **page) -> HttpResponse:
    """Save the points (and send them when asked); on refusal show the page again with what was typed."""
    items = _items(assessment, rules_for(assessment.campaign.criteria_set))
    posted = _read(request, items)
    version = int_or_none(request.POST.get("version")) or 0
    if posted.problems:
        return _page(request, assessment, posted=posted, version=version, error=" ".join(posted.problems), **page)
    try:
        services.scores_save(
            actor=actor,
            assessment=assessment,
            layer=ScoreLayer.SELF,
            scores=posted.scores,
            version=version,
            explanations=posted.explanations,
        )
        version = assessment.version
        if "send" in request.POST:
            services.self_submit(actor=actor, assessment=assessment, version=version)
    except services.AssessmentError as error:
        return _page(request, assessment, posted=posted, version=version, error=str(error), **page)
    if assessment.status == Status.SELF_ASSESSED:
        messages.success(request, _("The self-assessment was sent to the village."))
    else:
        messages.success(
            request,
            _("Saved: %(total)s points by the self-assessment.") % {"total": points_text(assessment.self_total)},
        )
    return redirect(request.get_full_path())


@require_http_methods(["GET", "POST"])
@login_required
def self_assessment(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = get_visible_or_404(SUBJECTS, request.user, pk=assessment_id)
    may_write = request.user.can(Capability.REVIEW_VILLAGE, assessment.area)
    if request.method == "POST":
        require(request.user, Capability.REVIEW_VILLAGE, assessment.area)
        return _save(request, assessment, Actor(user=request.user), may_write=True)
    return _page(request, assessment, may_write=may_write)


@require_http_methods(["GET", "POST"])
def personal_link(request: HttpRequest, token: str) -> HttpResponse:
    """The household's way in, without an account. A revoked or expired link says so and nothing more."""
    link = PersonalLink.objects.select_related("assessment").filter(token=token).first()
    if link is None:
        raise Http404
    if not link.is_usable():
        return render(request, "assessments/link_refused.html", status=410)
    remember_link(request, link)
    assessment = SUBJECTS.get(pk=link.assessment_id)
    if request.method == "POST" and "register" in request.POST:
        try:
            services.registration_self(link=link)
        except services.AssessmentError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("You are registered for this campaign."))
        return redirect(request.path)
    if request.method == "POST":
        return _save(request, assessment, Actor(link=link), may_write=True, link=link)
    return _page(request, assessment, may_write=True, link=link)

"""The village review grid: the taking-part subjects of one village as rows, the items of the campaign's
set as columns. The village head types the village's points and each cell is saved as they go (JSON for
static/js/grid.js); fill-down, copying the self-assessment and sending to the council work on many rows.

Everyone whose scope covers the village may look at the grid; only REVIEW_VILLAGE may change it, so a
viewer or a council member sees it read-only and gets 403 on its writes.
"""

from decimal import Decimal, InvalidOperation
from html import escape

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from accounts.enums import Capability
from accounts.scope import get_visible_or_404, require
from areas.models import Area
from assessments import selectors, services
from assessments.enums import ScoreLayer, Stage, Status
from assessments.models import Assessment, Campaign
from assessments.rules import rules_for
from criteria.engine import InvalidScores, points_text

VILLAGE_STATUSES, VILLAGE_STAGES = services.EDITABLE[ScoreLayer.VILLAGE]


# --- Shared with the other campaign screens ---------------------------------------------------------


def campaign_for(request: HttpRequest, campaign_id: int) -> Campaign:
    campaigns = selectors.campaigns_visible_to(request.user).select_related("area", "criteria_set")
    return get_object_or_404(campaigns, pk=campaign_id)


def area_of(request: HttpRequest, campaign: Campaign, area_id: int) -> Area:
    """An area of the campaign inside the user's scope (404 otherwise): a village, or the commune for
    subjects that sit at commune level (clans, units)."""
    return get_visible_or_404(
        Area.objects.filter(path__startswith=campaign.area.path), request.user, "path", pk=area_id
    )


def outcome_label(assessment: Assessment) -> str:
    """The engine's verdict as stored by the services; empty while the reviewers gave no points."""
    if assessment.passed is None:
        return ""
    if not assessment.passed:
        return _("Not passed")
    return assessment.result or _("Passed")


def parse_points(text: str, item: str) -> Decimal | None:
    """Points as typed: "7,5" (the Vietnamese comma) or "7.5"; empty clears the item."""
    text = text.strip().replace(" ", "").replace(",", ".")
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(_("The points of %(item)s must be a number, such as 7,5.") % {"item": item}) from None
    if not value.is_finite() or value.as_tuple().exponent < -2:
        raise ValueError(_("The points of %(item)s must be a number with at most two decimals.") % {"item": item})
    return value


def int_or_none(value: str | None) -> int | None:
    try:
        return int(value or "")
    except ValueError:
        return None


# --- The grid ------------------------------------------------------------------------------------------


# The rows are built here rather than in the template: Django's template engine needs about 0.4 s for
# 500 rows of 10 inputs, these strings about 15 ms (bench/village_grid.py). Everything typed by people
# goes through html.escape (plain str: Django's SafeString slows formatting down threefold).
ROW = (
    '<tr id="a{pk}" data-id="{pk}" data-version="{version}"{returned}>{select}'
    '<th scope="row" class="grid-name"><a href="{url}">{name}</a> <small class="muted">{code}</small> '
    '<span class="badge status-{status}">{status_label}</span>{reason}</th>{cells}'
    '<td data-label="{total_label}" class="grid-total">{total}</td>'
    '<td data-label="{result_label}" class="grid-outcome{outcome}">{result}</td>'
    '<td data-label="{evidence_label}">{evidence}</td></tr>'
)
SELECT = '<td class="grid-select">{box}</td>'
BOX = '<input type="checkbox" name="ids" value="{pk}" form="grid-actions" aria-label="{tick} {name}">'


class GridRows:
    """The HTML of the grid's rows, with what the page says about them."""

    def __init__(self, rules, items: list, editing: bool):
        self.rules, self.editing = rules, editing
        self.codes = [(item.code, escape(item.code)) for item in items]
        self.forms: dict[str, set[str]] = {}
        self.texts: dict[Decimal, str] = {}
        self.statuses = {value: escape(str(label)) for value, label in Status.choices}
        self.words = {
            "tick": escape(_("Tick")),
            "council": escape(_("Council")),
            "total_label": escape(_("Total")),
            "result_label": escape(_("Result")),
            "evidence_label": escape(_("Evidence")),
        }
        self.labels: dict[tuple, str] = {}
        # One reverse() for the 500 links: the subject's URL ends with its id.
        self.url_head, _zero, self.url_tail = reverse("assessments:subject", args=[0]).rpartition("/0/")
        self.returned = 0

    def form(self, variant: str) -> set[str]:
        """The item codes of a subject's form, worked out once per form."""
        if variant not in self.forms:
            try:
                self.forms[variant] = {item.code for item in self.rules.items(variant or None)}
            except InvalidScores:  # a person without a labour group: no form to score yet
                self.forms[variant] = set()
        return self.forms[variant]

    def text(self, value: Decimal | None) -> str:
        # The same few values come back thousands of times: format each once.
        if value is None:
            return ""
        if value not in self.texts:
            self.texts[value] = escape(points_text(value))
        return self.texts[value]

    def label(self, assessment: Assessment) -> str:
        key = (assessment.passed, assessment.result)
        if key not in self.labels:
            self.labels[key] = escape(outcome_label(assessment))
        return self.labels[key]

    def cells(self, row: selectors.Row, name: str, editable: bool) -> str:
        form, cells = self.form(row.assessment.variant), []
        for code, label in self.codes:
            if code not in form:
                cells.append(f'<td data-label="{label}" class="grid-none">–</td>')
                continue
            village, own = self.text(row.village_scores.get(code)), self.text(row.self_scores.get(code))
            if editable:
                cells.append(
                    f'<td data-label="{label}"><input inputmode="decimal" autocomplete="off" value="{village}" '
                    f'aria-label="{label} · {name}"><small class="own">{own}</small></td>'
                )
            else:
                cells.append(f'<td data-label="{label}">{village} <small class="own">{own}</small></td>')
        return "".join(cells)

    def row(self, row: selectors.Row) -> str:
        a, words = row.assessment, self.words
        name = escape(a.subject_name)
        editable = self.editing and a.status in VILLAGE_STATUSES
        returned = a.status == Status.RETURNED
        self.returned += returned
        box = BOX.format(pk=a.pk, tick=words["tick"], name=name) if editable else ""
        reason = a.returned_reason if returned else ""
        return ROW.format(
            pk=a.pk,
            version=a.version,
            returned=' class="is-returned"' if returned else "",
            select=SELECT.format(box=box) if self.editing else "",
            url=f"{self.url_head}/{a.pk}/{self.url_tail}",
            name=name,
            code=escape(a.subject_code),
            status=a.status,
            status_label=self.statuses[a.status],
            reason=f'<strong class="grid-reason">{words["council"]}: {escape(reason)}</strong>' if reason else "",
            cells=self.cells(row, name, editable),
            total=self.text(a.total),
            outcome={True: " is-passed", False: " is-failed"}.get(a.passed, ""),
            result=self.label(a),
            evidence=row.evidence,
            **words,
        )


def _editing(request: HttpRequest, campaign: Campaign, area: Area) -> bool:
    return campaign.stage in VILLAGE_STAGES and request.user.can(Capability.REVIEW_VILLAGE, area)


@require_GET
@login_required
def village_grid(request: HttpRequest, campaign_id: int, village_id: int) -> HttpResponse:
    campaign = campaign_for(request, campaign_id)
    village = area_of(request, campaign, village_id)
    rules = rules_for(campaign.criteria_set)
    items = rules.all_items()
    editing = _editing(request, campaign, village)
    found = selectors.grid_rows(campaign.assessments.taking_part().filter(area=village))
    built = GridRows(rules, items, editing)
    rows = mark_safe("".join(built.row(row) for row in found))  # GridRows escapes what people typed
    context = {
        "campaign": campaign,
        "village": village,
        "items": items,
        "rows": rows,
        "row_count": len(found),
        "editing": editing,
        "may_review": request.user.can(Capability.REVIEW_VILLAGE, village),
        "stage_open": campaign.stage in VILLAGE_STAGES,
        "open_stages": [Stage(stage).label for stage in VILLAGE_STAGES],
        "returned_count": built.returned,
    }
    return render(request, "assessments/grid.html", context)


# --- Saving ------------------------------------------------------------------------------------------


def _reviewer(request: HttpRequest, campaign_id: int, village_id: int) -> tuple[Campaign, Area]:
    campaign = campaign_for(request, campaign_id)
    village = area_of(request, campaign, village_id)
    require(request.user, Capability.REVIEW_VILLAGE, village)
    return campaign, village


def _state(assessment: Assessment) -> dict:
    """What a row shows after a save: the version the next save must carry, and the outcome."""
    return {
        "id": assessment.pk,
        "version": assessment.version,
        "total": points_text(assessment.total),
        "label": outcome_label(assessment),
        "passed": assessment.passed,
    }


def _refused(message: str, status: int = 400, **flags) -> JsonResponse:
    return JsonResponse({"error": message, **flags}, status=status)


@require_POST
@login_required
def grid_cell(request: HttpRequest, campaign_id: int, village_id: int) -> JsonResponse:
    """Save one cell: the row's version must be the one the page showed."""
    campaign, village = _reviewer(request, campaign_id, village_id)
    assessment = get_object_or_404(
        campaign.assessments.filter(area=village), pk=int_or_none(request.POST.get("assessment")) or 0
    )
    assessment.campaign = campaign
    item, version = request.POST.get("item", ""), int_or_none(request.POST.get("version"))
    if version is None:
        return _refused(_("The page is out of date. Reload it, then try again."), 409, stale=True)
    try:
        points = parse_points(request.POST.get("points", ""), item)
        services.scores_save(
            actor=services.Actor(user=request.user),
            assessment=assessment,
            layer=ScoreLayer.VILLAGE,
            scores={item: points},
            version=version,
            explanations={item: request.POST.get("explanation", "")},
        )
    except services.StaleEdit as error:
        return _refused(str(error), 409, stale=True)
    except services.MissingEvidence as error:
        return _refused(str(error), explain=True)
    except (ValueError, services.AssessmentError) as error:
        return _refused(str(error))
    return JsonResponse({**_state(assessment), "value": points_text(points)})


@require_POST
@login_required
def grid_fill(request: HttpRequest, campaign_id: int, village_id: int) -> JsonResponse:
    """Fill-down: one item, one value, many rows given as "id:version"."""
    campaign, village = _reviewer(request, campaign_id, village_id)
    item = request.POST.get("item", "")
    versions = {}
    for pair in request.POST.getlist("row"):
        pk, _sep, version = pair.partition(":")
        if int_or_none(pk) is not None and int_or_none(version) is not None:
            versions[int(pk)] = int(version)
    try:
        points = parse_points(request.POST.get("points", ""), item)
        filled = services.village_fill(
            by=request.user, campaign=campaign, area=village, item_code=item, points=points, versions=versions
        )
    except (ValueError, services.AssessmentError) as error:
        return _refused(str(error))
    message = ngettext(
        "Item %(item)s: saved on %(count)s row.", "Item %(item)s: saved on %(count)s rows.", len(filled.saved)
    ) % {"item": item, "count": len(filled.saved)}
    if filled.refused:
        message += " " + ngettext(
            "%(count)s row refused (see its message).",
            "%(count)s rows refused (see their messages).",
            len(filled.refused),
        ) % {"count": len(filled.refused)}
    return JsonResponse(
        {
            "message": message,
            "value": points_text(points),
            "rows": [_state(a) for a in filled.saved],
            "refused": [{"id": a.pk, "error": error} for a, error in filled.refused],
        }
    )


def _chosen(request: HttpRequest, campaign: Campaign, village: Area) -> QuerySet:
    """The ticked rows of the village, or all of its rows when none is ticked."""
    rows = campaign.assessments.filter(area=village)
    ids = [pk for pk in map(int_or_none, request.POST.getlist("ids")) if pk is not None]
    return rows.filter(pk__in=ids) if ids else rows


@require_POST
@login_required
def grid_copy_self(request: HttpRequest, campaign_id: int, village_id: int) -> HttpResponse:
    campaign, village = _reviewer(request, campaign_id, village_id)
    chosen = _chosen(request, campaign, village).values_list("pk", flat=True)
    try:
        copied = services.village_copy_self(by=request.user, campaign=campaign, assessment_ids=chosen)
    except services.AssessmentError as error:
        messages.error(request, str(error))
    else:
        if copied:
            messages.success(
                request,
                ngettext(
                    "The self-assessed points were copied for %(count)s subject.",
                    "The self-assessed points were copied for %(count)s subjects.",
                    copied,
                )
                % {"count": copied},
            )
        else:
            messages.info(request, _("Nothing to copy: every self-assessed item already has the village's points."))
    return redirect("assessments:grid", campaign.pk, village.pk)


@require_POST
@login_required
def grid_submit(request: HttpRequest, campaign_id: int, village_id: int) -> HttpResponse:
    campaign, village = _reviewer(request, campaign_id, village_id)
    chosen = _chosen(request, campaign, village)
    waiting = chosen.filter(status__in=VILLAGE_STATUSES).count()
    try:
        sent = services.village_submit(
            by=request.user, campaign=campaign, assessment_ids=chosen.values_list("pk", flat=True)
        )
    except services.AssessmentError as error:
        messages.error(request, str(error))
    else:
        text = ngettext(
            "%(count)s subject was sent to the council.", "%(count)s subjects were sent to the council.", sent
        ) % {"count": sent}
        if waiting > sent:
            text += " " + ngettext(
                "%(count)s subject without points on every item stays in the village.",
                "%(count)s subjects without points on every item stay in the village.",
                waiting - sent,
            ) % {"count": waiting - sent}
        (messages.success if sent else messages.warning)(request, text)
    return redirect("assessments:grid", campaign.pk, village.pk)

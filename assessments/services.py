"""Writes to assessments. Every function checks the campaign's stage and the subject's status, records
each change in the subject's history, and raises AssessmentError with a message for the user.

Concurrency: every write to one assessment first raises its `version` with a conditional UPDATE
(`_claim`). A save made on a page that showed an older version matches no row and is refused, so two
people editing the same subject never overwrite each other silently.
"""

import datetime
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from areas.enums import Level
from areas.models import Area
from assessments.enums import STAGE_ORDER, EventKind, EvidenceKind, ScoreLayer, Stage, Status
from assessments.models import Assessment, Campaign, Event, Evidence, PersonalLink, Score
from assessments.rules import reasons_to_json, rules_for
from assessments.uploads import UploadRefused, check, storage_name, thumbnail
from criteria.engine import InvalidScores, evaluate, points_text
from criteria.enums import Status as SetStatus
from criteria.enums import Title
from criteria.models import CriteriaSet
from khuyenhoc.text import clean
from registry.models import Clan, Household, Person, Unit

# The youngest age at which a person is counted as a worker who may become a learning citizen.
WORKING_AGE = 15


class AssessmentError(Exception):
    """A change the rules refuse; the message is for the user."""


class StaleEdit(AssessmentError):
    """The subject changed since the page was loaded."""


class MissingEvidence(AssessmentError):
    """Points for an item that asks for evidence, with none attached and no explanation: the screen may
    ask for an explanation and try again."""


@dataclass(frozen=True)
class Actor:
    """Who acts: a logged-in user, or a household through its personal link."""

    user: object | None = None
    link: PersonalLink | None = None

    def event(self, assessment: Assessment, kind: str, **fields) -> Event:
        return Event(assessment=assessment, actor=self.user, link=self.link, kind=kind, **fields)


# --- Campaigns -----------------------------------------------------------------------------------


@transaction.atomic
def campaign_create(
    *,
    by,
    name: str,
    year: int,
    title: str,
    area: Area,
    criteria_set: CriteriaSet,
    registration_until: datetime.date | None = None,
    self_assessment_until: datetime.date | None = None,
    village_review_until: datetime.date | None = None,
    commune_review_until: datetime.date | None = None,
    decision_by: datetime.date | None = None,
) -> Campaign:
    if area.level == Level.VILLAGE:
        raise AssessmentError(_("A campaign covers a commune, a district or a province, not a village."))
    if criteria_set.status != SetStatus.PUBLISHED:
        raise AssessmentError(_("Only a published criteria set can be used."))
    if criteria_set.title != title:
        raise AssessmentError(_("The criteria set is for another title."))
    if Campaign.objects.filter(year=year, title=title, area=area).exists():
        raise AssessmentError(
            _("%(area)s already has a campaign for this title in %(year)s.") % {"area": area.name, "year": year}
        )
    dates = [registration_until, self_assessment_until, village_review_until, commune_review_until, decision_by]
    given = [day for day in dates if day]
    if given != sorted(given):
        raise AssessmentError(_("The stages' dates must follow one another."))
    return Campaign.objects.create(
        name=clean(name) or f"{Title(title).label} {year}",
        year=year,
        title=title,
        area=area,
        criteria_set=criteria_set,
        registration_until=registration_until,
        self_assessment_until=self_assessment_until,
        village_review_until=village_review_until,
        commune_review_until=commune_review_until,
        decision_by=decision_by,
        created_by=by,
    )


def _subjects(campaign: Campaign, day: datetime.date) -> list[Assessment]:
    """One unsaved Assessment per subject of the registry active in the campaign's area on `day`."""
    title, area = campaign.title, campaign.area
    if title == Title.FAMILY:
        rows = Household.objects.active_on(day).in_area(area).order_by("pk")
        return [
            Assessment(household=h, area_id=h.area_id, subject_name=h.head_name, subject_code=h.code)
            for h in rows.only("pk", "area_id", "head_name", "code")
        ]
    if title == Title.CITIZEN:
        rows = Person.objects.active_on(day).in_area(area).filter(birth_year__lte=campaign.year - WORKING_AGE)
        return [
            Assessment(person=p, area_id=p.area_id, subject_name=p.full_name, variant=p.labour_group)
            for p in rows.order_by("pk").only("pk", "area_id", "full_name", "labour_group")
        ]
    if title == Title.CLAN:
        rows = Clan.objects.active_on(day).in_area(area).order_by("pk")
        return [Assessment(clan=c, area_id=c.area_id, subject_name=str(c), subject_code=c.code) for c in rows]
    if title == Title.UNIT:
        rows = Unit.objects.active_on(day).in_area(area).order_by("pk")
        return [Assessment(unit=u, area_id=u.area_id, subject_name=u.name, subject_code=u.code) for u in rows]
    villages = Area.objects.under(area).valid_on(day).at_level(Level.VILLAGE).order_by("path")
    return [Assessment(community=v, area=v, subject_name=v.name, subject_code=v.code) for v in villages]


@transaction.atomic
def campaign_open(*, by, campaign: Campaign, on: datetime.date | None = None) -> int:
    """Take the campaign's subjects from the registry (nothing typed twice) and open registration."""
    if campaign.stage != Stage.DRAFT:
        raise AssessmentError(_("The campaign is already open."))
    subjects = _subjects(campaign, on or timezone.localdate())
    if not subjects:
        raise AssessmentError(
            _("The registry has no subject for this title in %(area)s.") % {"area": campaign.area.name}
        )
    for subject in subjects:
        subject.campaign = campaign
    Assessment.objects.bulk_create(subjects, batch_size=1000)
    now = timezone.now()
    campaign.stage, campaign.opened_at, campaign.stage_changed_at = Stage.REGISTRATION, now, now
    campaign.save(update_fields=["stage", "opened_at", "stage_changed_at"])
    return len(subjects)


@transaction.atomic
def campaign_advance(*, by, campaign: Campaign) -> Campaign:
    """Move the campaign to its next stage."""
    if campaign.stage in (Stage.DRAFT, Stage.CLOSED):
        raise AssessmentError(
            _("Open the campaign first.") if campaign.stage == Stage.DRAFT else _("The campaign is closed.")
        )
    campaign.stage = STAGE_ORDER[STAGE_ORDER.index(campaign.stage) + 1]
    campaign.stage_changed_at = timezone.now()
    campaign.save(update_fields=["stage", "stage_changed_at"])
    if campaign.stage == Stage.VILLAGE_REVIEW:
        PersonalLink.objects.filter(assessment__campaign=campaign, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
    return campaign


def _require_stage(campaign: Campaign, *stages: str) -> None:
    if campaign.stage not in stages:
        labels = ", ".join(str(Stage(stage).label) for stage in stages)
        raise AssessmentError(
            _("This is not possible at the stage “%(stage)s” of the campaign (only at: %(allowed)s).")
            % {"stage": campaign.get_stage_display(), "allowed": labels}
        )


# --- Versions and history --------------------------------------------------------------------------


def _claim(assessment: Assessment, version: int) -> None:
    """Raise the version if it is still the one the user saw; otherwise refuse the edit."""
    claimed = Assessment.objects.filter(pk=assessment.pk, version=version).update(version=F("version") + 1)
    if not claimed:
        raise StaleEdit(
            _("%(name)s was changed by someone else since you opened it. Reload, then try again.")
            % {"name": assessment.subject_name}
        )
    assessment.version = version + 1


def _claim_many(assessments: QuerySet) -> None:
    assessments.update(version=F("version") + 1)


def _status(actor: Actor, assessment: Assessment, status: str, *, reason: str = "", **stamps) -> Event:
    event = actor.event(assessment, EventKind.STATUS, old=assessment.status, new=status, reason=reason)
    assessment.status = status
    for name, value in stamps.items():
        setattr(assessment, name, value)
    return event


# --- Registration ----------------------------------------------------------------------------------


@transaction.atomic
def registration_set(*, by, campaign: Campaign, assessment_ids: Iterable[int], registered: bool) -> int:
    """Register (or withdraw) subjects in bulk, as the village head does from the registration list."""
    _require_stage(campaign, Stage.REGISTRATION, Stage.SELF_ASSESSMENT)
    source, target = (Status.INVITED, Status.REGISTERED) if registered else (Status.REGISTERED, Status.INVITED)
    rows = list(campaign.assessments.filter(pk__in=list(assessment_ids), status=source))
    if not rows:
        return 0
    now = timezone.now()
    actor = Actor(user=by)
    Event.objects.bulk_create(actor.event(a, EventKind.STATUS, old=source, new=target) for a in rows)
    changed = campaign.assessments.filter(pk__in=[a.pk for a in rows])
    changed.update(status=target, registered_at=now if registered else None, version=F("version") + 1)
    return len(rows)


@transaction.atomic
def registration_self(*, link: PersonalLink) -> Assessment:
    """A household registers itself through its personal link."""
    assessment = link.assessment
    _require_stage(assessment.campaign, Stage.REGISTRATION, Stage.SELF_ASSESSMENT)
    if not link.is_usable():
        raise AssessmentError(_("This link no longer works."))
    registered = Assessment.objects.filter(pk=assessment.pk, status=Status.INVITED).update(
        status=Status.REGISTERED, registered_at=timezone.now(), version=F("version") + 1
    )
    if not registered:
        raise AssessmentError(_("%(name)s is already registered.") % {"name": assessment.subject_name})
    Actor(link=link).event(assessment, EventKind.STATUS, old=Status.INVITED, new=Status.REGISTERED).save()
    assessment.refresh_from_db()
    return assessment


# --- Scores ---------------------------------------------------------------------------------------

# Which status a subject must be in for each layer to be edited, and in which stages.
EDITABLE = {
    ScoreLayer.SELF: ({Status.REGISTERED}, {Stage.SELF_ASSESSMENT}),
    ScoreLayer.VILLAGE: (
        {Status.REGISTERED, Status.SELF_ASSESSED, Status.RETURNED},
        {Stage.VILLAGE_REVIEW, Stage.COMMUNE_REVIEW},
    ),
    ScoreLayer.COUNCIL: ({Status.VILLAGE_REVIEWED}, {Stage.COMMUNE_REVIEW}),
}


def _check_editable(assessment: Assessment, layer: str) -> None:
    statuses, stages = EDITABLE[layer]
    _require_stage(assessment.campaign, *stages)
    if assessment.status not in statuses:
        raise AssessmentError(
            _("%(name)s is “%(status)s”: its points cannot be changed now.")
            % {"name": assessment.subject_name, "status": assessment.get_status_display()}
        )


def _evidence_problems(
    assessment: Assessment, rules, scores: Mapping[str, Decimal], explanations: Mapping[str, str]
) -> list[str]:
    """Points given to an item that asks for evidence, with none attached, need a written explanation."""
    required = {item.code for item in rules.items(assessment.variant or None) if item.evidence_required}
    if not required:
        return []
    proven = set(
        assessment.evidence.filter(removed_at__isnull=True, item_code__in=required).values_list("item_code", flat=True)
    )
    return [
        _("Item %(item)s asks for evidence: attach some, or explain the points given without it.") % {"item": code}
        for code, points in scores.items()
        if code in required and points and code not in proven and not clean(explanations.get(code, ""))
    ]


@transaction.atomic
def scores_save(
    *,
    actor: Actor,
    assessment: Assessment,
    layer: str,
    scores: Mapping[str, Decimal | None],
    version: int,
    explanations: Mapping[str, str] | None = None,
    reason: str = "",
) -> Assessment:
    """Set (or clear, with None) some items' points in one layer, then refresh the outcomes."""
    explanations = explanations or {}
    _check_editable(assessment, layer)
    if layer == ScoreLayer.COUNCIL and not clean(reason):
        raise AssessmentError(_("The council gives a reason for every adjustment."))
    rules = rules_for(assessment.campaign.criteria_set)
    given = {code: points for code, points in scores.items() if points is not None}
    try:
        evaluate(rules, given, assessment.variant or None)  # refuses unknown items and out-of-range points
    except InvalidScores as error:
        raise AssessmentError(" ".join(error.problems)) from None
    if layer != ScoreLayer.COUNCIL:
        problems = _evidence_problems(assessment, rules, given, explanations)
        if problems:
            raise MissingEvidence(" ".join(problems))
    _claim(assessment, version)
    existing = {s.item_code: s for s in assessment.scores.filter(layer=layer, item_code__in=list(scores))}
    # A council adjustment replaces the village's points: its history shows them as the old value.
    beneath = (
        dict(
            assessment.scores.filter(layer=ScoreLayer.VILLAGE, item_code__in=list(scores)).values_list(
                "item_code", "points"
            )
        )
        if layer == ScoreLayer.COUNCIL
        else {}
    )
    events, changed, created, removed = [], [], [], []
    user = actor.user
    for code, points in scores.items():
        current = existing.get(code)
        note = clean(explanations.get(code, "")) or clean(reason)
        if points is None:
            if current:
                removed.append(current.pk)
                events.append(
                    actor.event(
                        assessment,
                        EventKind.SCORE,
                        layer=layer,
                        item_code=code,
                        old=points_text(current.points),
                        new="",
                        reason=note,
                    )
                )
            continue
        if current and current.points == points and current.explanation == note:
            continue
        events.append(
            actor.event(
                assessment,
                EventKind.SCORE,
                layer=layer,
                item_code=code,
                old=points_text(current.points if current else beneath.get(code)),
                new=points_text(points),
                reason=note,
            )
        )
        if current:
            current.points, current.explanation, current.updated_by = points, note, user
            changed.append(current)
        else:
            created.append(
                Score(
                    assessment=assessment, layer=layer, item_code=code, points=points, explanation=note, updated_by=user
                )
            )
    Score.objects.filter(pk__in=removed).delete()
    Score.objects.bulk_update(changed, ["points", "explanation", "updated_by", "updated_at"])
    Score.objects.bulk_create(created)
    Event.objects.bulk_create(events)
    refresh_outcomes(assessment, rules)
    return assessment


def layered_scores(assessment: Assessment) -> dict[str, dict[str, Decimal]]:
    layers: dict[str, dict[str, Decimal]] = {layer: {} for layer in ScoreLayer.values}
    for layer, code, points in assessment.scores.values_list("layer", "item_code", "points"):
        layers[layer][code] = points
    return layers


def outcome_fields(rules, variant: str, layers: Mapping[str, Mapping[str, Decimal]]) -> dict:
    """The cached outcome columns of an assessment, from the engine, for its scores by layer."""
    fields: dict = {
        "self_total": None,
        "self_passed": None,
        "total": None,
        "passed": None,
        "result": "",
        "level": None,
        "reasons": [],
    }
    if layers.get(ScoreLayer.SELF):
        outcome = evaluate(rules, layers[ScoreLayer.SELF], variant or None)
        fields.update(self_total=outcome.total, self_passed=outcome.passed)
    reviewed = {**layers.get(ScoreLayer.VILLAGE, {}), **layers.get(ScoreLayer.COUNCIL, {})}
    if reviewed:
        outcome = evaluate(rules, reviewed, variant or None)
        fields.update(
            total=outcome.total,
            passed=outcome.passed,
            result=outcome.grade or outcome.level_name,
            level=outcome.level,
            reasons=reasons_to_json(outcome.reasons),
        )
    return fields


def refresh_outcomes(assessment: Assessment, rules=None) -> None:
    """Recompute the cached outcomes from the scores with criteria.engine (the only place they are made)."""
    rules = rules or rules_for(assessment.campaign.criteria_set)
    fields = outcome_fields(rules, assessment.variant, layered_scores(assessment))
    for name, value in fields.items():
        setattr(assessment, name, value)
    assessment.save(update_fields=[*fields, "updated_at"])


# --- Workflow --------------------------------------------------------------------------------------


@transaction.atomic
def self_submit(*, actor: Actor, assessment: Assessment, version: int) -> Assessment:
    _require_stage(assessment.campaign, Stage.SELF_ASSESSMENT)
    if assessment.status != Status.REGISTERED:
        raise AssessmentError(_("This self-assessment was already sent."))
    if not assessment.scores.filter(layer=ScoreLayer.SELF).exists():
        raise AssessmentError(_("Give points to at least one criterion before sending."))
    _claim(assessment, version)
    _status(actor, assessment, Status.SELF_ASSESSED, self_submitted_at=timezone.now()).save()
    assessment.save(update_fields=["status", "self_submitted_at", "updated_at"])
    return assessment


@transaction.atomic
def village_copy_self(*, by, campaign: Campaign, assessment_ids: Iterable[int]) -> int:
    """Copy the self-assessed points into the village layer where the village gave none yet."""
    _require_stage(campaign, Stage.VILLAGE_REVIEW, Stage.COMMUNE_REVIEW)
    statuses = EDITABLE[ScoreLayer.VILLAGE][0]
    rows = campaign.assessments.filter(pk__in=list(assessment_ids), status__in=statuses)
    ids = list(rows.values_list("pk", flat=True))
    taken = set(
        Score.objects.filter(assessment_id__in=ids, layer=ScoreLayer.VILLAGE).values_list("assessment_id", "item_code")
    )
    copies = [
        Score(
            assessment_id=s.assessment_id,
            layer=ScoreLayer.VILLAGE,
            item_code=s.item_code,
            points=s.points,
            updated_by=by,
        )
        for s in Score.objects.filter(assessment_id__in=ids, layer=ScoreLayer.SELF)
        if (s.assessment_id, s.item_code) not in taken
    ]
    if not copies:
        return 0
    Score.objects.bulk_create(copies)
    Event.objects.bulk_create(
        Event(
            assessment_id=s.assessment_id,
            actor=by,
            kind=EventKind.SCORE,
            layer=ScoreLayer.VILLAGE,
            item_code=s.item_code,
            new=points_text(s.points),
            reason=_("Copied from the self-assessment"),
        )
        for s in copies
    )
    _claim_many(rows)
    _refresh_many(campaign, {s.assessment_id for s in copies})
    return len({s.assessment_id for s in copies})


def _refresh_many(campaign: Campaign, ids: set[int]) -> None:
    rules = rules_for(campaign.criteria_set)
    layers: dict[int, dict[str, dict[str, Decimal]]] = {pk: {layer: {} for layer in ScoreLayer.values} for pk in ids}
    for pk, layer, code, points in Score.objects.filter(assessment_id__in=ids).values_list(
        "assessment_id", "layer", "item_code", "points"
    ):
        layers[pk][layer][code] = points
    rows = list(Assessment.objects.filter(pk__in=ids).only("pk", "variant"))
    names = ["self_total", "self_passed", "total", "passed", "result", "level", "reasons"]
    for row in rows:
        for name, value in outcome_fields(rules, row.variant, layers[row.pk]).items():
            setattr(row, name, value)
    _write_outcomes(rows, names)


def _write_outcomes(rows: list[Assessment], names: list[str]) -> None:
    """One prepared UPDATE, run once per row. bulk_update builds a CASE over every row for every field,
    which takes seconds for a few thousand rows."""
    fields = [Assessment._meta.get_field(name) for name in names]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
    table, key = quote(Assessment._meta.db_table), quote(Assessment._meta.pk.column)
    params = [
        [field.get_db_prep_save(getattr(row, field.attname), connection) for field in fields] + [row.pk] for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {table} SET {assignments} WHERE {key} = %s", params)


@transaction.atomic
def scores_bulk_add(*, campaign: Campaign, scores: Iterable[Score]) -> int:
    """Many subjects' points in one go, for the demo and for loading past years: no stage or status
    checks and no history lines, but the outcomes are still the engine's (which also refuses points
    out of range, undoing the whole batch)."""
    created = Score.objects.bulk_create(scores, batch_size=2000)
    ids = {score.assessment_id for score in created}
    _refresh_many(campaign, ids)
    return len(ids)


@dataclass
class Filled:
    saved: list[Assessment]
    refused: list[tuple[Assessment, str]]


@transaction.atomic
def village_fill(
    *, by, campaign: Campaign, area: Area, item_code: str, points: Decimal | None, versions: Mapping[int, int]
) -> Filled:
    """Give one item the same village points on many subjects of `area` (the grid's fill-down). Each
    subject is saved on its own, with the version its row showed: the refused ones are reported and
    the others kept."""
    _require_stage(campaign, *EDITABLE[ScoreLayer.VILLAGE][1])
    filled = Filled(saved=[], refused=[])
    actor = Actor(user=by)
    for row in campaign.assessments.filter(area=area, pk__in=list(versions)):
        row.campaign = campaign
        try:
            scores_save(
                actor=actor,
                assessment=row,
                layer=ScoreLayer.VILLAGE,
                scores={item_code: points},
                version=versions[row.pk],
            )
        except AssessmentError as error:
            filled.refused.append((row, str(error)))
        else:
            filled.saved.append(row)
    return filled


@transaction.atomic
def village_submit(*, by, campaign: Campaign, assessment_ids: Iterable[int]) -> int:
    """Send fully scored subjects to the council. Returns how many went; unscored ones stay."""
    _require_stage(campaign, Stage.VILLAGE_REVIEW, Stage.COMMUNE_REVIEW)
    rules = rules_for(campaign.criteria_set)
    ready = []
    rows = campaign.assessments.filter(pk__in=list(assessment_ids), status__in=EDITABLE[ScoreLayer.VILLAGE][0])
    scored: dict[int, set[str]] = {}
    for pk, code in Score.objects.filter(assessment__in=rows, layer=ScoreLayer.VILLAGE).values_list(
        "assessment_id", "item_code"
    ):
        scored.setdefault(pk, set()).add(code)
    for row in rows:
        needed = {item.code for item in rules.items(row.variant or None)}
        if needed <= scored.get(row.pk, set()):
            ready.append(row)
    now = timezone.now()
    actor = Actor(user=by)
    Event.objects.bulk_create(
        actor.event(a, EventKind.STATUS, old=a.status, new=Status.VILLAGE_REVIEWED) for a in ready
    )
    Assessment.objects.filter(pk__in=[a.pk for a in ready]).update(
        status=Status.VILLAGE_REVIEWED, village_submitted_at=now, returned_reason="", version=F("version") + 1
    )
    return len(ready)


@transaction.atomic
def council_return(*, by, assessment: Assessment, reason: str, version: int) -> Assessment:
    _require_stage(assessment.campaign, Stage.COMMUNE_REVIEW)
    if assessment.status != Status.VILLAGE_REVIEWED:
        raise AssessmentError(_("Only a subject sent by the village can be returned."))
    reason = clean(reason)
    if not reason:
        raise AssessmentError(_("Say why the subject goes back to the village."))
    _claim(assessment, version)
    _status(
        Actor(user=by), assessment, Status.RETURNED, reason=reason, returned_reason=reason, returned_at=timezone.now()
    ).save()
    assessment.save(update_fields=["status", "returned_reason", "returned_at", "updated_at"])
    return assessment


@transaction.atomic
def council_approve(*, by, campaign: Campaign, assessment_ids: Iterable[int]) -> int:
    """Approve subjects sent by the village (one, or a whole village at once): they are locked."""
    _require_stage(campaign, Stage.COMMUNE_REVIEW)
    rows = list(campaign.assessments.filter(pk__in=list(assessment_ids), status=Status.VILLAGE_REVIEWED))
    now = timezone.now()
    actor = Actor(user=by)
    Event.objects.bulk_create(actor.event(a, EventKind.STATUS, old=a.status, new=Status.APPROVED) for a in rows)
    Assessment.objects.filter(pk__in=[a.pk for a in rows]).update(
        status=Status.APPROVED, approved_at=now, approved_by=by, version=F("version") + 1
    )
    return len(rows)


# --- Evidence and personal links ----------------------------------------------------------------


def _check_evidence_open(assessment: Assessment, item_code: str, actor: Actor) -> None:
    """Evidence goes with the points of the layer being filled in: the household's during
    self-assessment (the only layer a personal link reaches), the village's after it."""
    self_stage = assessment.campaign.stage == Stage.SELF_ASSESSMENT
    _check_editable(assessment, ScoreLayer.SELF if self_stage or actor.link else ScoreLayer.VILLAGE)
    codes = {item.code for item in rules_for(assessment.campaign.criteria_set).items(assessment.variant or None)}
    if item_code not in codes:
        raise AssessmentError(_("There is no item %(item)s in this form.") % {"item": item_code})


@transaction.atomic
def evidence_add(
    *, actor: Actor, assessment: Assessment, item_code: str, upload=None, url: str = "", note: str = ""
) -> Evidence:
    """Attach one piece of evidence to one item: a file (checked by content), a link or a note."""
    _check_evidence_open(assessment, item_code, actor)
    evidence = Evidence(assessment=assessment, item_code=item_code, added_by=actor.user)
    if upload is not None:
        try:
            checked = check(upload)
        except UploadRefused as error:
            raise AssessmentError(str(error)) from None
        name = storage_name(checked)
        evidence.kind, evidence.original_name = EvidenceKind.FILE, checked.original_name
        evidence.content_type, evidence.size = checked.content_type, checked.size
        evidence.file.save(name, upload, save=False)
        if checked.is_picture and (small := thumbnail(upload)) is not None:
            evidence.thumbnail.save(name.rsplit(".", 1)[0] + "-thumb.jpg", small, save=False)
    elif url:
        if not url.startswith(("http://", "https://")):
            raise AssessmentError(_("A link starts with http:// or https://."))
        evidence.kind, evidence.url = EvidenceKind.LINK, url[:500]
    elif clean(note):
        evidence.kind, evidence.note = EvidenceKind.NOTE, clean(note)
    else:
        raise AssessmentError(_("Choose a file, give a link or write a note."))
    try:
        evidence.save()
        actor.event(assessment, EventKind.EVIDENCE_ADDED, item_code=item_code, new=str(evidence)[:200]).save()
        Assessment.objects.filter(pk=assessment.pk).update(version=F("version") + 1)
    except Exception:
        _delete_files(evidence)
        raise
    return evidence


def _delete_files(evidence: Evidence) -> None:
    for stored in (evidence.file, evidence.thumbnail):
        if stored:
            stored.storage.delete(stored.name)


@transaction.atomic
def evidence_add_files(*, actor: Actor, assessment: Assessment, item_code: str, uploads: list) -> list[Evidence]:
    """Several files for one item at once, all or none: every file is checked before the first is
    stored, and a failure half-way removes the files already written."""
    _check_evidence_open(assessment, item_code, actor)
    for upload in uploads:
        try:
            check(upload)
        except UploadRefused as error:
            raise AssessmentError(str(error)) from None
    added: list[Evidence] = []
    try:
        for upload in uploads:
            added.append(evidence_add(actor=actor, assessment=assessment, item_code=item_code, upload=upload))
    except Exception:
        for evidence in added:
            _delete_files(evidence)
        raise
    return added


@transaction.atomic
def evidence_remove(*, actor: Actor, evidence: Evidence) -> None:
    _check_evidence_open(evidence.assessment, evidence.item_code, actor)
    evidence.removed_at, evidence.removed_by = timezone.now(), actor.user
    evidence.save(update_fields=["removed_at", "removed_by"])
    actor.event(
        evidence.assessment, EventKind.EVIDENCE_REMOVED, item_code=evidence.item_code, old=str(evidence)[:200]
    ).save()


@transaction.atomic
def link_issue(*, by, assessment: Assessment) -> PersonalLink:
    """A new personal link for the subject (any older one stops working)."""
    # An unregistered subject may have one too: the household then registers itself through it.
    _require_stage(assessment.campaign, Stage.REGISTRATION, Stage.SELF_ASSESSMENT)
    now = timezone.now()
    assessment.links.filter(revoked_at__isnull=True).update(revoked_at=now)
    link = PersonalLink.objects.create(
        assessment=assessment,
        token=secrets.token_urlsafe(24),
        created_by=by,
        expires_at=assessment.campaign.link_expiry,
    )
    Actor(user=by).event(assessment, EventKind.LINK_ISSUED).save()
    return link


@transaction.atomic
def link_revoke(*, by, link: PersonalLink) -> None:
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
        Actor(user=by).event(link.assessment, EventKind.LINK_REVOKED).save()

"""The demo's assessment campaigns.

2021–2025, on the map of each year: for every commune of Kim Bảng, a finished campaign for families,
communities (villages) and clans. Subjects sit where they were then — a household in the village that
its residential group of today succeeded — so the results stay on the old map for the reports to move.
2026, on today's map: one family campaign at each stage (and a community one before the council), so
that every screen has work to show.

Progress differs by commune and grows over the years: each commune draws a starting share of recognised
subjects and a yearly gain, so that by 2025 some pass Kim Bảng's 93% family target and some stay behind.

Rows are written in bulk (a campaign at a time, so memory stays flat), but every cached outcome is the
criteria engine's: services.outcome_fields for the finished years, services.scores_bulk_add for 2026.
Deterministic for the generator's rng.
"""

import datetime
import random
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.utils import timezone

from areas.enums import Level
from areas.models import Area, Succession
from assessments import services
from assessments.enums import EvidenceKind, ScoreLayer, Stage, Status
from assessments.models import Assessment, Campaign, Evidence, Score
from assessments.rules import rules_for
from criteria.engine import Item, RuleSet
from criteria.enums import Title
from criteria.models import CriteriaSet
from criteria.selectors import published_sets_for
from demo.places import KIM_BANG, DemoMap
from registry.models import Clan, Household

PAST_YEARS = range(2021, 2026)
THIS_YEAR = 2026
PAST_TITLES = (Title.FAMILY, Title.COMMUNITY, Title.CLAN)
HALF = Decimal("0.5")
# How many subjects of a 2026 campaign go through the per-subject services (sending, returning, links):
# enough to show, bounded whatever the size of the demo.
FEW = 40
NOTES = [
    "Sổ liên lạc và giấy khen năm học của các cháu",
    "Giấy xác nhận của nhà trường",
    "Ảnh góc học tập đã trình tại buổi họp thôn",
    "Danh sách lớp học tại trung tâm học tập cộng đồng",
]


@dataclass
class Pace:
    """A commune's share of recognised subjects in 2021 and its yearly gain."""

    start: float
    gain: float

    def share(self, year: int) -> float:
        return min(0.99, self.start + self.gain * (year - PAST_YEARS[0]))


@dataclass
class Plan:
    rng: random.Random
    sets: dict[str, tuple[CriteriaSet, RuleSet]]
    paces: dict[int, Pace] = field(default_factory=dict)
    made: Counter = field(default_factory=Counter)

    def pace(self, commune: Area) -> Pace:
        if commune.pk not in self.paces:
            self.paces[commune.pk] = Pace(self.rng.uniform(0.45, 0.8), self.rng.uniform(0.02, 0.06))
        return self.paces[commune.pk]


def build_assessments(rng: random.Random, demo_map: DemoMap) -> Counter:
    """Fill 2021–2025 and 2026; returns how many rows of each kind were made."""
    province = demo_map.province_now
    sets = {}
    for title in Title.values:
        criteria_set = published_sets_for(title=title, area=province).first()
        sets[title] = (criteria_set, rules_for(criteria_set))
    plan = Plan(rng=rng, sets=sets)
    _past(plan, demo_map)
    _this_year(plan, demo_map)
    return plan.made


# --- 2021–2025 --------------------------------------------------------------------------------------------


def _aware(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))


def _points(rng: random.Random, item: Item, good: bool) -> Decimal:
    """Points in half steps: most of the maximum for a subject meant to pass, less for the others."""
    low, high = (0.82, 1.0) if good else (0.45, 0.86)
    share = Decimal(str(round(rng.uniform(low, high), 3)))
    return ((item.max_points * share / HALF).quantize(Decimal(1)) * HALF).quantize(Decimal("0.01"))


def _layers(rng: random.Random, items: list[Item], good: bool) -> dict[str, dict[str, Decimal]]:
    """The village's points, and the household's own, a little more generous."""
    village = {item.code: _points(rng, item, good) for item in items}
    own = {item.code: min(item.max_points, village[item.code] + rng.choice((0, 0, 0, HALF, 1))) for item in items}
    return {ScoreLayer.SELF: own, ScoreLayer.VILLAGE: village, ScoreLayer.COUNCIL: {}}


def _past(plan: Plan, demo_map: DemoMap) -> None:
    district = Area.objects.get(code=KIM_BANG, valid_from__isnull=True)
    villages = {village.pk: village for village in [*demo_map.villages_now, *demo_map.villages_old]}
    earlier = dict(
        Succession.objects.filter(successor_id__in=list(villages)).values_list("successor_id", "predecessor_id")
    )
    households = list(Household.objects.order_by("pk").values_list("pk", "area_id", "head_name", "code", "clan_id"))
    clans = Clan.objects.in_bulk()

    def village_on(village_id: int, day: datetime.date) -> Area:
        village = villages[village_id]
        while not village.is_valid_on(day):
            village = villages[earlier[village.pk]]
        return village

    for year in PAST_YEARS:
        day = datetime.date(year, 3, 1)
        communes = list(Area.objects.under(district).valid_on(day).at_level(Level.COMMUNE).order_by("code"))
        placed: dict[int, list[tuple[tuple, Area]]] = {commune.pk: [] for commune in communes}
        homes: dict[int, Counter] = {}
        for row in households:
            village = village_on(row[1], day)
            placed[village.parent_id].append((row, village))
            if row[4]:
                homes.setdefault(row[4], Counter())[village.parent_id] += 1
        # A clan of today counts, for a year before the reforms, where most of its households lived.
        home = {pk: counts.most_common(1)[0][0] for pk, counts in sorted(homes.items())}
        for commune in communes:
            ours = [clans[pk] for pk, commune_id in home.items() if commune_id == commune.pk]
            _past_campaigns(plan, year, day, commune, placed[commune.pk], ours)


def _campaign(plan: Plan, title: str, year: int, commune: Area, name_day: datetime.date, **fields) -> Campaign:
    criteria_set, _rules = plan.sets[title]
    plan.made["campaigns"] += 1
    return Campaign.objects.create(
        name=f"{Title(title).label} {year} — {commune.name_on(name_day)}",
        year=year,
        title=title,
        area=commune,
        criteria_set=criteria_set,
        registration_until=datetime.date(year, 3, 31),
        self_assessment_until=datetime.date(year, 9, 30),
        village_review_until=datetime.date(year, 10, 31),
        commune_review_until=datetime.date(year, 11, 30),
        decision_by=datetime.date(year, 12, 15),
        **fields,
    )


def _past_campaigns(plan: Plan, year: int, day: datetime.date, commune: Area, placed: list, clans: list) -> None:
    share = plan.pace(commune).share(year)
    closed = {
        "stage": Stage.CLOSED,
        "opened_at": _aware(datetime.date(year, 1, 15)),
        "stage_changed_at": _aware(datetime.date(year, 12, 20)),
    }
    families = [(pk, village.pk, name, code) for (pk, _area, name, code, _clan), village in placed]
    campaign = _campaign(plan, Title.FAMILY, year, commune, day, **closed)
    _finished(plan, campaign, "household", families, share)
    villages = sorted({village.pk: village for _row, village in placed}.values(), key=lambda v: v.path)
    communities = [(v.pk, v.pk, v.name_on(day), v.code) for v in villages]
    _finished(plan, _campaign(plan, Title.COMMUNITY, year, commune, day, **closed), "community", communities, share)
    if clans:
        subjects = [(clan.pk, commune.pk, str(clan), clan.code) for clan in clans]
        _finished(plan, _campaign(plan, Title.CLAN, year, commune, day, **closed), "clan", subjects, share - 0.1)


def _insert(model, columns: list[str], rows: list[tuple]) -> None:
    """Rows straight into the table through one prepared statement. bulk_create prepares every value of
    every row in Python, which is most of the build time for the demo's 200,000 points; here the values
    are already what the database takes (see _finished)."""
    if not rows:
        return
    quote = connection.ops.quote_name
    names = ", ".join(quote(model._meta.get_field(column).column) for column in columns)
    marks = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {quote(model._meta.db_table)} ({names}) VALUES ({marks})", rows)


SUBJECT_COLUMNS = ["area", "subject_name", "subject_code", "variant", "status", "version", "returned_reason"]
OUTCOME_COLUMNS = ["self_total", "self_passed", "total", "passed", "result", "level", "reasons"]
STAMP_COLUMNS = ["registered_at", "self_submitted_at", "village_submitted_at", "approved_at", "updated_at"]


def _finished(plan: Plan, campaign: Campaign, key: str, subjects: list[tuple], share: float) -> None:
    """A closed campaign: who took part was approved by the council, with the engine's outcome.
    `subjects` are (subject id, area id, name, code); `key` names the subject's field."""
    rng, year, ops = plan.rng, campaign.year, connection.ops
    _set, rules = plan.sets[campaign.title]
    items = rules.items()
    taking_part = min(1.0, share + rng.uniform(0.03, 0.1))
    days = [datetime.date(year, 3, 10), datetime.date(year, 9, 20), datetime.date(year, 10, 25)]
    approved = [ops.adapt_datetimefield_value(_aware(d)) for d in [*days, datetime.date(year, 11, 25)]]
    now = ops.adapt_datetimefield_value(timezone.now())
    rows, layers = [], {}
    for subject_id, area_id, name, code in subjects:
        if rng.random() < taking_part:
            scored = layers[subject_id] = _layers(rng, items, good=rng.random() < share / taking_part)
            status, stamps = Status.APPROVED, approved
        else:
            scored, status, stamps = {}, Status.INVITED, [None] * len(approved)
        outcome = services.outcome_fields(rules, "", scored)
        outcome["reasons"] = ops.adapt_json_value(outcome["reasons"], None)
        subject = (campaign.pk, subject_id, area_id, name, code, "", status, 1, "")
        rows.append((*subject, *(outcome[column] for column in OUTCOME_COLUMNS), *stamps, now))
    columns = ["campaign", key, *SUBJECT_COLUMNS, *OUTCOME_COLUMNS, *STAMP_COLUMNS]
    _insert(Assessment, columns, rows)
    ids = dict(Assessment.objects.filter(campaign=campaign).values_list(key, "pk"))
    required = [item.code for item in items if item.evidence_required]
    scores, evidence = [], []
    for subject_id, scored in layers.items():
        pk = ids[subject_id]
        proven = {code for code in required if rng.random() < 0.5}
        for layer in (ScoreLayer.SELF, ScoreLayer.VILLAGE):
            for code, points in scored[layer].items():
                why = "Đã trình giấy tờ tại buổi họp thôn" if code in required and code not in proven else ""
                scores.append((pk, layer, code, points, why, now))
        evidence += [
            (pk, code, EvidenceKind.NOTE, "", "", "", "", 0, "", rng.choice(NOTES), now) for code in sorted(proven)
        ]
    _insert(Score, ["assessment", "layer", "item_code", "points", "explanation", "updated_at"], scores)
    evidence_columns = ["file", "thumbnail", "original_name", "content_type", "size", "url", "note", "added_at"]
    _insert(Evidence, ["assessment", "item_code", "kind", *evidence_columns], evidence)
    plan.made["assessments"] += len(rows)
    plan.made["scores"] += len(scores)
    plan.made["evidence"] += len(evidence)


# --- 2026 ------------------------------------------------------------------------------------------------


def _dates(stage: str) -> dict[str, datetime.date]:
    """Stage dates around today: the stages done ended in the past, the current one ends in a month, so
    that personal links of a campaign at self-assessment work whenever the demo is built."""
    today = timezone.localdate()
    names = ["registration_until", "self_assessment_until", "village_review_until", "commune_review_until"]
    order = [Stage.REGISTRATION, Stage.SELF_ASSESSMENT, Stage.VILLAGE_REVIEW, Stage.COMMUNE_REVIEW, Stage.DECISION]
    here = order.index(stage) if stage in order else 0
    dates = {name: today + datetime.timedelta(days=30 * (index - here) + 20) for index, name in enumerate(names)}
    return dates | {"decision_by": today + datetime.timedelta(days=30 * (len(names) - here) + 20)}


def _this_year(plan: Plan, demo_map: DemoMap) -> None:
    wards = list(demo_map.wards)
    kim_bang, le_ho = wards[0], next(w for w in wards if w.name == "Phường Lê Hồ")
    # Where the demo logins work: the village head and council of Kim Bảng, the officer of Lê Hồ.
    stages = {kim_bang.pk: Stage.VILLAGE_REVIEW, le_ho.pk: Stage.SELF_ASSESSMENT}
    others = iter([Stage.COMMUNE_REVIEW, Stage.DECISION, Stage.REGISTRATION, Stage.DRAFT])
    for ward in wards:
        _running(plan, Title.FAMILY, ward, stages.get(ward.pk) or next(others, Stage.REGISTRATION))
    _running(plan, Title.COMMUNITY, kim_bang, Stage.COMMUNE_REVIEW)


def _running(plan: Plan, title: str, ward: Area, stage: str) -> None:
    """A 2026 campaign brought to `stage` through the services, with bulk scores where there are many."""
    rng = plan.rng
    criteria_set, rules = plan.sets[title]
    campaign = services.campaign_create(
        by=None,
        name=f"{Title(title).label} {THIS_YEAR} — {ward.name}",
        year=THIS_YEAR,
        title=title,
        area=ward,
        criteria_set=criteria_set,
        **_dates(stage),
    )
    plan.made["campaigns"] += 1
    if stage == Stage.DRAFT:
        return
    plan.made["assessments"] += services.campaign_open(by=None, campaign=campaign)
    ids = list(campaign.assessments.order_by("pk").values_list("pk", flat=True))
    registered = sorted(rng.sample(ids, k=round(len(ids) * rng.uniform(0.8, 0.95))))
    services.registration_set(by=None, campaign=campaign, assessment_ids=registered, registered=True)
    if stage == Stage.REGISTRATION:
        return
    services.campaign_advance(by=None, campaign=campaign)
    items = rules.items()
    share = plan.pace(ward).share(THIS_YEAR)
    own = sorted(rng.sample(registered, k=round(len(registered) * 0.6)))
    _bulk_scores(plan, campaign, {pk: _layers(rng, items, rng.random() < share)[ScoreLayer.SELF] for pk in own})
    for assessment in campaign.assessments.filter(pk__in=own[:FEW]):
        services.self_submit(actor=services.Actor(), assessment=assessment, version=assessment.version)
    if stage == Stage.SELF_ASSESSMENT:
        village = campaign.area.children.order_by("path").first()
        for assessment in campaign.assessments.filter(area=village, pk__in=registered).order_by("pk")[:8]:
            services.link_issue(by=None, assessment=assessment)
        return
    services.campaign_advance(by=None, campaign=campaign)
    # The village scores everyone registered, except half of them where the village review is still going.
    scored = registered if stage != Stage.VILLAGE_REVIEW else sorted(rng.sample(registered, k=len(registered) // 2))
    _bulk_scores(plan, campaign, {pk: _layers(rng, items, rng.random() < share)[ScoreLayer.VILLAGE] for pk in scored})
    sent = scored if stage != Stage.VILLAGE_REVIEW else scored[: len(scored) // 3]
    services.village_submit(by=None, campaign=campaign, assessment_ids=sent)
    if stage == Stage.VILLAGE_REVIEW:
        return
    services.campaign_advance(by=None, campaign=campaign)
    returned = set(rng.sample(sent, k=min(len(sent) // 10, 5))) if stage == Stage.COMMUNE_REVIEW else set()
    for assessment in campaign.assessments.filter(pk__in=returned):
        services.council_return(
            by=None, assessment=assessment, reason="Bổ sung minh chứng mục 1.1", version=assessment.version
        )
    waiting = [pk for pk in sent if pk not in returned]
    approved = waiting if stage != Stage.COMMUNE_REVIEW else waiting[: len(waiting) * 2 // 3]
    services.council_approve(by=None, campaign=campaign, assessment_ids=approved)
    if stage == Stage.DECISION:
        services.campaign_advance(by=None, campaign=campaign)


def _bulk_scores(plan: Plan, campaign: Campaign, points: dict[int, dict[str, Decimal]]) -> None:
    layer = ScoreLayer.SELF if campaign.stage == Stage.SELF_ASSESSMENT else ScoreLayer.VILLAGE
    why = "Giấy tờ sẽ nộp khi thôn họp xét" if layer == ScoreLayer.SELF else "Trưởng thôn xác nhận"
    required = {item.code for item in plan.sets[campaign.title][1].items() if item.evidence_required}
    scores = [
        Score(assessment_id=pk, layer=layer, item_code=code, points=value, explanation=why if code in required else "")
        for pk, given in points.items()
        for code, value in given.items()
    ]
    services.scores_bulk_add(campaign=campaign, scores=scores)
    plan.made["scores"] += len(scores)

"""Reads for the campaign screens. Each builds what a page shows in a fixed number of queries,
whatever the number of subjects (the village grid shows 500 households at once)."""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet

from accounts.scope import visible
from areas.models import Area
from assessments.enums import ScoreLayer, Status
from assessments.models import Assessment, Campaign, Evidence, Score


def campaigns_visible_to(user) -> QuerySet:
    """Campaigns whose area meets the user's scope: over it (a province-wide campaign is seen by a
    village head) or inside it."""
    if user.is_superuser:
        return Campaign.objects.all()
    inside = visible(Campaign.objects.all(), user, "area__path")
    over = Q(pk__in=[])
    for path in user.scope_paths:
        over |= Q(area__path__in=_prefixes(path))
    return (inside | Campaign.objects.filter(over)).distinct()


def _prefixes(path: str) -> list[str]:
    """ "00000001/00000002/" → ["00000001/", "00000001/00000002/"]: the paths of its ancestors and itself."""
    parts = [p for p in path.split("/") if p]
    return ["".join(f"{p}/" for p in parts[: i + 1]) for i in range(len(parts))]


def assessments_visible_to(user, campaign: Campaign) -> QuerySet:
    return visible(campaign.assessments.all(), user, "area__path")


@dataclass
class Row:
    """One subject on the village grid: its points by layer, its evidence count and its outcome."""

    assessment: Assessment
    self_scores: dict[str, Decimal] = field(default_factory=dict)
    village_scores: dict[str, Decimal] = field(default_factory=dict)
    council_scores: dict[str, Decimal] = field(default_factory=dict)
    evidence: int = 0


def grid_rows(assessments: QuerySet) -> list[Row]:
    """Rows for the grid or the council queue in three queries: subjects, scores, evidence counts."""
    rows = {a.pk: Row(a) for a in assessments.select_related("area")}
    if not rows:
        return []
    target = {
        ScoreLayer.SELF: "self_scores",
        ScoreLayer.VILLAGE: "village_scores",
        ScoreLayer.COUNCIL: "council_scores",
    }
    scores = Score.objects.filter(assessment__in=assessments).values_list(
        "assessment_id", "layer", "item_code", "points"
    )
    for pk, layer, code, points in scores:
        getattr(rows[pk], target[layer])[code] = points
    counts = (
        Evidence.objects.filter(assessment__in=assessments, removed_at__isnull=True)
        .values("assessment_id")
        .annotate(n=Count("pk"))
    )
    for entry in counts:
        rows[entry["assessment_id"]].evidence = entry["n"]
    return list(rows.values())


@dataclass(frozen=True)
class VillageProgress:
    area: Area
    counts: dict[str, int]
    passed: int
    not_passed: int

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def taking_part(self) -> int:
        return self.total - self.counts.get(Status.INVITED, 0)

    @property
    def approved_share(self) -> int:
        """Percent of the registered subjects that the council approved (the progress bar)."""
        return round(100 * self.counts.get(Status.APPROVED, 0) / self.taking_part) if self.taking_part else 0


def progress(assessments: QuerySet) -> list[VillageProgress]:
    """Counts by status and outcome for each area (village) of a campaign, in two queries."""
    table: dict[int, dict] = {}
    rows = assessments.values("area_id", "status").annotate(
        n=Count("pk"), ok=Count("pk", filter=Q(passed=True)), ko=Count("pk", filter=Q(passed=False))
    )
    for row in rows:
        entry = table.setdefault(row["area_id"], {"counts": {}, "passed": 0, "not_passed": 0})
        entry["counts"][row["status"]] = row["n"]
        entry["passed"] += row["ok"]
        entry["not_passed"] += row["ko"]
    areas = Area.objects.in_bulk(list(table))
    return sorted((VillageProgress(area=areas[pk], **entry) for pk, entry in table.items()), key=lambda p: p.area.path)


def progress_total(rows: list[VillageProgress], area: Area) -> VillageProgress:
    """The whole campaign's line: its areas' counts added up."""
    counts: Counter = Counter()
    for row in rows:
        counts.update(row.counts)
    return VillageProgress(
        area=area,
        counts=dict(counts),
        passed=sum(row.passed for row in rows),
        not_passed=sum(row.not_passed for row in rows),
    )

"""The demo's recognition decisions: one per finished campaign, issued by its commune in mid-December
(or before the commune ceased to exist), listing everyone the council approved as passing, with their
certificates and the history line each subject gets. One 2023 decision is revoked and replaced, so that
verification shows a revoked title. Campaigns of this year at the decision stage are left without a
decision: the officer's screens have work to show.

Written in bulk: the data are right by construction (approved, passing subjects of the commune; numbers
counted up per commune and year), so the services' checks are not needed; codes come from the service
that guarantees them unused.
"""

import datetime
import random
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from areas.enums import Level
from assessments.enums import EventKind, Stage, Status
from assessments.models import Campaign, Event
from demo.assessments import THIS_YEAR
from recognition.enums import DecisionStatus
from recognition.models import Certificate, Decision, Entry
from recognition.paperwork import commune_short_name
from recognition.services import draft_text, free_codes

SIGNERS = [
    "Nguyễn Văn Hải",
    "Trần Thị Thanh Hương",
    "Lê Quang Vinh",
    "Phạm Thị Ngọc Lan",
    "Đỗ Đức Toàn",
    "Vũ Thị Hồng Nhung",
    "Hoàng Văn Khánh",
    "Bùi Thị Minh Thu",
]
CAPACITIES = ["KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "CHỦ TỊCH"]
REVOKED_YEAR = 2023
REVOKE_REASON = (
    "Danh sách kèm theo ghi nhầm một hộ đã chuyển đi trước khi xét; thu hồi để ban hành quyết định thay thế."
)


@dataclass
class Issued:
    """What the demo made."""

    decisions: int = 0
    certificates: int = 0


class _Numbers:
    """Decision numbers counted up per commune and year from a plausible point of the register."""

    def __init__(self, rng: random.Random):
        self.rng, self.last = rng, {}

    def next(self, commune_id: int, year: int) -> str:
        key = (commune_id, year)
        self.last[key] = self.last.get(key, self.rng.randint(60, 180)) + self.rng.randint(1, 9)
        return str(self.last[key])


def _day(rng: random.Random, campaign: Campaign) -> datetime.date:
    """Mid-December of the campaign's year, or a few days before the commune ended (01/07/2025)."""
    day = datetime.date(campaign.year, 12, rng.randint(10, 28))
    end = campaign.area.valid_to
    return min(day, end - datetime.timedelta(days=rng.randint(5, 12))) if end else day


def _issue(rng: random.Random, numbers: _Numbers, campaign: Campaign, day: datetime.date, ids: list[int], made: Issued):
    commune = campaign.area
    decision = Decision.objects.create(
        commune=commune,
        campaign=campaign,
        **{**draft_text(campaign, commune), "place": commune_short_name(commune.name_on(day))},
        number=numbers.next(commune.pk, day.year),
        date=day,
        year=day.year,
        signer_name=rng.choice(SIGNERS),
        signer_capacity=rng.choice(CAPACITIES),
        status=DecisionStatus.ISSUED,
        issued_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(15))),
    )
    entries = Entry.objects.bulk_create(
        Entry(decision=decision, assessment_id=pk, position=n) for n, pk in enumerate(ids, start=1)
    )
    codes = free_codes(len(entries))
    Certificate.objects.bulk_create(Certificate(entry=e, code=c) for e, c in zip(entries, codes, strict=True))
    Event.objects.bulk_create(
        (
            Event(
                assessment_id=pk,
                at=decision.issued_at,
                kind=EventKind.RECOGNISED,
                new=f"{decision.number_text} ({day:%d/%m/%Y})",
            )
            for pk in ids
        ),
        batch_size=2000,
    )
    made.decisions += 1
    made.certificates += len(entries)
    return decision


def _revoke_and_replace(rng: random.Random, numbers: _Numbers, decision: Decision, ids: list[int]) -> None:
    """Withdraw `decision` for a wrongly listed household and issue its replacement a month later."""
    day = decision.date + datetime.timedelta(days=rng.randint(25, 40))
    wrong, kept = ids[-1], ids[:-1]
    replacement = _issue(rng, numbers, decision.campaign, day, kept, Issued())
    Entry.objects.create(
        decision=replacement,
        assessment_id=wrong,
        position=len(ids),
        excluded_reason="Hộ đã chuyển đi trước thời điểm xét (phát hiện sau khi ban hành quyết định trước).",
    )
    decision.status, decision.revoke_reason = DecisionStatus.REVOKED, REVOKE_REASON
    decision.revoked_by_decision = f"{replacement.number_text} ngày {day:%d/%m/%Y}"
    decision.revoked_at = replacement.issued_at
    decision.save(update_fields=["status", "revoke_reason", "revoked_by_decision", "revoked_at"])
    Event.objects.bulk_create(
        Event(
            assessment_id=pk,
            at=decision.revoked_at,
            kind=EventKind.RECOGNITION_REVOKED,
            old=decision.number_text,
            reason=REVOKE_REASON,
        )
        for pk in ids
    )


def build_recognition(rng: random.Random) -> Issued:
    """Decisions for the finished campaigns (none when the demo has no approved assessment)."""
    made, numbers = Issued(), _Numbers(rng)
    finished = Q(stage=Stage.CLOSED) | Q(stage=Stage.DECISION, year__lt=THIS_YEAR)
    campaigns = Campaign.objects.filter(finished, area__level=Level.COMMUNE).select_related("area", "criteria_set")
    to_revoke = None
    for campaign in campaigns.order_by("year", "area__path", "title"):
        ids = list(
            campaign.assessments.filter(status=Status.APPROVED, passed=True)
            .order_by("area__path", "subject_name", "pk")
            .values_list("pk", flat=True)
        )
        if not ids:
            continue
        decision = _issue(rng, numbers, campaign, _day(rng, campaign), ids, made)
        if to_revoke is None and campaign.year == REVOKED_YEAR and len(ids) > 1:
            to_revoke = (decision, ids)
    if to_revoke:
        _revoke_and_replace(rng, numbers, *to_revoke)
    return made

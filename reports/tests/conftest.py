"""Outcomes written straight into the tables the reports read — campaigns, approved assessments, issued
decisions — on top of the shared world, so that every expected figure can be counted by hand.

The ledger (`ledger` fixture), on the world's map:

    commune A (Phường An Hòa, from 01/07/2025) ← Xã Đồng Cũ (whole) and ← Xã Chia Đôi (part)
      village A1: household H1 (clan C1; two adults born 1980, 1982, a child born 2015)
                  household H2 (one adult born 1970)
      village A2: household H3 (an adult born 1990; an official born 1988 working at unit U1)
      unit U1 (registered on commune A) with one more staff member living elsewhere
    commune B (Xã Bình Minh, from 01/07/2025) ← Xã Chia Đôi (part)
      village B1: household H4 (one adult born 1985)
    former map: Xã Đồng Cũ → Thôn Cũ; Xã Chia Đôi → Thôn Chia (neither village has a succession)

2026, today's map: families H1, H4; clan C1; community A2; unit U1; citizens H1's first adult, H3's adult
and U1's outside staff member. H2 is listed in a revoked decision and left out of an issued one.
2024, former map: family H1 recorded on Thôn Cũ, family H4 recorded on Thôn Chia.
"""

import datetime
from dataclasses import dataclass, field

import pytest

from areas.enums import Kind, Level, SuccessionKind
from areas.models import Area
from areas.services import equivalents_rebuild, succession_record
from assessments.enums import Stage, Status
from assessments.models import Assessment, Campaign
from criteria.enums import Rule
from criteria.enums import Status as SetStatus
from criteria.models import CriteriaSet
from recognition.enums import DecisionStatus
from recognition.models import Decision, Entry
from registry.enums import Gender, LabourGroup
from registry.models import Clan, Household, Person, Unit
from reports.shipped import shipped_data_load
from tests.world import MERGER, World, make_area


@dataclass
class Book:
    """Writes recognitions the way the recognition app leaves them, without walking the workflow."""

    sets: dict = field(default_factory=dict)
    campaigns: dict = field(default_factory=dict)
    decisions: dict = field(default_factory=dict)

    def campaign(self, year: int, title: str, area: Area) -> Campaign:
        key = (year, title, area.pk)
        if key not in self.campaigns:
            if title not in self.sets:
                self.sets[title] = CriteriaSet.objects.create(
                    key=f"test-{title}", title=title, name=title, rule=Rule.PASS_MARK, status=SetStatus.PUBLISHED
                )
            self.campaigns[key] = Campaign.objects.create(
                name=f"{title} {year}",
                year=year,
                title=title,
                area=area,
                criteria_set=self.sets[title],
                stage=Stage.CLOSED,
            )
        return self.campaigns[key]

    def decision(self, campaign: Campaign, status: str = DecisionStatus.ISSUED) -> Decision:
        key = (campaign.pk, status)
        if key not in self.decisions:
            self.decisions[key] = Decision.objects.create(
                commune=campaign.area, campaign=campaign, place="Thử", subject_line="Công nhận", status=status
            )
        return self.decisions[key]

    def recognise(
        self,
        year: int,
        title: str,
        *,
        commune: Area,
        area: Area,
        status: str = DecisionStatus.ISSUED,
        left_out: bool = False,
        **subject,
    ) -> Assessment:
        campaign = self.campaign(year, title, commune)
        assessment, _created = Assessment.objects.get_or_create(
            campaign=campaign, **subject, defaults={"area": area, "subject_name": "x", "status": Status.APPROVED}
        )
        Entry.objects.create(
            decision=self.decision(campaign, status),
            assessment=assessment,
            excluded_reason="Không đủ hồ sơ" if left_out else "",
        )
        return assessment


def household(village: Area, code: str, *members: tuple[int | None, str], clan: Clan | None = None) -> Household:
    """A household and its members, each (birth year, labour group)."""
    made = Household.objects.create(commune=village.parent, area=village, code=code, head_name=code, clan=clan)
    for number, (birth_year, group) in enumerate(members):
        Person.objects.create(
            area=village,
            household=made,
            full_name=f"{code}-{number}",
            birth_year=birth_year,
            gender=Gender.MALE,
            labour_group=group,
            is_head=number == 0,
        )
    return made


@dataclass
class Ledger:
    world: World
    book: Book
    split: Area
    split_village: Area
    h1: Household
    h2: Household
    h3: Household
    h4: Household
    c1: Clan
    c2: Clan
    u1: Unit


@pytest.fixture
def ledger(world) -> Ledger:
    w = world
    shipped_data_load()
    split = make_area("90012", "Xã Chia Đôi", Kind.COMMUNE, Level.COMMUNE, w.former.parent, valid_to=MERGER)
    split_village = make_area("90012.001", "Thôn Chia", Kind.VILLAGE, Level.VILLAGE, split, valid_to=MERGER)
    for successor in (w.commune_a, w.commune_b):
        succession_record(predecessor=split, successor=successor, kind=SuccessionKind.PARTIAL, effective_date=MERGER)
    equivalents_rebuild()

    c1 = Clan.objects.create(area=w.commune_a, code="DH1", name="Dòng họ Nguyễn")
    c2 = Clan.objects.create(area=w.commune_b, code="DH2", name="Dòng họ Trần")
    u1 = Unit.objects.create(commune=w.commune_a, area=w.commune_a, code="DV1", name="Trường Tiểu học", kind="school")
    farmer, official = LabourGroup.FARMER, LabourGroup.OFFICIAL
    h1 = household(w.village_a1, "H1", (1980, farmer), (1982, farmer), (2015, LabourGroup.OTHER), clan=c1)
    h2 = household(w.village_a1, "H2", (1970, farmer))
    h3 = household(w.village_a2, "H3", (1990, farmer), (1988, official))
    Person.objects.filter(household=h3, birth_year=1988).update(unit=u1)
    h4 = household(w.village_b1, "H4", (1985, farmer))
    outsider = Person.objects.create(
        area=w.commune_a, unit=u1, full_name="Ngoài xã", birth_year=1992, gender=Gender.FEMALE, labour_group=official
    )

    book = Book()
    a, b = w.commune_a, w.commune_b
    book.recognise(2026, "family", commune=a, area=w.village_a1, household=h1)
    book.recognise(2026, "family", commune=b, area=w.village_b1, household=h4)
    book.recognise(2026, "family", commune=a, area=w.village_a1, household=h2, status=DecisionStatus.REVOKED)
    book.recognise(2026, "family", commune=a, area=w.village_a1, household=h2, left_out=True)
    book.recognise(2026, "clan", commune=a, area=a, clan=c1)
    book.recognise(2026, "community", commune=a, area=w.village_a2, community=w.village_a2)
    book.recognise(2026, "unit", commune=a, area=a, unit=u1)
    first_adult = h1.members.get(birth_year=1980)
    for person in (first_adult, h3.members.get(birth_year=1990), outsider):
        book.recognise(2026, "citizen", commune=a, area=person.area, person=person)

    book.recognise(2024, "family", commune=w.former, area=w.former_village, household=h1)
    book.recognise(2024, "family", commune=split, area=split_village, household=h4)
    return Ledger(w, book, split, split_village, h1, h2, h3, h4, c1, c2, u1)


TODAY = datetime.date(2026, 11, 29)

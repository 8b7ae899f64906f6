"""Households with their members: one row per person.

A household's first row carries its code, village, address and clan; the rows under it with an empty
code (or the same code) are its other members, so that lists where the code cell is merged down the
household read as they look. The member marked "Chủ hộ" is the head (else the first one). Importing
again updates by code: members are matched by citizen ID, else by name and birth year; a current
member missing from the file stops counting on the import's day ("no longer on the list").
"""

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from areas.models import Area
from khuyenhoc.spreadsheets import CellError, Column, as_choice, as_text, as_year
from khuyenhoc.text import fold
from registry.enums import EndReason, Gender, LabourGroup
from registry.imports.base import Cells, Context, Loader, Lookup, Spec, vietnamese
from registry.imports.lookups import bare_name, clans_of, units_of, villages_of
from registry.models import Household, Person
from registry.services import HEAD_RELATION

GENDER_SYNONYMS = {"trai": Gender.MALE, "gai": Gender.FEMALE, "m": Gender.MALE, "f": Gender.FEMALE}
LABOUR_SYNONYMS = {
    "nông dân": LabourGroup.FARMER,
    "làm ruộng": LabourGroup.FARMER,
    "lao động nông thôn": LabourGroup.FARMER,
    "công nhân": LabourGroup.WORKER,
    "thợ thủ công": LabourGroup.WORKER,
    "cán bộ": LabourGroup.OFFICIAL,
    "công chức": LabourGroup.OFFICIAL,
    "viên chức": LabourGroup.OFFICIAL,
    "cán bộ, công chức, viên chức": LabourGroup.OFFICIAL,
}
HEAD = fold(HEAD_RELATION)
FIELDS_HOUSEHOLD = ("area_id", "head_name", "search_name", "address", "clan_id")
FIELDS_PERSON = ("full_name", "search_name", "birth_year", "gender", "labour_group", "relation", "is_head")
FIELDS_PERSON_IDS = ("citizen_id", "unit_id")


def columns(context: Context) -> list[Column]:
    return [
        Column("code", "Mã hộ", ("Số hộ", "Mã số hộ", "Mã HGĐ", "Mã hộ gia đình"), required=True, text=True, width=12),
        Column(
            "village",
            "Thôn/Tổ dân phố",
            ("Thôn", "Tổ dân phố", "Thôn, tổ dân phố", "Thôn/xóm", "Xóm", "Khu phố", "Tổ", "Thôn, xóm"),
            required=True,
            choices=tuple(village.name for village in villages_of(context)),
            width=24,
        ),
        Column("address", "Địa chỉ", ("Địa chỉ hộ", "Nơi ở", "Số nhà"), width=24),
        Column(
            "clan", "Dòng họ", ("Họ tộc", "Thuộc dòng họ"), choices=tuple(str(c) for c in clans_of(context)), width=24
        ),
        Column(
            "name",
            "Họ và tên",
            ("Họ tên", "Họ tên thành viên", "Họ và tên thành viên", "Tên thành viên"),
            required=True,
            width=24,
        ),
        Column("relation", "Quan hệ với chủ hộ", ("Quan hệ", "QH với chủ hộ", "Quan hệ chủ hộ"), width=14),
        Column("birth_year", "Năm sinh", ("Ngày sinh", "Ngày tháng năm sinh", "Sinh năm"), width=10),
        Column(
            "gender",
            "Giới tính",
            ("Nam/Nữ", "Giới"),
            required=True,
            choices=tuple(label for _v, label in vietnamese(Gender.choices)),
            width=10,
        ),
        Column(
            "labour_group",
            "Nhóm lao động",
            ("Đối tượng", "Nhóm đối tượng"),
            choices=tuple(label for _v, label in vietnamese(LabourGroup.choices)),
            width=28,
        ),
        Column(
            "citizen_id",
            "Số CCCD",
            ("CCCD", "Số căn cước", "Số định danh", "Số CCCD/CMND", "Căn cước công dân"),
            text=True,
            width=16,
        ),
        Column(
            "unit",
            "Nơi công tác",
            ("Đơn vị công tác", "Cơ quan công tác"),
            choices=tuple(u.name for u in units_of(context)),
            width=24,
        ),
    ]


def example(context: Context) -> list:
    villages = villages_of(context)
    return [
        "HO00001",
        villages[0].name if villages else "Thôn Đông",
        "Số 12, đường Trần Phú",
        "",
        "Nguyễn Văn An",
        HEAD_RELATION,
        1975,
        dict(vietnamese(Gender.choices))[Gender.MALE],
        dict(vietnamese(LabourGroup.choices))[LabourGroup.FARMER],
        "034075001234",
        "",
    ]


def citizen_id(value) -> str:
    """12 digits. Excel turns an ID typed into a number cell into a number and drops its leading zero
    (every ID starts with one): 11 digits get it back."""
    text = as_text(value).replace(" ", "").replace(".", "")
    if len(text) == 11 and text.isdigit():
        text = "0" + text
    if text and not (len(text) == 12 and text.isdigit()):
        raise CellError(_("A citizen ID has 12 digits."))
    return text


@dataclass(slots=True)
class Member:
    row: int
    full_name: str
    search_name: str
    birth_year: int | None
    gender: str
    labour_group: str
    relation: str
    is_head: bool
    citizen_id: str
    unit_id: int | None


@dataclass
class Record:
    row: int
    code: str
    area_id: int
    address: str
    clan_id: int | None
    members: list[Member] = field(default_factory=list)
    bad: bool = False

    @property
    def head(self) -> Member:
        return next((m for m in self.members if m.is_head), self.members[0])


class HouseholdLoader(Loader):
    def __init__(self, context: Context, report):
        super().__init__(context, report)
        self.commune: Area = context.area
        self.columns = {column.key: column for column in columns(context)}
        commune = self.commune.name
        self.villages = Lookup(
            ((v.pk, v.code, [v.name, bare_name(v.name)]) for v in villages_of(context)),
            _("“%(value)s” is not a village or residential group of %(commune)s."),
            commune=commune,
        )
        self.clans = Lookup(
            ((c.pk, c.code, [str(c), c.name]) for c in clans_of(context)),
            _("No clan “%(value)s” is registered in %(commune)s."),
            commune=commune,
        )
        self.units = Lookup(
            ((u.pk, u.code, [u.name]) for u in units_of(context)),
            _("No unit “%(value)s” is registered in %(commune)s."),
            commune=commune,
        )
        self.genders, self.groups = vietnamese(Gender.choices), vietnamese(LabourGroup.choices)
        self.seen_codes: dict[str, int] = {}
        self.seen_ids: dict[str, int] = {}
        self.day = context.day
        self.now = timezone.now()

    # --- Reading -----------------------------------------------------------------------------------

    def records(self, rows):
        current: Record | None = None
        for row in rows:
            cells = Cells(row, self.columns, self.report)
            code = cells.get("code", as_text, max_length=30)
            if code and current is not None and code == current.code:
                code = ""  # the code repeated on every member's row
            if code:
                if current is not None:
                    yield from self._finish(current)
                current = self._household(row, cells, code)
            elif current is None:
                cells.fail("code", _("The first row of a household needs its code."))
                continue
            member = self._member(row, cells)
            current.bad |= cells.bad
            if member is not None:
                current.members.append(member)
        if current is not None:
            yield from self._finish(current)

    def _household(self, row, cells: Cells, code: str) -> Record:
        record = Record(
            row=row.number,
            code=code,
            area_id=cells.get("village", self.villages, required=True),
            address=cells.get("address", as_text, max_length=255),
            clan_id=cells.get("clan", self.clans),
        )
        if code in self.seen_codes:
            cells.fail(
                "code", _("The code %(code)s is also on row %(row)s.") % {"code": code, "row": self.seen_codes[code]}
            )
        else:
            self.seen_codes[code] = row.number
        return record

    def _member(self, row, cells: Cells) -> Member | None:
        name = cells.get("name", as_text, required=True, max_length=150)
        member = Member(
            row=row.number,
            full_name=name,
            search_name=fold(name),
            birth_year=cells.get("birth_year", as_year),
            gender=cells.get("gender", as_choice, self.genders, synonyms=GENDER_SYNONYMS, required=True),
            labour_group=cells.get("labour_group", as_choice, self.groups, synonyms=LABOUR_SYNONYMS)
            or LabourGroup.OTHER,
            relation=cells.get("relation", as_text, max_length=40),
            is_head=False,
            citizen_id=cells.get("citizen_id", citizen_id),
            unit_id=cells.get("unit", self.units),
        )
        if member.citizen_id:
            first = self.seen_ids.setdefault(member.citizen_id, row.number)
            if first != row.number:
                cells.fail("citizen_id", _("The same citizen ID is on row %(row)s.") % {"row": first})
        return None if cells.bad else member

    def _finish(self, record: Record):
        heads = [m for m in record.members if fold(m.relation) == HEAD]
        for extra in heads[1:]:
            self.report.add(extra.row, self.columns["relation"].header, _("The household already has a head."))
            record.bad = True
        if record.members:
            (heads[0] if heads else record.members[0]).is_head = True
        if not record.bad:
            yield record

    # --- Comparing and writing --------------------------------------------------------------------

    def _still_counted(self, record: Record, household: Household | None) -> bool:
        if household is None or household.active_to is None:
            return True
        self.report.add(
            record.row,
            self.columns["code"].header,
            _("Household %(code)s stopped counting on %(day)s; give the new household another code.")
            % {"code": record.code, "day": household.last_day.strftime("%d/%m/%Y")},
        )
        return False

    def flush(self, records: list[Record], *, write: bool) -> None:
        if not records:
            return
        existing = {
            h.code: h for h in Household.objects.filter(commune=self.commune, code__in=[r.code for r in records])
        }
        records = [record for record in records if self._still_counted(record, existing.get(record.code))]
        members: dict[int, list[Person]] = {}
        for person in Person.objects.filter(household__in=[h.pk for h in existing.values()], active_to__isnull=True):
            members.setdefault(person.household_id, []).append(person)

        fresh: list[Household] = []
        changed: list[Household] = []
        people_fresh: list[tuple[Household, Member]] = []
        people_changed: list[Person] = []
        people_ended: list[int] = []
        for record in records:
            head = record.head
            values = {
                "area_id": record.area_id,
                "head_name": head.full_name,
                "search_name": head.search_name,
                "address": record.address,
                "clan_id": record.clan_id,
            }
            household = existing.get(record.code)
            if household is None:
                household = Household(commune=self.commune, code=record.code, **values)
                fresh.append(household)
                people_fresh.extend((household, member) for member in record.members)
                continue
            if any(getattr(household, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(household, name, value)
                household.updated_at = self.now
                changed.append(household)
            else:
                self.report.counts["households_unchanged"] += 1
            matched = _match(members.get(household.pk, []), record.members)
            for person, member in matched:
                if person is None:
                    people_fresh.append((household, member))
                elif _apply(person, member, household.area_id, self.now):
                    people_changed.append(person)
            kept = {person.pk for person, _member in matched if person is not None}
            people_ended.extend(p.pk for p in members.get(household.pk, []) if p.pk not in kept)

        self.report.counts["households_created"] += len(fresh)
        self.report.counts["households_updated"] += len(changed)
        self.report.counts["persons_created"] += len(people_fresh)
        self.report.counts["persons_updated"] += len(people_changed)
        self.report.counts["persons_ended"] += len(people_ended)
        if not write:
            return
        Household.objects.bulk_create(fresh)
        Household.objects.bulk_update(changed, [*FIELDS_HOUSEHOLD, "updated_at"])
        Person.objects.bulk_create(
            Person(household_id=household.pk, area_id=household.area_id, **_person_values(member))
            for household, member in people_fresh
        )
        Person.objects.bulk_update(people_changed, [*FIELDS_PERSON, *FIELDS_PERSON_IDS, "area_id", "updated_at"])
        Person.objects.filter(pk__in=people_ended).update(
            active_to=self.day, end_reason=EndReason.UNLISTED, updated_at=self.now
        )


def _person_values(member: Member) -> dict:
    return {name: getattr(member, name) for name in (*FIELDS_PERSON, *FIELDS_PERSON_IDS)}


def _match(people: list[Person], members: list[Member]) -> list[tuple[Person | None, Member]]:
    """Pair the file's members with the current ones: by citizen ID, else by name and birth year."""
    by_id = {p.citizen_id: p for p in people if p.citizen_id}
    by_name = {(p.search_name, p.birth_year): p for p in people}
    taken: set[int] = set()
    pairs: list[tuple[Person | None, Member]] = []
    for member in members:
        person = by_id.get(member.citizen_id) if member.citizen_id else None
        if person is None:
            person = by_name.get((member.search_name, member.birth_year))
        if person is not None and person.pk in taken:
            person = None
        if person is not None:
            taken.add(person.pk)
        pairs.append((person, member))
    return pairs


def _apply(person: Person, member: Member, area_id: int, now) -> bool:
    """Bring a current member in line with the file; whether anything changed."""
    values = {**_person_values(member), "area_id": area_id}
    if all(getattr(person, name) == value for name, value in values.items()):
        return False
    for name, value in values.items():
        setattr(person, name, value)
    person.updated_at = now
    return True


SPEC = Spec(kind="households", title="Hộ gia đình", columns=columns, example=example, loader=HouseholdLoader)

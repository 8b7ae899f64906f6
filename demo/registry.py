"""The demo district's registry: in every ward of today, units and clans; in every residential group,
households whose members have Vietnamese names, plausible ages and labour groups; and a few staff who
live outside the ward. Deterministic for the generator's rng.

Rows are built and inserted a chunk of households at a time, so memory stays flat and the same code
fills the million-household benchmark.
"""

import datetime
import random
from collections import Counter
from dataclasses import dataclass, field

from areas.models import Area
from demo.places import DemoMap
from khuyenhoc.text import fold
from registry.enums import Gender, LabourGroup, UnitKind
from registry.models import Clan, Household, Person, Unit

CHUNK = 5000
# Family names with rough weights (Nguyễn is about a third of the country).
FAMILIES = {
    "Nguyễn": 32, "Trần": 11, "Lê": 9, "Phạm": 7, "Hoàng": 5, "Vũ": 4, "Đặng": 3, "Bùi": 3, "Đỗ": 3,
    "Ngô": 2, "Dương": 2, "Đinh": 2, "Lý": 1, "Hồ": 1, "Trịnh": 1, "Lương": 1,
}  # fmt: skip
MIDDLE = {
    Gender.MALE: ["Văn", "Văn", "Văn", "Đức", "Minh", "Quang", "Hữu", "Xuân", "Ngọc", "Thành", "Công", "Duy"],
    Gender.FEMALE: ["Thị", "Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Minh", "Phương", "Hồng", "Kim"],
}
GIVEN = {
    Gender.MALE: (
        "An Bình Cường Dũng Đức Hải Hùng Khánh Long Minh Nam Phong Quân Sơn Thắng Tuấn Việt Vinh Hiếu Trung "
        "Toàn Kiên Lâm Hưng Thịnh Tú Bảo Khôi Đạt Hoàng"
    ).split(),
    Gender.FEMALE: (
        "Anh Chi Dung Giang Hà Hạnh Hoa Hương Lan Linh Mai Nga Ngọc Nhung Phương Thảo Thu Trang Vân Yến "
        "Huyền Loan Hằng Thủy Oanh My Quyên Trâm"
    ).split(),
}
# Household sizes 1–7 (about 3.6 members on average).
SIZES = {1: 8, 2: 15, 3: 22, 4: 27, 5: 15, 6: 9, 7: 4}
STREETS = ["Trần Phú", "Lê Lợi", "Quang Trung", "Nguyễn Huệ", "Lý Thường Kiệt", "Hai Bà Trưng", "Đinh Tiên Hoàng"]


@dataclass
class WardRegistry:
    """What the households of a ward draw on: its clans by family name and its units by kind."""

    ward: Area
    villages: list[Area]
    clans: dict[str, list[Clan]] = field(default_factory=dict)
    units: list[Unit] = field(default_factory=list)
    next_code: int = 1


def build_registry(rng: random.Random, demo_map: DemoMap, *, households: int) -> Counter:
    """Fill today's wards of the demo; returns how many rows of each kind were made."""
    made: Counter = Counter()
    serials: Counter = Counter()  # citizen IDs: a running number per birth year and gender keeps them unique
    wards = [
        WardRegistry(ward=ward, villages=[v for v in demo_map.villages_now if v.parent_id == ward.pk])
        for ward in demo_map.wards
    ]
    for registry in wards:
        _units(rng, registry, made, serials)
        _clans(rng, registry, made)
    villages = [(registry, village) for registry in wards for village in registry.villages]
    # One household in every group first (when there are enough); the rest spread unevenly, as in life.
    weights = [rng.uniform(0.5, 1.5) for _village in villages]
    placed = Counter(range(len(villages))) if households >= len(villages) else Counter()
    placed.update(rng.choices(range(len(villages)), weights=weights, k=households - sum(placed.values())))
    plan = [(villages[index], count) for index, count in sorted(placed.items())]
    chunk: list[tuple[WardRegistry, Area]] = []
    for place, count in plan:
        chunk.extend([place] * count)
        while len(chunk) >= CHUNK:
            _households(rng, chunk[:CHUNK], made, serials)
            chunk = chunk[CHUNK:]
    _households(rng, chunk, made, serials)
    return made


def _name(rng: random.Random, gender: str, family: str | None = None) -> str:
    family = family or rng.choices(list(FAMILIES), weights=list(FAMILIES.values()))[0]
    return f"{family} {rng.choice(MIDDLE[gender])} {rng.choice(GIVEN[gender])}"


def _short(ward: Area) -> str:
    return ward.name.removeprefix("Phường ").removeprefix("Xã ")


def _units(rng: random.Random, registry: WardRegistry, made: Counter, serials: Counter) -> None:
    ward, short = registry.ward, _short(registry.ward)
    plan = [
        (f"Trường Mầm non {short}", UnitKind.SCHOOL, rng.randint(20, 40)),
        (f"Trường Tiểu học {short}", UnitKind.SCHOOL, rng.randint(30, 55)),
        (f"Trường THCS {short}", UnitKind.SCHOOL, rng.randint(30, 50)),
        (f"Ủy ban nhân dân {ward.name}", UnitKind.AGENCY, rng.randint(22, 32)),
        (f"Trạm Y tế {ward.name}", UnitKind.AGENCY, rng.randint(7, 12)),
        (f"Hợp tác xã Nông nghiệp {short}", UnitKind.PRODUCTION, rng.randint(8, 20)),
        (f"Công ty TNHH May {short}", UnitKind.ENTERPRISE, rng.randint(80, 350)),
        (f"Công ty Cổ phần Vật liệu Xây dựng {short}", UnitKind.ENTERPRISE, rng.randint(40, 150)),
    ]
    units = Unit.objects.bulk_create(
        Unit(
            commune=ward,
            area=rng.choice(registry.villages) if kind in (UnitKind.SCHOOL, UnitKind.ENTERPRISE) else ward,
            code=f"DV{number:03d}",
            name=name,
            search_name=fold(name),
            kind=kind,
            staff_count=staff,
        )
        for number, (name, kind, staff) in enumerate(plan, start=1)
    )
    registry.units = units
    made["units"] += len(units)
    # Some staff live outside the ward: counted with their unit.
    outsiders = [
        _person(rng, serials, area_id=unit.area_id, unit=unit, age=rng.randint(24, 58), gender=rng.choice(list(Gender)))
        for unit in units
        for _n in range(rng.randint(1, 4))
    ]
    for person in outsiders:
        person.labour_group = LabourGroup.OFFICIAL
    Person.objects.bulk_create(outsiders, batch_size=2000)
    made["persons"] += len(outsiders)


def _clans(rng: random.Random, registry: WardRegistry, made: Counter) -> None:
    families = rng.sample(list(FAMILIES)[:10], k=rng.randint(4, 7))
    clans = []
    for family in families:
        name = f"Dòng họ {family} {rng.choice(MIDDLE[Gender.MALE])}"
        branches = ["Chi 1", "Chi 2"] if rng.random() < 0.3 else [""]
        for branch in branches:
            head = _name(rng, Gender.MALE, family)
            clans.append(
                Clan(
                    area=registry.ward,
                    code=f"DH{len(clans) + 1:03d}",
                    name=name,
                    branch=branch,
                    search_name=fold(f"{name} {branch}"),
                    representative=head,
                )
            )
    for clan in Clan.objects.bulk_create(clans):
        registry.clans.setdefault(clan.name.split()[2], []).append(clan)
    made["clans"] += len(clans)


def _households(rng: random.Random, places: list[tuple[WardRegistry, Area]], made: Counter, serials: Counter) -> None:
    """Insert a chunk of households, then their members."""
    if not places:
        return
    families: list[tuple[WardRegistry, list[tuple[str, int, str]]]] = []
    rows: list[Household] = []
    for registry, village in places:
        members = _family(rng)
        head_name = members[0][2]
        family = head_name.split()[0]
        clan = rng.choice(registry.clans[family]) if family in registry.clans and rng.random() < 0.6 else None
        rows.append(
            Household(
                commune=registry.ward,
                area=village,
                code=f"HO{registry.next_code:05d}",
                head_name=head_name,
                search_name=fold(head_name),
                address=f"Số {rng.randint(1, 250)}, đường {rng.choice(STREETS)}",
                clan=clan,
            )
        )
        registry.next_code += 1
        families.append((registry, members))
    households = Household.objects.bulk_create(rows, batch_size=2000)
    people = []
    for household, (registry, members) in zip(households, families, strict=True):
        for index, (gender, age, name) in enumerate(members):
            person = _person(
                rng, serials, area_id=household.area_id, age=age, gender=gender, name=name, household=household
            )
            person.is_head = index == 0
            person.relation = "Chủ hộ" if index == 0 else _relation(members[0], (gender, age, name))
            if person.labour_group == LabourGroup.OFFICIAL and registry.units and rng.random() < 0.5:
                person.unit = rng.choice(registry.units)
            people.append(person)
    Person.objects.bulk_create(people, batch_size=2000)
    made["households"] += len(households)
    made["persons"] += len(people)


def _family(rng: random.Random) -> list[tuple[str, int, str]]:
    """(gender, age, full name) of each member, the head first: a couple, their children, maybe a parent."""
    size = rng.choices(list(SIZES), weights=list(SIZES.values()))[0]
    head_gender = Gender.MALE if rng.random() < 0.75 else Gender.FEMALE
    head_age = rng.randint(26, 78) if size > 1 else rng.randint(22, 88)
    head = _name(rng, head_gender)
    family = head.split()[0]
    members = [(head_gender, head_age, head)]
    if size >= 2 and rng.random() < 0.85:
        spouse_gender = Gender.FEMALE if head_gender == Gender.MALE else Gender.MALE
        members.append((spouse_gender, max(18, head_age + rng.randint(-6, 4)), _name(rng, spouse_gender)))
    if size >= 5 and rng.random() < 0.5:
        parent_gender = rng.choice(list(Gender))
        members.append((parent_gender, min(100, head_age + rng.randint(22, 32)), _name(rng, parent_gender)))
    while len(members) < size:
        gender = rng.choice(list(Gender))
        age = max(0, head_age - rng.randint(20, 38))
        members.append((gender, age, _name(rng, gender, family if head_gender == Gender.MALE else None)))
    return members


def _relation(head: tuple[str, int, str], member: tuple[str, int, str]) -> str:
    if member[1] > head[1] + 15:
        return "Bố" if member[0] == Gender.MALE else "Mẹ"
    if member[1] >= head[1] - 15:
        return "Chồng" if member[0] == Gender.MALE else "Vợ"
    return "Con"


def _person(
    rng: random.Random, serials: Counter, *, area_id: int, age: int, gender: str, name: str = "", **links
) -> Person:
    name = name or _name(rng, gender)
    year = datetime.date.today().year - age
    serials[year, gender] += 1
    return Person(
        area_id=area_id,
        full_name=name,
        search_name=fold(name),
        birth_year=year,
        gender=gender,
        labour_group=_labour_group(rng, age),
        citizen_id=_citizen_id(year, gender, serials[year, gender]) if age >= 14 else "",
        **links,
    )


def _labour_group(rng: random.Random, age: int) -> str:
    if age < 18 or age > 70:
        return LabourGroup.OTHER
    return rng.choices(list(LabourGroup), weights=[52, 26, 9, 13])[0]


def _citizen_id(year: int, gender: str, serial: int) -> str:
    """Like a real one: province 035 (Hà Nam), a digit for century and gender, the year, six digits."""
    century = (0 if year < 2000 else 2) + (1 if gender == Gender.FEMALE else 0)
    return f"035{century}{year % 100:02d}{serial:06d}"

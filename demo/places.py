"""The demo district's map: the official units of Hà Nam (and the new Ninh Bình), and synthetic
villages for Kim Bảng across its three maps — 18 communes (2023), 17 units (01/01/2025) and 6 wards
(01/07/2025) — linked by village successions, as a real district would enter them."""

import datetime
import random
from dataclasses import dataclass, field

from areas.enums import Kind, Level, SuccessionKind
from areas.models import Area, Succession
from areas.paths import segment
from areas.services import equivalents_rebuild, official_units_load
from khuyenhoc.text import fold

HA_NAM = "35"
KIM_BANG = "350"
REFORM_2025_01 = datetime.date(2025, 1, 1)
REFORM_2025_07 = datetime.date(2025, 7, 1)
WARD_BASIS = "Nghị quyết số 1674/NQ-UBTVQH15 (tổ dân phố tiếp nhận nguyên trạng thôn, xóm cũ — dữ liệu mô phỏng)"

_FIRST = (
    "Bút Đồng Thượng Hạ Trung Đông Tây Nam Bắc Phú An Lạc Tân Văn Quyển Kim Ngọc Thanh Hòa Mỹ Phúc Lưu Điệp Yên "
    "Khuyến Thụy Châu Bảo"
).split()
_SECOND = "Sơn Tâm Lạc Xá Phú Hòa Lão Đình Bình Thịnh Lương Khê Trì Nội Ngoại Đoài Cầu Viên Lũng Mai".split()


@dataclass
class DemoMap:
    """What later steps of the demo need to find again."""

    province_now: Area
    wards: list[Area]
    communes_2023: list[Area]
    villages_now: list[Area] = field(default_factory=list)
    villages_old: list[Area] = field(default_factory=list)


def _village_names(rng: random.Random, count: int) -> list[str]:
    names: list[str] = []
    while len(names) < count:
        name = f"{rng.choice(_FIRST)} {rng.choice(_SECOND)}"
        if name not in names and name.split()[0] != name.split()[1]:
            names.append(name)
    return names


def _base_name(name: str) -> str:
    return name.removeprefix("Tổ dân phố ").removeprefix("Thôn ")


def _bulk_villages(specs: list[tuple[Area, str, str, str, datetime.date | None, datetime.date | None]]) -> list[Area]:
    """Insert villages in bulk: (commune, code, name, kind, valid_from, valid_to)."""
    villages = Area.objects.bulk_create(
        Area(
            code=code,
            name=name,
            search_name=fold(name),
            kind=kind,
            level=Level.VILLAGE,
            parent=commune,
            valid_from=valid_from,
            valid_to=valid_to,
            path="",
            depth=commune.depth + 1,
        )
        for commune, code, name, kind, valid_from, valid_to in specs
    )
    for village in villages:
        village.path = village.parent.path + segment(village.pk)
    Area.objects.bulk_update(villages, ["path"], batch_size=500)
    return villages


def build_map(rng: random.Random) -> DemoMap:
    official_units_load(provinces=[HA_NAM])
    district = Area.objects.get(code=KIM_BANG, valid_from__isnull=True)
    communes_2023 = list(district.children.filter(valid_from__isnull=True).order_by("code"))
    tan_tuu = district.children.get(valid_from=REFORM_2025_01)

    # 2023 map: 5–9 villages per commune ("Thôn"; "Tổ dân phố" in the two townships). Names are
    # unique across the district so that merged wards never hold two groups of the same name.
    sizes = [rng.randint(5, 9) for _commune in communes_2023]
    names = iter(_village_names(rng, sum(sizes)))
    specs = []
    for commune, size in zip(communes_2023, sizes, strict=True):
        township = commune.kind == Kind.TOWNSHIP or commune.former_names.filter(kind=Kind.TOWNSHIP).exists()
        kind, label = (Kind.RESIDENTIAL_GROUP, "Tổ dân phố") if township else (Kind.VILLAGE, "Thôn")
        for number in range(1, size + 1):
            specs.append(
                (commune, f"{commune.code}.{number:03d}", f"{label} {next(names)}", kind, None, commune.valid_to)
            )
    old = _bulk_villages(specs)

    # 01/01/2025: Nhật Tựu + Nhật Tân → Phường Tân Tựu; their villages carry over as residential groups.
    carried = [v for v in old if v.parent.valid_to == REFORM_2025_01]
    tan_tuu_villages = _bulk_villages(
        [
            (
                tan_tuu,
                f"{tan_tuu.code}.{n:03d}",
                "Tổ dân phố " + _base_name(v.name),
                Kind.RESIDENTIAL_GROUP,
                REFORM_2025_01,
                REFORM_2025_07,
            )
            for n, v in enumerate(carried, start=1)
        ]
    )
    links = list(zip(carried, tan_tuu_villages, strict=True))

    # 01/07/2025: every village of the 17 units becomes a residential group of its new ward.
    before_july = [v for v in old if v.parent.valid_to == REFORM_2025_07] + tan_tuu_villages
    ward_of = {
        s.predecessor_id: s.successor
        for s in Succession.objects.filter(effective_date=REFORM_2025_07, predecessor__parent=district).select_related(
            "successor"
        )
    }
    counters: dict[int, int] = {}
    specs = []
    for village in before_july:
        ward = ward_of[village.parent_id]
        counters[ward.pk] = counters.get(ward.pk, 0) + 1
        name = "Tổ dân phố " + _base_name(village.name)
        specs.append((ward, f"{ward.code}.{counters[ward.pk]:03d}", name, Kind.RESIDENTIAL_GROUP, REFORM_2025_07, None))
    now = _bulk_villages(specs)
    links += list(zip(before_july, now, strict=True))
    Succession.objects.bulk_create(
        Succession(
            predecessor=a,
            successor=b,
            kind=SuccessionKind.FULL,
            effective_date=b.valid_from,
            legal_basis=WARD_BASIS if b.valid_from == REFORM_2025_07 else "",
            note="Dữ liệu mô phỏng",
        )
        for a, b in links
    )
    equivalents_rebuild()
    wards = sorted({ward.pk: ward for ward in ward_of.values()}.values(), key=lambda w: w.code)
    return DemoMap(
        province_now=wards[0].parent,
        wards=wards,
        communes_2023=communes_2023,
        villages_now=now,
        villages_old=old + tan_tuu_villages,
    )

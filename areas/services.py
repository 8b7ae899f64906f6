"""Writes to the map. Paths are derived here and nowhere else."""

import datetime
import gzip
import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from areas.enums import LEVEL_OF_KIND, VILLAGE_KINDS, Kind, Level, SuccessionKind
from areas.models import Area, Equivalent, FormerName, Succession
from areas.paths import segment, subtree_q
from khuyenhoc.text import clean, fold

FIXTURE = Path(__file__).resolve().parent / "data" / "vn-units.json.gz"


class AreaError(Exception):
    """A change to the map that the rules refuse; the message is for the user."""


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _with_path(area: Area) -> Area:
    area.path = (area.parent.path if area.parent else "") + segment(area.pk)
    area.depth = area.parent.depth + 1 if area.parent else 0
    area.save(update_fields=["path", "depth"])
    return area


# --- Villages ------------------------------------------------------------------------------------


def next_village_code(commune: Area) -> str:
    taken = Area.objects.filter(parent=commune, code__startswith=f"{commune.code}.").aggregate(Max("code"))
    last = taken["code__max"]
    number = int(last.rsplit(".", 1)[1]) + 1 if last and last.rsplit(".", 1)[1].isdigit() else 1
    return f"{commune.code}.{number:03d}"


def _check_village(commune: Area, name: str, kind: str) -> None:
    if commune.level != Level.COMMUNE:
        raise AreaError(_("A village must belong to a commune or ward."))
    if kind not in VILLAGE_KINDS:
        raise AreaError(_("“%(kind)s” is not a kind of village.") % {"kind": kind})
    if not name:
        raise AreaError(_("The village needs a name."))


@transaction.atomic
def village_create(
    *, commune: Area, name: str, kind: str = Kind.VILLAGE, valid_from: datetime.date | None = None, code: str = ""
) -> Area:
    name = clean(name)
    _check_village(commune, name, kind)
    if valid_from and not commune.is_valid_on(valid_from):
        raise AreaError(_("%(commune)s did not exist on that date.") % {"commune": commune.name})
    day = valid_from or datetime.date.today()
    clash = commune.children.valid_on(day).filter(search_name=fold(name))
    if clash.exists():
        raise AreaError(
            _("%(commune)s already has a village named “%(name)s”.") % {"commune": commune.name, "name": name}
        )
    village = Area.objects.create(
        code=clean(code) or next_village_code(commune),
        name=name,
        search_name=fold(name),
        kind=kind,
        level=Level.VILLAGE,
        parent=commune,
        valid_from=valid_from,
        valid_to=commune.valid_to,
        path="",
        depth=0,
    )
    _with_path(village)
    equivalents_rebuild(area_ids=[village.pk])
    return village


@transaction.atomic
def village_update(*, village: Area, name: str, kind: str) -> Area:
    name = clean(name)
    if not name:
        raise AreaError(_("The village needs a name."))
    if kind not in VILLAGE_KINDS:
        raise AreaError(_("“%(kind)s” is not a kind of village.") % {"kind": kind})
    clash = village.parent.children.exclude(pk=village.pk).filter(search_name=fold(name))
    if village.valid_to is None:
        clash = clash.filter(valid_to__isnull=True)
    if clash.exists():
        raise AreaError(
            _("%(commune)s already has a village named “%(name)s”.") % {"commune": village.parent.name, "name": name}
        )
    village.name, village.search_name, village.kind = name, fold(name), kind
    village.save(update_fields=["name", "search_name", "kind", "updated_at"])
    return village


@transaction.atomic
def village_end(*, village: Area, on: datetime.date) -> Area:
    """A village that is dissolved or merged stops existing from `on`; its history stays."""
    if village.level != Level.VILLAGE:
        raise AreaError(_("Only villages can be ended here."))
    if village.valid_from and on <= village.valid_from:
        raise AreaError(_("The end date must be after the village began."))
    if village.valid_to and on >= village.valid_to:
        raise AreaError(_("The village already ended before that date."))
    village.valid_to = on
    village.save(update_fields=["valid_to", "updated_at"])
    equivalents_rebuild(area_ids=[village.pk])
    return village


@transaction.atomic
def village_bulk_save(
    *, villages: list[tuple[Area, str, str]], on: datetime.date | None = None
) -> tuple[list[Area], list[Area]]:
    """Create or update many villages at once — each (commune, name, kind) — with the rules of
    `village_create`: a village in force on `on` (default today) under that name (accents and case
    aside) takes the kind, any other is created with the commune's next free code. Returns (created,
    updated); raises AreaError on the first row the rules refuse, having written nothing."""
    day = on or datetime.date.today()
    communes = {commune.pk: commune for commune, _name, _kind in villages}
    existing = {
        (village.parent_id, village.search_name): village
        for village in Area.objects.filter(parent_id__in=communes, level=Level.VILLAGE).valid_on(day)
    }
    seen: set[tuple[int, str]] = set()
    fresh: list[Area] = []
    changed: list[Area] = []
    numbers: dict[int, int] = {}
    for commune, name, kind in villages:
        name = clean(name)
        _check_village(commune, name, kind)
        key = (commune.pk, fold(name))
        if key in seen:
            raise AreaError(
                _("%(commune)s already has a village named “%(name)s”.") % {"commune": commune.name, "name": name}
            )
        seen.add(key)
        village = existing.get(key)
        if village is not None:
            if village.kind != kind:
                village.kind, village.updated_at = kind, timezone.now()
                changed.append(village)
            continue
        if commune.pk not in numbers:
            numbers[commune.pk] = int(next_village_code(commune).rsplit(".", 1)[1])
        fresh.append(
            Area(
                code=f"{commune.code}.{numbers[commune.pk]:03d}",
                name=name,
                search_name=key[1],
                kind=kind,
                level=Level.VILLAGE,
                parent=commune,
                valid_to=commune.valid_to,
                path="",
                depth=commune.depth + 1,
            )
        )
        numbers[commune.pk] += 1
    Area.objects.bulk_update(changed, ["kind", "updated_at"])
    created = Area.objects.bulk_create(fresh)
    for village in created:
        village.path = village.parent.path + segment(village.pk)
    Area.objects.bulk_update(created, ["path"], batch_size=500)
    equivalents_rebuild(area_ids=[village.pk for village in created])
    return created, changed


# --- Successions ---------------------------------------------------------------------------------


@transaction.atomic
def succession_record(
    *,
    predecessor: Area,
    successor: Area,
    kind: str,
    effective_date: datetime.date,
    legal_basis: str = "",
    note: str = "",
) -> Succession:
    if predecessor.pk == successor.pk:
        raise AreaError(_("An area cannot succeed itself."))
    if predecessor.level != successor.level:
        raise AreaError(_("A succession links areas of the same level."))
    if kind not in SuccessionKind.values:
        raise AreaError(_("Unknown kind of succession."))
    succession, _created = Succession.objects.update_or_create(
        predecessor=predecessor,
        successor=successor,
        defaults={"kind": kind, "effective_date": effective_date, "legal_basis": legal_basis, "note": note},
    )
    equivalents_rebuild(area_ids=list(Area.objects.under(predecessor).values_list("pk", flat=True)))
    return succession


# --- The official units ---------------------------------------------------------------------------


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    successions: int = 0
    former_names: int = 0
    provinces: list[str] = field(default_factory=list)


def _read_fixture() -> dict:
    with gzip.open(FIXTURE, "rt", encoding="utf-8") as fh:
        return json.load(fh)


def fixture_province_codes() -> set[str]:
    return {unit[1] for unit in _read_fixture()["units"] if unit[4] is None}


def _selected_keys(data: dict, provinces: list[str] | None) -> set[str]:
    """The units of the chosen provinces (every period), and of the provinces they merged into."""
    units = data["units"]
    top = {unit[0]: unit[1] for unit in units if unit[4] is None}
    if provinces is None:
        roots = set(top)
    else:
        missing = set(provinces) - set(top.values())
        if missing:
            raise AreaError(_("Unknown province code: %(codes)s") % {"codes": ", ".join(sorted(missing))})
        roots = {key for key, code in top.items() if code in provinces}
        roots |= {new for old, new, *_rest in data["successions"] if old in roots and new in top}
    parent_of = {unit[0]: unit[4] for unit in units}

    def root(key: str) -> str:
        while parent_of[key] is not None:
            key = parent_of[key]
        return key

    return {unit[0] for unit in units if root(unit[0]) in roots}


@transaction.atomic
def official_units_load(*, provinces: list[str] | None) -> LoadReport:
    """Create or update the official units of the given province codes (None: the whole country).

    Idempotent: rows are matched on (code, valid_from); running it twice changes nothing. New rows
    are inserted in bulk, one tier at a time, so the whole country loads in seconds.
    """
    data = _read_fixture()
    wanted = _selected_keys(data, provinces)
    rows = [unit for unit in data["units"] if unit[0] in wanted]
    report = LoadReport(provinces=sorted(unit[1] for unit in rows if unit[4] is None))
    existing = {
        (area.code, area.valid_from): area
        for area in Area.objects.exclude(level=Level.VILLAGE).filter(code__in={unit[1] for unit in rows})
    }
    by_key: dict[str, Area] = {}
    pending = rows
    while pending:
        # Parents first: each round takes the units whose parent is already known.
        tier = [unit for unit in pending if unit[4] is None or unit[4] in by_key]
        pending = [unit for unit in pending if not (unit[4] is None or unit[4] in by_key)]
        fresh: list[tuple[str, Area]] = []
        for key, code, name, kind, parent_key, valid_from, valid_to in tier:
            parent = by_key[parent_key] if parent_key else None
            values = {
                "name": name,
                "search_name": fold(name),
                "kind": kind,
                "level": LEVEL_OF_KIND[kind],
                "valid_to": _date(valid_to),
            }
            area = existing.get((code, _date(valid_from)))
            if area is None:
                area = Area(code=code, valid_from=_date(valid_from), parent=parent, path="", depth=0, **values)
                fresh.append((key, area))
                continue
            if area.parent_id != (parent.pk if parent else None):
                raise AreaError(
                    _("%(name)s has another parent in the database than in the official data.") % {"name": name}
                )
            changed = [attr for attr, value in values.items() if getattr(area, attr) != value]
            for attr in changed:
                setattr(area, attr, values[attr])
            if changed:
                area.save(update_fields=[*changed, "updated_at"])
                report.updated += 1
            else:
                report.unchanged += 1
            by_key[key] = area
        created = Area.objects.bulk_create([area for _key, area in fresh])
        for (key, _area), area in zip(fresh, created, strict=True):
            area.path = (area.parent.path if area.parent else "") + segment(area.pk)
            area.depth = area.parent.depth + 1 if area.parent else 0
            by_key[key] = area
        Area.objects.bulk_update(created, ["path", "depth"], batch_size=500)
        report.created += len(created)

    root_paths = [area.path for area in by_key.values() if area.parent_id is None]
    known_names = set(FormerName.objects.filter(subtree_q(root_paths, "area__path")).values_list("area_id", "until"))
    names = [
        FormerName(area=by_key[key], name=name, kind=kind, until=_date(until))
        for key, name, kind, until in data["former_names"]
        if key in by_key and (by_key[key].pk, _date(until)) not in known_names
    ]
    FormerName.objects.bulk_create(names)
    known_links = set(
        Succession.objects.filter(subtree_q(root_paths, "successor__path")).values_list(
            "predecessor_id", "successor_id"
        )
    )
    links = [
        Succession(
            predecessor=by_key[old], successor=by_key[new], kind=kind, effective_date=_date(day), legal_basis=basis
        )
        for old, new, kind, day, basis in data["successions"]
        if old in by_key and new in by_key and (by_key[old].pk, by_key[new].pk) not in known_links
    ]
    Succession.objects.bulk_create(links)
    report.successions, report.former_names = len(links), len(names)
    equivalents_rebuild()
    return report


# --- Equivalents on the latest map ----------------------------------------------------------------


def _equivalents(
    area_id: int,
    *,
    latest: set[int],
    links: dict[int, list[tuple[int, str]]],
    parent_of: dict[int, int | None],
    level_of: dict[int, str],
    memo: dict[int, dict[int, tuple[Decimal, bool]]],
) -> dict[int, tuple[Decimal, bool]]:
    """{latest area id: (share, exact)} for one area, following successions; memoised."""
    if area_id in memo:
        return memo[area_id]
    memo[area_id] = {}  # a cycle in the data would otherwise recurse forever
    if area_id in latest:
        result = {area_id: (Decimal(1), True)}
    elif links.get(area_id):
        outgoing = links[area_id]
        whole = len(outgoing) == 1 and outgoing[0][1] == SuccessionKind.FULL
        part = Decimal(1) / len(outgoing)
        result = {}
        for successor, _kind in outgoing:
            for target, (share, exact) in _equivalents(
                successor, latest=latest, links=links, parent_of=parent_of, level_of=level_of, memo=memo
            ).items():
                before, was_exact = result.get(target, (Decimal(0), True))
                result[target] = (before + share * part, was_exact and exact and whole)
    elif level_of[area_id] == Level.VILLAGE and parent_of[area_id]:
        # A former village with no succession of its own counts where its commune went.
        result = _equivalents(
            parent_of[area_id], latest=latest, links=links, parent_of=parent_of, level_of=level_of, memo=memo
        )
    else:
        result = {}
    memo[area_id] = result
    return result


@transaction.atomic
def equivalents_rebuild(*, area_ids: list[int] | None = None) -> int:
    """Recompute the equivalents on the latest map (areas with no end date) of the given areas, or of
    every area. Run after the map or its successions change; returns the number of rows written."""
    rows = list(Area.objects.values_list("pk", "parent_id", "level", "valid_to"))
    latest = {pk for pk, _parent, _level, valid_to in rows if valid_to is None}
    parent_of = {pk: parent for pk, parent, _level, _to in rows}
    level_of = {pk: level for pk, _parent, level, _to in rows}
    links: dict[int, list[tuple[int, str]]] = {}
    for old, new, kind in Succession.objects.values_list("predecessor_id", "successor_id", "kind"):
        links.setdefault(old, []).append((new, kind))
    memo: dict[int, dict[int, tuple[Decimal, bool]]] = {}
    targets = [pk for pk, *_rest in rows] if area_ids is None else area_ids
    stale = Equivalent.objects.all() if area_ids is None else Equivalent.objects.filter(area_id__in=area_ids)
    stale.delete()
    created = Equivalent.objects.bulk_create(
        (
            Equivalent(area_id=pk, latest_id=target, share=share.quantize(Decimal("0.000001")), exact=exact)
            for pk in targets
            for target, (share, exact) in _equivalents(
                pk, latest=latest, links=links, parent_of=parent_of, level_of=level_of, memo=memo
            ).items()
        ),
        batch_size=2000,
    )
    return len(created)

"""Units of the commune (agencies, schools, enterprises, production units), one per row, updated by code."""

from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from khuyenhoc.spreadsheets import Column, as_choice, as_int, as_text
from khuyenhoc.text import fold
from registry.enums import UnitKind
from registry.imports.base import Cells, Context, Loader, Lookup, Spec, vietnamese
from registry.imports.lookups import bare_name, villages_of
from registry.models import Person, Unit

FIELDS = ("name", "search_name", "kind", "area_id", "staff_count")
KIND_SYNONYMS = {
    "cơ quan": UnitKind.AGENCY,
    "trường": UnitKind.SCHOOL,
    "trường học": UnitKind.SCHOOL,
    "công ty": UnitKind.ENTERPRISE,
    "hợp tác xã": UnitKind.PRODUCTION,
    "htx": UnitKind.PRODUCTION,
    "cơ sở sản xuất": UnitKind.PRODUCTION,
}


def columns(context: Context) -> list[Column]:
    return [
        Column("code", "Mã đơn vị", ("Mã", "Mã ĐV"), required=True, text=True, width=12),
        Column("name", "Tên đơn vị", ("Đơn vị", "Tên cơ quan, đơn vị", "Tên cơ quan"), required=True, width=32),
        Column(
            "kind",
            "Loại đơn vị",
            ("Loại", "Loại hình"),
            required=True,
            choices=tuple(label for _v, label in vietnamese(UnitKind.choices)),
            width=18,
        ),
        Column(
            "village",
            "Thôn/Tổ dân phố",
            ("Thôn", "Tổ dân phố", "Địa bàn"),
            choices=tuple(village.name for village in villages_of(context)),
            width=24,
        ),
        Column(
            "staff_count",
            "Số cán bộ, nhân viên",
            ("Số CBNV", "Số cán bộ", "Số lao động", "Số cán bộ, công chức, viên chức", "Số người"),
            width=14,
        ),
    ]


def example(context: Context) -> list:
    return ["DV001", "Trường Tiểu học Kim Bình", dict(vietnamese(UnitKind.choices))[UnitKind.SCHOOL], "", 32]


class UnitLoader(Loader):
    def __init__(self, context: Context, report):
        super().__init__(context, report)
        self.columns = {column.key: column for column in columns(context)}
        self.villages = Lookup(
            ((v, v.code, [v.name, bare_name(v.name)]) for v in villages_of(context)),
            _("“%(value)s” is not a village or residential group of %(commune)s."),
            commune=context.area.name,
        )
        self.kinds = vietnamese(UnitKind.choices)
        self.seen: dict[str, int] = {}
        self.now = timezone.now()

    def records(self, rows):
        for row in rows:
            cells = Cells(row, self.columns, self.report)
            code = cells.get("code", as_text, required=True, max_length=30)
            name = cells.get("name", as_text, required=True, max_length=200)
            village = cells.get("village", self.villages)
            values = {
                "code": code,
                "name": name,
                "search_name": fold(name),
                "kind": cells.get("kind", as_choice, self.kinds, synonyms=KIND_SYNONYMS, required=True),
                "area_id": village.pk if village else self.context.area.pk,
                "staff_count": cells.get("staff_count", as_int, minimum=0, maximum=100_000),
            }
            if code and self.seen.setdefault(code, row.number) != row.number:
                cells.fail(
                    "code", _("The code %(code)s is also on row %(row)s.") % {"code": code, "row": self.seen[code]}
                )
            if not cells.bad:
                yield row.number, values

    def flush(self, records, *, write: bool) -> None:
        if not records:
            return
        commune = self.context.area
        existing = {u.code: u for u in Unit.objects.filter(commune=commune, code__in=[v["code"] for _n, v in records])}
        fresh, changed = [], []
        for number, values in records:
            unit = existing.get(values["code"])
            if unit is None:
                fresh.append(Unit(commune=commune, **values))
            elif unit.active_to is not None:
                self.report.add(number, self.columns["code"].header, _("This unit no longer counts; use another code."))
            elif any(getattr(unit, name) != values[name] for name in FIELDS):
                for name in FIELDS:
                    setattr(unit, name, values[name])
                unit.updated_at = self.now
                changed.append(unit)
            else:
                self.report.counts["units_unchanged"] += 1
        self.report.counts["units_created"] += len(fresh)
        self.report.counts["units_updated"] += len(changed)
        if write:
            Unit.objects.bulk_create(fresh)
            Unit.objects.bulk_update(changed, [*FIELDS, "updated_at"])
            # Staff who live elsewhere are counted where their unit is.
            Person.objects.filter(household__isnull=True, unit__in=changed).update(
                area_id=Subquery(Unit.objects.filter(pk=OuterRef("unit_id")).values("area_id")), updated_at=self.now
            )


SPEC = Spec(kind="units", title="Đơn vị", columns=columns, example=example, loader=UnitLoader)

"""Villages and residential groups (communities): commune code, name, kind — one per row.

A village in force under that name (accents and case aside) takes the kind given; any other is created
under today's commune of that code, with the rules of areas.services.village_create. A row may name any
commune inside the area the import is run for; an empty commune code means that area itself.
"""

from django.utils.translation import gettext as _

from areas.enums import VILLAGE_KINDS, Kind, Level
from areas.models import Area
from areas.services import AreaError, village_bulk_save
from khuyenhoc.spreadsheets import Column, as_choice, as_text
from khuyenhoc.text import fold
from registry.imports.base import Cells, Context, Loader, Spec, vietnamese

KINDS = [(kind.value, kind.label) for kind in Kind if kind in VILLAGE_KINDS]  # labelled when used
KIND_SYNONYMS = {"tổ": Kind.RESIDENTIAL_GROUP, "tdp": Kind.RESIDENTIAL_GROUP, "làng": Kind.VILLAGE}
URBAN = {Kind.WARD, Kind.TOWNSHIP}


def columns(context: Context) -> list[Column]:
    return [
        Column(
            "commune",
            "Mã xã/phường",
            ("Mã xã", "Mã phường", "Mã đơn vị hành chính", "Mã ĐVHC", "Mã xã, phường"),
            required=True,
            text=True,
            width=14,
        ),
        Column(
            "name",
            "Tên thôn/tổ dân phố",
            ("Tên thôn", "Thôn/Tổ dân phố", "Tên tổ dân phố", "Thôn, tổ dân phố", "Tên thôn, tổ dân phố", "Tên"),
            required=True,
            width=30,
        ),
        Column(
            "kind",
            "Loại",
            ("Loại thôn", "Phân loại"),
            choices=tuple(label for _v, label in vietnamese(KINDS)),
            width=16,
        ),
    ]


def example(context: Context) -> list:
    code = context.area.code if context.area.level == Level.COMMUNE else ""
    return [code, "Tổ dân phố Đông Sơn", dict(vietnamese(KINDS))[Kind.RESIDENTIAL_GROUP]]


class VillageLoader(Loader):
    # Villages are few: the whole file is one batch, written by one call of the areas service.
    batch_size = 100_000

    def __init__(self, context: Context, report):
        super().__init__(context, report)
        self.columns = {column.key: column for column in columns(context)}
        communes = Area.objects.under(context.area).at_level(Level.COMMUNE).valid_on(context.day)
        self.communes = {commune.code: commune for commune in communes}
        self.kinds = vietnamese(KINDS)
        self.seen: dict[tuple[int, str], int] = {}

    def _commune(self, value) -> Area:
        code = as_text(value)
        if not code:
            if self.context.area.level != Level.COMMUNE:
                raise AreaError(_("Give the commune's code."))
            return self.context.area
        commune = self.communes.get(code)
        if commune is None:
            raise AreaError(
                _("No commune with the code %(code)s lies in %(area)s today.")
                % {"code": code, "area": self.context.area.name}
            )
        return commune

    def records(self, rows):
        for row in rows:
            cells = Cells(row, self.columns, self.report)
            try:
                commune = self._commune(row["commune"])
            except AreaError as error:
                cells.fail("commune", str(error))
                continue
            name = cells.get("name", as_text, required=True, max_length=150)
            kind = cells.get("kind", as_choice, self.kinds, synonyms=KIND_SYNONYMS)
            kind = kind or (Kind.RESIDENTIAL_GROUP if commune.kind in URBAN else Kind.VILLAGE)
            key = (commune.pk, fold(name))
            if name and self.seen.setdefault(key, row.number) != row.number:
                cells.fail("name", _("The same village is on row %(row)s.") % {"row": self.seen[key]})
            if not cells.bad:
                yield commune, name, kind

    def flush(self, records, *, write: bool) -> None:
        if not records:
            return
        existing = {
            (village.parent_id, village.search_name): village
            for village in Area.objects.filter(
                parent_id__in={c.pk for c, _n, _k in records}, level=Level.VILLAGE
            ).valid_on(self.context.day)
        }
        for commune, name, kind in records:
            village = existing.get((commune.pk, fold(name)))
            if village is None:
                self.report.counts["villages_created"] += 1
            elif village.kind != kind:
                self.report.counts["villages_updated"] += 1
            else:
                self.report.counts["villages_unchanged"] += 1
        if write:
            try:
                village_bulk_save(villages=records, on=self.context.day)
            except AreaError as error:
                self.report.add(None, "", str(error))


SPEC = Spec(kind="villages", title="Thôn, tổ dân phố", columns=columns, example=example, loader=VillageLoader)

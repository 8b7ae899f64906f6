"""Clans (and their branches) of the commune, one per row, updated by code."""

from django.utils import timezone
from django.utils.translation import gettext as _

from khuyenhoc.spreadsheets import Column, as_text
from khuyenhoc.text import fold
from registry.imports.base import Cells, Context, Loader, Spec
from registry.models import Clan

FIELDS = ("name", "branch", "search_name", "representative")


def columns(context: Context) -> list[Column]:
    return [
        Column("code", "Mã dòng họ", ("Mã", "Mã họ"), required=True, text=True, width=12),
        Column("name", "Tên dòng họ", ("Dòng họ", "Tên họ", "Họ"), required=True, width=26),
        Column("branch", "Chi/phái", ("Chi", "Phái", "Chi, phái", "Chi họ"), width=16),
        Column("representative", "Người đại diện", ("Trưởng họ", "Trưởng tộc", "Đại diện"), width=24),
    ]


def example(context: Context) -> list:
    return ["DH001", "Dòng họ Nguyễn Văn", "Chi 2", "Nguyễn Văn Bình"]


class ClanLoader(Loader):
    def __init__(self, context: Context, report):
        super().__init__(context, report)
        self.columns = {column.key: column for column in columns(context)}
        self.seen: dict[str, int] = {}
        self.now = timezone.now()

    def records(self, rows):
        for row in rows:
            cells = Cells(row, self.columns, self.report)
            values = {
                "code": cells.get("code", as_text, required=True, max_length=30),
                "name": cells.get("name", as_text, required=True, max_length=150),
                "branch": cells.get("branch", as_text, max_length=100),
                "representative": cells.get("representative", as_text, max_length=150),
            }
            code = values["code"]
            if code and self.seen.setdefault(code, row.number) != row.number:
                cells.fail(
                    "code", _("The code %(code)s is also on row %(row)s.") % {"code": code, "row": self.seen[code]}
                )
            if not cells.bad:
                values["search_name"] = fold(f"{values['name']} {values['branch']}")
                yield row.number, values

    def flush(self, records, *, write: bool) -> None:
        if not records:
            return
        area = self.context.area
        existing = {c.code: c for c in Clan.objects.filter(area=area, code__in=[v["code"] for _n, v in records])}
        fresh, changed = [], []
        for number, values in records:
            clan = existing.get(values["code"])
            if clan is None:
                fresh.append(Clan(area=area, **values))
            elif clan.active_to is not None:
                self.report.add(number, self.columns["code"].header, _("This clan no longer counts; use another code."))
            elif any(getattr(clan, name) != values[name] for name in FIELDS):
                for name in FIELDS:
                    setattr(clan, name, values[name])
                clan.updated_at = self.now
                changed.append(clan)
            else:
                self.report.counts["clans_unchanged"] += 1
        self.report.counts["clans_created"] += len(fresh)
        self.report.counts["clans_updated"] += len(changed)
        if write:
            Clan.objects.bulk_create(fresh)
            Clan.objects.bulk_update(changed, [*FIELDS, "updated_at"])


SPEC = Spec(kind="clans", title="Dòng họ", columns=columns, example=example, loader=ClanLoader)

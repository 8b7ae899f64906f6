"""Bulk loads from the command line, with the checks of the web import:

    python manage.py import_registry --kind households --commune 13384 list.xlsx [--dry-run] [--on 30/06/2025]

Problems are printed one per line on stderr; the exit status is 1 when there is any (nothing is saved
then), 0 otherwise."""

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from areas.enums import Level
from areas.models import Area
from registry.enums import ImportKind
from registry.imports import SPECS, Context, run_import


def day(value: str) -> datetime.date:
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise ValueError(value)


class Command(BaseCommand):
    help = "Import the households, clans, units or villages of a commune from an .xlsx file."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--kind", required=True, choices=ImportKind.values)
        parser.add_argument(
            "--commune",
            required=True,
            help="The commune's code (for villages, any area's: the rows then name their communes).",
        )
        parser.add_argument("--on", type=day, help="The day whose map the code means (dd/mm/yyyy; default today).")
        parser.add_argument("--dry-run", action="store_true", help="Check the file and report, saving nothing.")

    def handle(self, *args, file: Path, kind: str, commune: str, on, dry_run: bool, **options):
        translation.activate("vi")
        if not file.is_file():
            raise CommandError(_("No file at %(path)s.") % {"path": file})
        day = on or timezone.localdate()
        levels = [Level.COMMUNE] if kind != ImportKind.VILLAGES else [Level.COMMUNE, Level.DISTRICT, Level.PROVINCE]
        area = Area.objects.filter(code=commune, level__in=levels).valid_on(day).first()
        if area is None:
            raise CommandError(
                _("No commune with the code %(code)s existed on %(day)s.") % {"code": commune, "day": f"{day:%d/%m/%Y}"}
            )
        report = run_import(SPECS[kind], str(file), Context(area=area, day=day), write=not dry_run)
        for problem in report.problems:
            self.stderr.write(str(problem))
        if report.problem_count > len(report.problems):
            self.stderr.write(_("… and %(count)s more.") % {"count": report.problem_count - len(report.problems)})
        self.stdout.write(_("%(area)s: %(rows)s rows read.") % {"area": area.name, "rows": report.rows})
        for label, count in report.summary():
            self.stdout.write(f"  {label}: {count}")
        if not report.ok:
            raise CommandError(
                ngettext(
                    "%(count)s problem found; nothing was saved.",
                    "%(count)s problems found; nothing was saved.",
                    report.problem_count,
                )
                % {"count": report.problem_count}
            )
        self.stdout.write(_("Checked; nothing was saved (--dry-run).") if dry_run else _("Imported."))

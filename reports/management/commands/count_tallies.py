from django.core.management.base import BaseCommand
from django.utils import timezone

from reports.selectors import programme_years
from reports.tallies import tally_refresh


class Command(BaseCommand):
    help = (
        "Count the dashboards' tallies again from the rows (the worker does it by itself when they are stale; "
        "this is for after a bulk load, or a nightly run)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, action="append", help="A year to count (default: all the years).")

    def handle(self, *args, **options):
        today = timezone.localdate()
        years = options["year"] or programme_years(today)
        tally_refresh(years=years, today=today)
        self.stdout.write(f"Đã tính lại số liệu tổng hợp các năm {', '.join(str(year) for year in years)}.")

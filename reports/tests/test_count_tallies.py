"""`manage.py count_tallies` counts the dashboards' tallies at once."""

from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from reports.models import Tally, TallyYear
from reports.tallies import freshness


def test_the_command_counts_the_years_asked_for(ledger):
    out = StringIO()
    call_command("count_tallies", "--year", "2026", "--year", "2024", stdout=out)
    assert "2026, 2024" in out.getvalue()
    assert set(TallyYear.objects.values_list("year", flat=True)) == {2024, 2026}
    assert Tally.objects.filter(year=2024, part="family.recognised", area=ledger.world.former_village).get().num == 1
    assert freshness((2024, 2026), timezone.localdate()).tallied

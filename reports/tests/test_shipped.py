"""The indicators and plans shipped in reports/data/."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command

from areas.services import official_units_load
from reports.enums import Computation
from reports.models import Indicator, Plan, Target
from reports.shipped import shipped_data_load


@pytest.mark.django_db
def test_every_indicator_of_the_plans_is_shipped_with_a_computation_and_a_description():
    shipped_data_load()
    indicators = list(Indicator.objects.all())
    assert len(indicators) == 9
    assert {i.computation for i in indicators} == set(Computation.values)
    assert all(i.numerator and i.denominator and i.unit for i in indicators)
    assert [i.code for i in indicators][:2] == ["members_trained", "families"]


@pytest.mark.django_db
def test_the_national_plan_loads_everywhere_and_marks_its_2030_targets_unconfirmed(capsys):
    call_command("load_report_data")
    assert "54/KH-UBND" in capsys.readouterr().err  # no Kim Bảng on this map: skipped, said so
    plan = Plan.objects.get(number="387/QĐ-TTg")
    assert plan.is_national and plan.date == datetime.date(2022, 3, 25)
    families = Target.objects.filter(plan=plan, indicator__code="families")
    assert {(t.year, t.value, t.unconfirmed) for t in families} == {(2025, 70, False), (2030, 80, True)}
    it = Target.objects.get(plan=plan, indicator__code="centre_staff_trained_it", year=2030)
    assert it.value == 60 and it.unconfirmed and "60–70%" in it.note
    assert not Target.objects.filter(plan=plan, indicator__code="chair_in_centre", year=2030).exists()


@pytest.mark.django_db
def test_loading_twice_changes_nothing_and_keeps_what_staff_edited():
    official_units_load(provinces=["35"])
    shipped_data_load()
    plan = Plan.objects.get(number="54/KH-UBND")
    assert plan.area.code == "350" and plan.issuer == "Ủy ban nhân dân huyện Kim Bảng"
    Target.objects.filter(plan=plan, indicator__code="families", year=2025).update(value=Decimal(94))
    report = shipped_data_load()
    assert report.plans_kept == ["387/QĐ-TTg", "54/KH-UBND"] and not report.plans_added
    assert Plan.objects.count() == 2 and Indicator.objects.count() == 9
    assert Target.objects.get(plan=plan, indicator__code="families", year=2025).value == 94

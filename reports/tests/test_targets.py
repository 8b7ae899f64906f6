"""The target of a year, its milestone, and the status rule."""

from decimal import Decimal

from reports.enums import Progress
from reports.targets import Point, gap, goal_for, progress

KIM_BANG_FAMILIES = [Point(2025, Decimal(93)), Point(2030, Decimal(97))]


def test_a_year_up_to_2025_is_held_to_the_2025_target_and_later_ones_to_2030():
    assert goal_for(KIM_BANG_FAMILIES, 2023, 2021).value == 93
    assert goal_for(KIM_BANG_FAMILIES, 2025, 2021).year == 2025
    assert goal_for(KIM_BANG_FAMILIES, 2027, 2021).value == 97
    # After the last target year, the last target stays.
    assert goal_for(KIM_BANG_FAMILIES, 2031, 2021).value == 97


def test_the_milestone_runs_straight_from_zero_the_year_before_the_period_then_between_targets():
    assert goal_for(KIM_BANG_FAMILIES, 2021, 2021).milestone == Decimal("18.6")
    assert goal_for(KIM_BANG_FAMILIES, 2024, 2021).milestone == Decimal("74.4")
    assert goal_for(KIM_BANG_FAMILIES, 2025, 2021).milestone == 93
    assert goal_for(KIM_BANG_FAMILIES, 2027, 2021).milestone == Decimal("94.6")


def test_a_yearly_step_set_by_the_plan_is_the_target_of_its_year_and_a_point_of_the_line():
    points = [*KIM_BANG_FAMILIES, Point(2023, Decimal(80))]
    assert goal_for(points, 2023, 2021).value == goal_for(points, 2023, 2021).milestone == 80
    assert goal_for(points, 2024, 2021).value == 93
    assert goal_for(points, 2024, 2021).milestone == Decimal("86.5")


def test_met_on_track_and_behind():
    goal = goal_for(KIM_BANG_FAMILIES, 2024, 2021)
    assert progress(Decimal(93), goal) == Progress.MET
    assert progress(Decimal("74.4"), goal) == Progress.ON_TRACK
    assert progress(Decimal("74.3"), goal) == Progress.BEHIND
    assert progress(None, goal) == progress(Decimal(50), None) == Progress.NONE
    assert gap(Decimal("80.5"), goal) == Decimal("-12.5")


def test_an_unconfirmed_target_says_so():
    goal = goal_for([Point(2030, Decimal(60), unconfirmed=True, note="60–70%")], 2027, 2021)
    assert goal.unconfirmed and goal.note == "60–70%"
    assert goal_for([], 2025, 2021) is None

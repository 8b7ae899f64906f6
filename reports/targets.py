"""What a plan expects of an indicator in a year, and how an actual figure stands against it.

- The target shown for a year is the plan's value for the first target year on or after it (the 2025
  target for 2021–2025, the 2030 target for 2026–2030; after the last, the last).
- The year's milestone is the plan's value for that year when it sets one (yearly steps), otherwise the
  straight line between the previous target year's value — or 0% in the year before the plan's period
  when there is none — and that target.
- Met: the actual reaches the target. On track: it reaches the milestone. Behind: neither.
"""

from dataclasses import dataclass
from decimal import Decimal

from reports.enums import Progress

# The years of the programme (Decision 387/QĐ-TTg).
PROGRAMME_START, PROGRAMME_END = 2021, 2030


@dataclass(frozen=True)
class Point:
    year: int
    value: Decimal
    unconfirmed: bool = False
    note: str = ""


@dataclass(frozen=True)
class Goal:
    year: int
    value: Decimal
    milestone: Decimal
    unconfirmed: bool = False
    note: str = ""


def goal_for(points: list[Point], year: int, period_start: int) -> Goal | None:
    """The goal for `year` from a plan's points for one indicator (any order)."""
    if not points:
        return None
    points = sorted(points, key=lambda point: point.year)
    target = next((point for point in points if point.year >= year), points[-1])
    exact = next((point for point in points if point.year == year), None)
    if exact is not None or target.year < year:
        milestone = (exact or target).value
    else:
        before = [point for point in points if point.year < year]
        start_year, start_value = (before[-1].year, before[-1].value) if before else (period_start - 1, Decimal(0))
        milestone = start_value + (target.value - start_value) * (year - start_year) / (target.year - start_year)
    return Goal(
        year=target.year,
        value=target.value,
        milestone=milestone.quantize(Decimal("0.1")),
        unconfirmed=target.unconfirmed,
        note=target.note,
    )


def progress(actual: Decimal | None, goal: Goal | None) -> str:
    if actual is None or goal is None:
        return Progress.NONE
    if actual >= goal.value:
        return Progress.MET
    if actual >= goal.milestone:
        return Progress.ON_TRACK
    return Progress.BEHIND


def gap(actual: Decimal | None, goal: Goal | None) -> Decimal | None:
    """Percentage points above (+) or below (−) the target."""
    if actual is None or goal is None:
        return None
    return actual - goal.value

"""Writes: target plans and their targets (programme staff), and the figures communes enter for the
indicators that rest on work the software does not model yet."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from areas.models import Area
from khuyenhoc.text import clean
from reports.enums import Computation
from reports.models import Indicator, ManualFigure, Plan, Target
from reports.targets import PROGRAMME_END, PROGRAMME_START


class ReportError(Exception):
    """A change the rules refuse; the message is for the user."""


def _check_period(start: int, end: int) -> None:
    if not (PROGRAMME_START - 10 <= start <= end <= PROGRAMME_END + 10):
        raise ReportError(_("The plan's first year must come before its last year."))


@transaction.atomic
def plan_create(
    *,
    by,
    issuer: str,
    number: str,
    date: datetime.date,
    title: str,
    area: Area | None,
    period_start: int = PROGRAMME_START,
    period_end: int = PROGRAMME_END,
    note: str = "",
) -> Plan:
    _check_period(period_start, period_end)
    base = slugify(f"{number} {date.year}") or "ke-hoach"
    code, suffix = base, 2
    while Plan.objects.filter(code=code).exists():
        code, suffix = f"{base}-{suffix}", suffix + 1
    return Plan.objects.create(
        code=code,
        issuer=clean(issuer),
        number=clean(number),
        date=date,
        title=clean(title),
        area=area,
        period_start=period_start,
        period_end=period_end,
        note=clean(note),
        updated_by=by,
    )


@transaction.atomic
def plan_update(*, by, plan: Plan, issuer: str, number: str, date: datetime.date, title: str, note: str = "") -> Plan:
    plan.issuer, plan.number, plan.date, plan.title, plan.note = (
        clean(issuer),
        clean(number),
        date,
        clean(title),
        clean(note),
    )
    plan.updated_by = by
    plan.save(update_fields=["issuer", "number", "date", "title", "note", "updated_by", "updated_at"])
    return plan


@transaction.atomic
def targets_save(*, by, plan: Plan, values: dict[tuple[str, int], tuple[Decimal, bool] | None]) -> int:
    """Set the plan's targets: {(indicator code, year): (percent, unconfirmed)}, None to remove one.
    A kept target keeps its note. Returns how many targets changed."""
    indicators = {indicator.code: indicator for indicator in Indicator.objects.all()}
    existing = {(t.indicator.code, t.year): t for t in plan.targets.select_related("indicator")}
    changed = 0
    for (code, year), value in values.items():
        if code not in indicators:
            raise ReportError(_("Unknown indicator: %(code)s") % {"code": code})
        if not plan.period_start <= year <= plan.period_end:
            raise ReportError(_("%(year)s is outside the plan's period.") % {"year": year})
        target = existing.get((code, year))
        if value is None:
            if target:
                target.delete()
                changed += 1
            continue
        percent, unconfirmed = value
        if not Decimal(0) <= percent <= Decimal(100):
            raise ReportError(_("A target is a percentage between 0 and 100."))
        if target is None:
            Target.objects.create(
                plan=plan, indicator=indicators[code], year=year, value=percent, unconfirmed=unconfirmed
            )
            changed += 1
        elif (target.value, target.unconfirmed) != (percent, unconfirmed):
            target.value, target.unconfirmed = percent, unconfirmed
            target.save(update_fields=["value", "unconfirmed"])
            changed += 1
    if changed:
        plan.updated_by = by
        plan.save(update_fields=["updated_by", "updated_at"])
    return changed


@transaction.atomic
def figures_save(*, by, area: Area, year: int, values: dict[str, tuple[int, int, str] | None]) -> int:
    """Set the entered figures of a commune for a year: {indicator code: (counted, out of, source)}, None
    to remove one. Returns how many changed."""
    if not PROGRAMME_START <= year <= PROGRAMME_END:
        raise ReportError(_("The programme runs from 2021 to 2030."))
    indicators = {i.code: i for i in Indicator.objects.filter(computation=Computation.MANUAL)}
    existing = {
        f.indicator.code: f for f in ManualFigure.objects.filter(area=area, year=year).select_related("indicator")
    }
    changed = 0
    for code, value in values.items():
        if code not in indicators:
            raise ReportError(_("%(code)s is not an indicator entered by hand.") % {"code": code})
        figure = existing.get(code)
        if value is None:
            if figure:
                figure.delete()
                changed += 1
            continue
        numerator, denominator, source = value
        source = clean(source)
        if numerator > denominator:
            raise ReportError(_("The number counted cannot exceed the total."))
        if not source:
            raise ReportError(_("Say where each figure comes from."))
        if figure is None:
            ManualFigure.objects.create(
                indicator=indicators[code],
                area=area,
                year=year,
                numerator=numerator,
                denominator=denominator,
                source=source,
                updated_by=by,
            )
            changed += 1
        elif (figure.numerator, figure.denominator, figure.source) != (numerator, denominator, source):
            figure.numerator, figure.denominator, figure.source, figure.updated_by = numerator, denominator, source, by
            figure.save(update_fields=["numerator", "denominator", "source", "updated_by", "updated_at"])
            changed += 1
    return changed

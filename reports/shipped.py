"""The indicator definitions and target plans shipped in reports/data/, loaded idempotently: indicators
follow the files (they describe what the code computes); a plan already in the database is left as
programme staff may have edited it, and only missing plans are added."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import yaml
from django.db import transaction

from areas.models import Area
from reports.enums import Computation, IndicatorGroup
from reports.models import Indicator, Plan, Target

DATA = Path(__file__).resolve().parent / "data"


@dataclass
class LoadReport:
    indicators: int = 0
    plans_added: list[str] = field(default_factory=list)
    plans_kept: list[str] = field(default_factory=list)
    # Plans whose area is not on the map of this database (e.g. a district not loaded).
    plans_skipped: list[str] = field(default_factory=list)


def _read(name: str) -> list[dict]:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


@transaction.atomic
def shipped_data_load() -> LoadReport:
    report = LoadReport()
    indicators = {}
    for position, row in enumerate(_read("indicators.yaml"), start=1):
        indicators[row["code"]], _created = Indicator.objects.update_or_create(
            code=row["code"],
            defaults={
                "position": position,
                "group": IndicatorGroup(row["group"]),
                "computation": Computation(row["computation"]),
                "name": row["name"],
                "short_name": row["short_name"],
                "numerator": row["numerator"],
                "denominator": row["denominator"],
                "notes": row.get("notes", ""),
                "unit": row["unit"],
            },
        )
    report.indicators = len(indicators)
    existing = set(Plan.objects.values_list("code", flat=True))
    for row in _read("plans.yaml"):
        if row["code"] in existing:
            report.plans_kept.append(row["number"])
            continue
        area = None
        if row["area"]:
            area = Area.objects.filter(code=row["area"]["code"], valid_from=row["area"]["valid_from"]).first()
            if area is None:
                report.plans_skipped.append(row["number"])
                continue
        start, end = row["period"]
        plan = Plan.objects.create(
            code=row["code"],
            issuer=row["issuer"],
            number=row["number"],
            date=row["date"] if isinstance(row["date"], datetime.date) else datetime.date.fromisoformat(row["date"]),
            title=" ".join(row["title"].split()),
            area=area,
            period_start=start,
            period_end=end,
            note=" ".join(row.get("note", "").split()),
        )
        Target.objects.bulk_create(
            Target(plan=plan, indicator=indicators[code], year=year, **_target(value))
            for code, years in row["targets"].items()
            for year, value in years.items()
        )
        report.plans_added.append(plan.number)
    return report


def _target(value) -> dict:
    if isinstance(value, dict):
        return {
            "value": Decimal(str(value["value"])),
            "unconfirmed": value.get("unconfirmed", False),
            "note": value.get("note", ""),
        }
    return {"value": Decimal(str(value))}

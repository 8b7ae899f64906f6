"""The demo's progress reports: the shipped indicators and target plans, and the figures communes enter by
hand for the indicators that rest on work the software does not keep yet (training of the Hội's members,
the learning centre) for 2021–2026. Figures of 2021–2025 sit on the communes of each year's map, those of
2026 on today's wards, so the reports have to move them; each commune keeps its own pace, so some reach
the plans' targets early and some do not. Deterministic for the generator's rng."""

import random
from dataclasses import dataclass

from django.utils import timezone

from areas.enums import Level
from areas.models import Area
from demo.places import KIM_BANG, DemoMap
from reports.enums import Computation
from reports.indicators import map_day
from reports.models import Indicator, ManualFigure
from reports.shipped import shipped_data_load

YEARS = range(2021, 2027)
SOURCE = "Báo cáo năm {year} của Hội Khuyến học {commune} (số liệu mô phỏng)"


@dataclass
class Pace:
    members: int
    trained: float
    trained_gain: float
    chair: float
    staff: int
    it: float
    it_gain: float

    def at(self, share: float, gain: float, year: int) -> float:
        return min(1.0, share + gain * (year - YEARS[0]))


def _pace(rng: random.Random, scale: int) -> Pace:
    return Pace(
        members=rng.randint(60, 220) * scale,
        trained=rng.uniform(0.55, 0.9),
        trained_gain=rng.uniform(0.02, 0.1),
        chair=rng.uniform(0.6, 1.0),
        staff=rng.randint(4, 12) * scale,
        it=rng.uniform(0.15, 0.45),
        it_gain=rng.uniform(0.03, 0.1),
    )


def build_reports(rng: random.Random, demo_map: DemoMap) -> int:
    """Load the indicators and plans, then the entered figures; returns how many figures were made."""
    shipped_data_load()
    indicators = {i.code: i for i in Indicator.objects.filter(computation=Computation.MANUAL)}
    district = Area.objects.get(code=KIM_BANG, valid_from__isnull=True)
    today = timezone.localdate()
    paces: dict[str, Pace] = {}
    figures = []
    for year in YEARS:
        if year == YEARS[-1]:
            communes = demo_map.wards
        else:
            communes = list(
                Area.objects.under(district).valid_on(map_day(year, today)).at_level(Level.COMMUNE).order_by("code")
            )
        for commune in communes:
            pace = paces.setdefault(commune.name, _pace(rng, 3 if commune in demo_map.wards else 1))
            source = SOURCE.format(year=year, commune=commune.name_on(map_day(year, today)))
            members = pace.members + rng.randint(-5, 5)
            staff = pace.staff
            values = {
                "members_trained": (round(members * pace.at(pace.trained, pace.trained_gain, year)), members),
                "chair_in_centre": (1 if rng.random() < pace.at(pace.chair, 0.05, year) else 0, 1),
                "centre_staff_trained_it": (round(staff * pace.at(pace.it, pace.it_gain, year)), staff),
            }
            figures += [
                ManualFigure(
                    indicator=indicators[code],
                    area=commune,
                    year=year,
                    numerator=numerator,
                    denominator=denominator,
                    source=source,
                )
                for code, (numerator, denominator) in values.items()
            ]
    ManualFigure.objects.bulk_create(figures)
    return len(figures)

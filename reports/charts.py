"""Trend charts drawn on the server as SVG: no script, the same markup on the page and in the PDF, and
legible in black and white (plans differ by dash pattern and marker, estimates by hollow dots)."""

from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from reports.indicators import Figure
from reports.models import Indicator, Plan
from reports.targets import PROGRAMME_END, PROGRAMME_START, Point

WIDTH, HEIGHT = 340, 200
LEFT, RIGHT, TOP, PLOT_BOTTOM = 34, 12, 14, 150
DASHES = ["7 4", "2 3", "10 3 2 3"]
MARKERS = ["M0,-4 L4,0 L0,4 L-4,0 Z", "M-3.5,-3.5 H3.5 V3.5 H-3.5 Z", "M0,-4.5 L4,3 H-4 Z"]
ACTUAL = "#1b4f8a"
TARGET = "#444"


def _x(year: int) -> float:
    return LEFT + (year - PROGRAMME_START) * (WIDTH - LEFT - RIGHT) / (PROGRAMME_END - PROGRAMME_START)


def _y(percent: Decimal | float) -> float:
    return PLOT_BOTTOM - float(percent) * (PLOT_BOTTOM - TOP) / 100


def _number(value: Decimal) -> str:
    return number_format(value.normalize() if value == value.to_integral() else value, 1 if value % 1 else 0)


def trend_svg(
    indicator: Indicator, points: list[tuple[int, Figure | None]], steps: list[tuple[Plan, list[Point]]]
) -> SafeString:
    """The actual percentage year by year, and each plan's targets as a dashed level over the years each
    target covers (2021–2025 at the 2025 target, 2026–2030 at the 2030 target), marked at the target year."""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" class="trend" role="img" '
        f'aria-label="{escape(indicator.short_name)}" font-family="Liberation Sans, Arial, sans-serif" font-size="10">',
        f"<title>{escape(indicator.name)}</title>",
    ]
    for level in (0, 25, 50, 75, 100):
        y = _y(level)
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="#ccc" stroke-width="0.6"/>'
        )
        parts.append(f'<text x="{LEFT - 4}" y="{y + 3:.1f}" text-anchor="end" fill="#333">{level}%</text>')
    for year in range(PROGRAMME_START, PROGRAMME_END + 1):
        parts.append(f'<text x="{_x(year):.1f}" y="{PLOT_BOTTOM + 13}" text-anchor="middle" fill="#333">{year}</text>')
    for number, (plan, targets) in enumerate(steps[: len(DASHES)]):
        parts += _target_steps(plan, targets, number)
    known = [(year, figure) for year, figure in points if figure is not None and figure.percent is not None]
    if known:
        path = " ".join(f"{_x(year):.1f},{_y(figure.percent):.1f}" for year, figure in known)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{ACTUAL}" stroke-width="2.2"/>')
        for year, figure in known:
            fill = ACTUAL if figure.exact else "#fff"
            parts.append(
                f'<circle cx="{_x(year):.1f}" cy="{_y(figure.percent):.1f}" r="3.2" fill="{fill}" stroke="{ACTUAL}" '
                f'stroke-width="1.5"><title>{year}: {_number(figure.percent)}%</title></circle>'
            )
        year, figure = known[-1]
        parts.append(
            f'<text x="{_x(year):.1f}" y="{_y(figure.percent) - 7:.1f}" text-anchor="middle" fill="{ACTUAL}" '
            f'font-weight="bold">{_number(figure.percent)}%</text>'
        )
    else:
        empty = escape(_("No data yet"))
        parts.append(
            f'<text x="{(LEFT + WIDTH - RIGHT) / 2:.1f}" y="{(TOP + PLOT_BOTTOM) / 2:.1f}" text-anchor="middle" '
            f'fill="#666">{empty}</text>'
        )
    parts += _legend(steps)
    parts.append("</svg>")
    return mark_safe("".join(parts))


def _target_steps(plan: Plan, targets: list[Point], number: int) -> list[str]:
    parts = []
    start = plan.period_start
    for point in sorted(targets, key=lambda point: point.year):
        y = _y(point.value)
        x1, x2 = _x(max(start, PROGRAMME_START)), _x(min(point.year, PROGRAMME_END))
        parts.append(
            f'<line x1="{x1:.1f}" y1="{y:.1f}" x2="{x2:.1f}" y2="{y:.1f}" '
            f'stroke="{TARGET}" stroke-width="1.3" stroke-dasharray="{DASHES[number]}"/>'
        )
        if PROGRAMME_START <= point.year <= PROGRAMME_END:
            parts.append(
                f'<path d="{MARKERS[number]}" transform="translate({_x(point.year):.1f},{y:.1f})" fill="{TARGET}">'
                f"<title>{escape(plan.number)} {point.year}: {_number(point.value)}%</title></path>"
            )
        start = point.year + 1
    return parts


def _legend(steps: list[tuple[Plan, list[Point]]]) -> list[str]:
    """One entry for the actual line, one per plan, three to a line under the plot."""
    entries = [(_("Actual"), ACTUAL, "2.2", "")]
    entries += [(plan.number, TARGET, "1.3", DASHES[n]) for n, (plan, _targets) in enumerate(steps[: len(DASHES)])]
    parts = []
    for n, (label, colour, width, dashes) in enumerate(entries):
        x, y = LEFT + 100 * (n % 3), PLOT_BOTTOM + 30 + 14 * (n // 3)
        dash = f' stroke-dasharray="{dashes}"' if dashes else ""
        parts.append(
            f'<line x1="{x}" y1="{y - 3}" x2="{x + 18}" y2="{y - 3}" stroke="{colour}" stroke-width="{width}"{dash}/>'
        )
        parts.append(f'<text x="{x + 22}" y="{y}" fill="#222">{escape(label)}</text>')
    return parts

from decimal import Decimal

from django import template

from criteria.engine import points_text

register = template.Library()


@register.filter
def points(value: Decimal | None) -> str:
    """10.00 → "10", 4.50 → "4,5": points as people write them."""
    return points_text(value)

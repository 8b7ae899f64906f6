"""Materialised paths: every area stores the ids of its ancestors and itself, fixed-width, as
"00000001/00000042/00000317/". A subtree is then one range on an indexed column, and the ancestor at
any depth is a fixed-length prefix — what reports GROUP BY, in SQL, on both engines."""

from collections.abc import Iterable

from django.db.models import Q

SEGMENT_WIDTH = 9  # 8 digits and a slash


def segment(pk: int) -> str:
    return f"{pk:08d}/"


def ids(path: str) -> list[int]:
    return [int(part) for part in path.split("/") if part]


def upper_bound(prefix: str) -> str:
    """The smallest string above every path under `prefix`: its final "/" raised to "0"."""
    return prefix[:-1] + "0"


def subtree_q(prefixes: Iterable[str], field: str = "path") -> Q:
    """Rows whose `field` lies under any of the prefixes; an empty list matches nothing."""
    condition = Q(pk__in=[])
    for prefix in outermost(prefixes):
        condition |= Q(**{f"{field}__gte": prefix, f"{field}__lt": upper_bound(prefix)})
    return condition


def outermost(prefixes: Iterable[str]) -> list[str]:
    """The prefixes that no other prefix contains (a subtree inside another adds nothing)."""
    kept: list[str] = []
    for prefix in sorted(set(prefixes)):
        if not kept or not prefix.startswith(kept[-1]):
            kept.append(prefix)
    return kept

"""Reads over the map that are more than one filter."""

import datetime
from collections import deque

from areas.enums import SuccessionKind
from areas.models import Area, Succession


def predecessors(area: Area, *, full_only: bool = False) -> list[Area]:
    """Every area that became (part of) `area`, through any chain of successions, oldest last."""
    return _walk(area, backwards=True, full_only=full_only)


def successors(area: Area, *, full_only: bool = False) -> list[Area]:
    """Every area that `area` (or a part of it) became, through any chain of successions."""
    return _walk(area, backwards=False, full_only=full_only)


def _walk(area: Area, *, backwards: bool, full_only: bool) -> list[Area]:
    seen: dict[int, Area] = {}
    queue = deque([area.pk])
    link, target = ("successor", "predecessor") if backwards else ("predecessor", "successor")
    while queue:
        step = Succession.objects.filter(**{f"{link}_id__in": list(queue)}).select_related(target)
        if full_only:
            step = step.filter(kind=SuccessionKind.FULL)
        queue.clear()
        for succession in step:
            found = getattr(succession, target)
            if found.pk not in seen and found.pk != area.pk:
                seen[found.pk] = found
                queue.append(found.pk)
    return list(seen.values())


def successor_on(area: Area, day: datetime.date) -> list[Area]:
    """The areas in force on `day` that `area` became (itself if it is still in force)."""
    if area.is_valid_on(day):
        return [area]
    return [found for found in successors(area) if found.is_valid_on(day)]


def children_on(area: Area, day: datetime.date):
    return area.children.valid_on(day).order_by("code", "name")

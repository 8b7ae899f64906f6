"""The criteria engine's view of a campaign's set, built once per published version and reused: a
published set never changes, so its rules can be kept for the life of the process."""

from decimal import Decimal

from criteria.engine import Reason, RuleSet
from criteria.models import CriteriaSet
from criteria.selectors import effective_set

_CACHE: dict[tuple[int, str], RuleSet] = {}
_CACHE_SIZE = 64


def rules_for(criteria_set: CriteriaSet) -> RuleSet:
    """The effective rules of a published set (drafts are never cached: they still change)."""
    if criteria_set.published_at is None:
        return effective_set(criteria_set)
    key = (criteria_set.pk, criteria_set.published_at.isoformat())
    if key not in _CACHE:
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = effective_set(criteria_set)
    return _CACHE[key]


def reasons_to_json(reasons) -> list[dict]:
    """Reasons as stored with an assessment: their data, so they are worded in the reader's language."""
    return [
        {
            "code": r.code,
            "item": r.item,
            "score": None if r.score is None else str(r.score),
            "required": None if r.required is None else str(r.required),
            "label": r.label,
            "level": r.level,
        }
        for r in reasons
    ]


def reasons_from_json(data: list[dict]) -> list[Reason]:
    return [
        Reason(
            code=d["code"],
            item=d.get("item", ""),
            score=None if d.get("score") is None else Decimal(d["score"]),
            required=None if d.get("required") is None else Decimal(d["required"]),
            label=d.get("label", ""),
            level=d.get("level"),
        )
        for d in data
    ]

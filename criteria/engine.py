"""The rules engine: a criteria set as plain data, and the one function that turns a subject's item scores
into an outcome with its reasons.

Everything that shows an outcome (the editor's preview, the what-if, assessments, reports) calls
`evaluate`; nothing recomputes a total elsewhere. The data is built once — from the database by
`criteria.selectors.effective_set`, or from a YAML file — and is then evaluated against any number of
subjects without touching the database. Arithmetic is Decimal throughout: 84.99 stays under 85.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation

from django.utils import formats
from django.utils.translation import gettext as _

from criteria.enums import ReasonCode, Rule

ZERO = Decimal(0)


@dataclass(frozen=True)
class Item:
    code: str
    text: str
    max_points: Decimal
    # The item's own floor (point sets) or the value that meets its target (level sets).
    minimum: Decimal | None = None
    mandatory: bool = False
    # Points given without evidence attached need a written explanation (assessments enforce it).
    evidence_required: bool = False
    # Level sets: the level whose target this item states.
    level: int | None = None
    target: str = ""
    # The forms (variant keys) the item belongs to; empty: every form.
    variants: frozenset[str] = frozenset()
    guidance: str = ""
    evidence: str = ""
    placeholder: bool = False
    # Who added the item when it comes from a local extension; empty for the set it all starts from.
    origin: str = ""
    id: int | None = None

    @property
    def local(self) -> bool:
        return bool(self.origin)

    @property
    def variant_list(self) -> list[str]:
        return sorted(self.variants)

    def applies_to(self, variant: str | None) -> bool:
        return not self.variants or variant in self.variants


@dataclass(frozen=True)
class Group:
    code: str
    title: str
    points: Decimal | None = None
    items: tuple[Item, ...] = ()
    placeholder: bool = False
    origin: str = ""
    id: int | None = None

    @property
    def local(self) -> bool:
        return bool(self.origin)


@dataclass(frozen=True)
class Band:
    """A grade for totals in [low, high); the top band also takes a total equal to its high."""

    label: str
    low: Decimal
    high: Decimal
    passes: bool = True


@dataclass(frozen=True)
class Level:
    number: int
    name: str


@dataclass(frozen=True)
class Variant:
    key: str
    label: str


@dataclass(frozen=True)
class RuleSet:
    """What evaluation needs of a set. A local extension on its own leaves unset what it inherits
    (None, or empty bands) until `extend` merges it onto its base."""

    rule: str
    total: Decimal | None = None
    pass_mark: Decimal | None = None
    item_floor: Decimal | None = None
    bands: tuple[Band, ...] = ()
    levels: tuple[Level, ...] = ()
    variants: tuple[Variant, ...] = ()
    groups: tuple[Group, ...] = ()

    def all_items(self) -> list[Item]:
        return [item for group in self.groups for item in group.items]

    def items(self, variant: str | None = None) -> list[Item]:
        """The items of one form. A set without variants ignores `variant` (callers may always pass the
        subject's labour group); a set with variants needs one of its own."""
        if not self.variants:
            return self.all_items()
        keys = [v.key for v in self.variants]
        if variant not in keys:
            raise InvalidScores([_("Choose one of the forms: %(forms)s.") % {"forms": ", ".join(keys)}])
        return [item for item in self.all_items() if item.applies_to(variant)]

    def floor(self, item: Item) -> Decimal | None:
        """The least score an item may have in a point set: its own minimum or the set's floor."""
        floors = [value for value in (item.minimum, self.item_floor) if value is not None]
        return max(floors) if floors else None

    def required(self, item: Item) -> Decimal:
        """What a mandatory item or a level target needs: its floor (or minimum), else full marks."""
        needed = item.minimum if self.rule == Rule.LEVELS else self.floor(item)
        return item.max_points if needed is None else needed


@dataclass(frozen=True)
class Reason:
    code: str
    item: str = ""
    score: Decimal | None = None
    required: Decimal | None = None
    label: str = ""
    level: int | None = None

    @property
    def message(self) -> str:
        params = {
            "item": self.item,
            "score": points_text(self.score),
            "required": points_text(self.required),
            "label": self.label,
            "level": self.level,
        }
        return _MESSAGES[self.code]() % params


_MESSAGES = {
    ReasonCode.NOT_SCORED: lambda: _("Item %(item)s has no score."),
    ReasonCode.MANDATORY_FAILED: lambda: _("Mandatory item %(item)s has %(score)s; it needs %(required)s."),
    ReasonCode.BELOW_FLOOR: lambda: _("Item %(item)s has %(score)s, under its floor of %(required)s."),
    ReasonCode.BELOW_PASS_MARK: lambda: _("The total %(score)s is under the pass mark of %(required)s."),
    ReasonCode.BELOW_BANDS: lambda: _("The total %(score)s is under the lowest grade, %(label)s (%(required)s)."),
    ReasonCode.FAILING_BAND: lambda: _("The total %(score)s falls in the grade %(label)s, which does not pass."),
    ReasonCode.TARGET_MISSED: lambda: _("Target %(item)s of %(label)s is not met: %(score)s of %(required)s."),
}


def points_text(value: Decimal | None) -> str:
    """84.50 → "84,5" in Vietnamese, "84.5" in English; whole numbers without decimals."""
    if value is None:
        return ""
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return formats.number_format(Decimal(text))


@dataclass(frozen=True)
class Outcome:
    passed: bool
    total: Decimal
    # The band reached (band sets) or the level reached (level sets), only when passed.
    grade: str = ""
    level: int | None = None
    level_name: str = ""
    reasons: tuple[Reason, ...] = ()

    @property
    def label(self) -> str:
        if not self.passed:
            return _("Not passed")
        return self.grade or self.level_name or _("Passed")

    @property
    def messages(self) -> list[str]:
        return [reason.message for reason in self.reasons]


class InvalidScores(ValueError):
    """Scores that cannot be evaluated (over the maximum, negative, unknown item, no form chosen). They
    are refused, never clipped; the messages are for the user."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def _to_decimal(value: object) -> Decimal:
    """A score as Decimal; floats go through their shortest text form so 84.99 stays 84.99."""
    if isinstance(value, bool):
        raise InvalidOperation
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    if not number.is_finite():
        raise InvalidOperation
    return number


def _checked(items: list[Item], rules: RuleSet, scores: Mapping[str, object]) -> dict[str, Decimal]:
    known = {item.code: item for item in items}
    every = {item.code for item in rules.all_items()}
    problems, checked = [], {}
    for code, value in scores.items():
        if code not in every:
            problems.append(_("There is no item %(item)s in this set.") % {"item": code})
            continue
        if code not in known:
            problems.append(_("Item %(item)s is not part of this form.") % {"item": code})
            continue
        try:
            score = _to_decimal(value)
        except (InvalidOperation, ValueError, TypeError):
            problems.append(_("The score of %(item)s is not a number.") % {"item": code})
            continue
        if score < ZERO:
            problems.append(_("The score of %(item)s is below zero.") % {"item": code})
        elif score > known[code].max_points:
            problems.append(
                _("The score of %(item)s is %(score)s, above its maximum of %(max)s.")
                % {"item": code, "score": points_text(score), "max": points_text(known[code].max_points)}
            )
        else:
            checked[code] = score
    if problems:
        raise InvalidScores(problems)
    return checked


def evaluate(rules: RuleSet, scores: Mapping[str, object], variant: str | None = None) -> Outcome:
    """The outcome of one subject: `scores` maps item codes to points (missing: not scored yet).

    Raises InvalidScores for scores it cannot judge; any set that passes `criteria.validation` and any
    valid scores give an Outcome.
    """
    items = rules.items(variant)
    checked = _checked(items, rules, scores)
    total = sum(checked.values(), ZERO)
    reasons = [Reason(ReasonCode.NOT_SCORED, item=item.code) for item in items if item.code not in checked]
    for item in items:
        needed = rules.required(item)
        if item.mandatory and item.code in checked and checked[item.code] < needed:
            reasons.append(
                Reason(ReasonCode.MANDATORY_FAILED, item=item.code, score=checked[item.code], required=needed)
            )
    failed = bool(reasons)
    if rules.rule == Rule.LEVELS:
        return _levels(rules, items, checked, total, reasons, failed)
    for item in items:
        floor = rules.floor(item)
        if not item.mandatory and floor is not None and item.code in checked and checked[item.code] < floor:
            reasons.append(Reason(ReasonCode.BELOW_FLOOR, item=item.code, score=checked[item.code], required=floor))
    if rules.rule == Rule.BANDS:
        return _bands(rules, total, reasons)
    if rules.pass_mark is not None and total < rules.pass_mark:
        reasons.append(Reason(ReasonCode.BELOW_PASS_MARK, score=total, required=rules.pass_mark))
    return Outcome(passed=not reasons, total=total, reasons=tuple(reasons))


def _bands(rules: RuleSet, total: Decimal, reasons: list[Reason]) -> Outcome:
    ordered = sorted(rules.bands, key=lambda band: band.low)
    band = next((b for b in reversed(ordered) if b.low <= total), None)
    if band is None:
        lowest = next((b for b in ordered if b.passes), None)
        reasons.append(
            Reason(
                ReasonCode.BELOW_BANDS,
                score=total,
                required=lowest.low if lowest else None,
                label=lowest.label if lowest else "",
            )
        )
    elif not band.passes:
        reasons.append(Reason(ReasonCode.FAILING_BAND, score=total, label=band.label))
    passed = not reasons
    return Outcome(passed=passed, total=total, grade=band.label if passed and band else "", reasons=tuple(reasons))


def _levels(
    rules: RuleSet, items: list[Item], checked: dict[str, Decimal], total: Decimal, reasons: list[Reason], failed: bool
) -> Outcome:
    reached: Level | None = None
    for level in sorted(rules.levels, key=lambda lv: lv.number):
        missed = [
            item
            for item in items
            if item.level is not None
            and item.level <= level.number
            and item.code in checked
            and checked[item.code] < rules.required(item)
        ]
        unscored = any(
            item.level is not None and item.level <= level.number and item.code not in checked for item in items
        )
        if missed or unscored:
            # Lower levels are all met here, so these are the targets of the first level not reached.
            reasons.extend(
                Reason(
                    ReasonCode.TARGET_MISSED,
                    item=item.code,
                    score=checked[item.code],
                    required=rules.required(item),
                    label=level.name,
                    level=level.number,
                )
                for item in missed
            )
            break
        reached = level
    passed = not failed and reached is not None
    return Outcome(
        passed=passed,
        total=total,
        level=reached.number if passed else None,
        level_name=reached.name if passed else "",
        reasons=tuple(reasons),
    )


def extend(base: RuleSet, local: RuleSet, origin: str) -> RuleSet:
    """The effective set of a local extension: the base with the local groups and items added (marked
    with `origin`), and the local thresholds where the extension sets them. Whether the extension only
    raises thresholds is `criteria.validation.extension_problems`'s question; this only merges."""
    groups = {group.code: group for group in base.groups}
    added: list[Group] = []
    for group in local.groups:
        items = tuple(replace(item, origin=origin) for item in group.items)
        if group.code in groups:
            kept = groups[group.code]
            points = None if kept.points is None or group.points is None else kept.points + group.points
            groups[group.code] = replace(kept, items=kept.items + items, points=points)
        else:
            added.append(replace(group, items=items, origin=origin))
    levels = {level.number: level for level in base.levels}
    for level in local.levels:
        levels.setdefault(level.number, level)
    return RuleSet(
        rule=base.rule,
        total=local.total if local.total is not None else base.total,
        pass_mark=local.pass_mark if local.pass_mark is not None else base.pass_mark,
        item_floor=local.item_floor if local.item_floor is not None else base.item_floor,
        bands=local.bands or base.bands,
        levels=tuple(sorted(levels.values(), key=lambda lv: lv.number)),
        variants=base.variants,
        groups=(*groups.values(), *added),
    )


@dataclass
class Tally:
    """How many of a batch of subjects passed, and with which grade or level."""

    subjects: int = 0
    passed: int = 0
    by_label: dict[str, int] = field(default_factory=dict)

    def add(self, outcome: Outcome) -> None:
        self.subjects += 1
        self.passed += outcome.passed
        self.by_label[outcome.label] = self.by_label.get(outcome.label, 0) + 1

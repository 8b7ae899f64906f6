"""Whether a set can be published: points add up, bands cover the range, every level has targets; and
whether a local extension only adds and raises. Works on the plain data of `criteria.engine`, so the
editor, the importer, publishing and the what-if command all ask the same questions.

Each problem is a message for the user that names the item, group, band or level it is about.
"""

from collections import Counter
from decimal import Decimal
from itertools import pairwise

from django.utils.translation import gettext as _

from criteria.engine import ZERO, RuleSet, points_text
from criteria.enums import LabourGroup, Rule, Title


def problems(rules: RuleSet, *, title: str | None = None) -> list[str]:
    """Everything that stops `rules` (an effective set) from being published; empty when it may be."""
    found = _codes(rules) + _variants(rules, title) + _items(rules)
    if rules.rule == Rule.LEVELS:
        found += _levels(rules)
    else:
        found += _points(rules)
        found += _bands(rules) if rules.rule == Rule.BANDS else _pass_mark(rules)
    return found


def _forms(rules: RuleSet) -> list[tuple[str | None, str]]:
    """(variant key, how to name it in a message); one unnamed form for a set without variants."""
    if not rules.variants:
        return [(None, "")]
    return [(v.key, " " + _("(form “%(form)s”)") % {"form": v.label}) for v in rules.variants]


def _codes(rules: RuleSet) -> list[str]:
    found = []
    for code, count in Counter(group.code for group in rules.groups).items():
        if count > 1:
            found.append(_("Group %(group)s appears %(count)s times.") % {"group": code, "count": count})
    for code, count in Counter(item.code for item in rules.all_items()).items():
        if count > 1:
            found.append(_("Item %(item)s appears %(count)s times.") % {"item": code, "count": count})
    if not rules.all_items():
        found.append(_("The set has no items."))
    return found


def _variants(rules: RuleSet, title: str | None) -> list[str]:
    keys = [v.key for v in rules.variants]
    found = [
        _("The form %(form)s is declared %(count)s times.") % {"form": key, "count": count}
        for key, count in Counter(keys).items()
        if count > 1
    ]
    if title == Title.CITIZEN:
        found += [
            _("The form %(form)s is not a labour group (%(groups)s).")
            % {"form": key, "groups": ", ".join(LabourGroup.values)}
            for key in keys
            if key not in LabourGroup.values
        ]
    for item in rules.all_items():
        unknown = sorted(item.variants - set(keys))
        if unknown:
            found.append(
                _("Item %(item)s names forms the set does not declare: %(forms)s.")
                % {"item": item.code, "forms": ", ".join(unknown)}
            )
    return found


def _items(rules: RuleSet) -> list[str]:
    found = []
    for item in rules.all_items():
        if item.max_points <= ZERO:
            found.append(_("Item %(item)s needs a maximum above zero.") % {"item": item.code})
        if item.minimum is not None and not ZERO <= item.minimum <= item.max_points:
            found.append(
                _("Item %(item)s: its minimum %(min)s is outside 0–%(max)s.")
                % {"item": item.code, "min": points_text(item.minimum), "max": points_text(item.max_points)}
            )
    return found


def _points(rules: RuleSet) -> list[str]:
    found = []
    if rules.levels:
        found.append(_("Only a level set has levels."))
    found += [
        _("Item %(item)s has a level, but the set is not scored by levels.") % {"item": item.code}
        for item in rules.all_items()
        if item.level is not None
    ]
    if rules.total is None or rules.total <= ZERO:
        return [*found, _("The set needs a total above zero.")]
    for key, form in _forms(rules):
        items = [item for item in rules.all_items() if item.applies_to(key)]
        added = sum((item.max_points for item in items), ZERO)
        if added != rules.total:
            found.append(
                _("The items add up to %(sum)s points%(form)s, not the declared total of %(total)s.")
                % {"sum": points_text(added), "form": form, "total": points_text(rules.total)}
            )
        for group in rules.groups:
            in_group = sum((item.max_points for item in group.items if item.applies_to(key)), ZERO)
            if group.points is not None and in_group != group.points:
                found.append(
                    _("Group %(group)s: its items add up to %(sum)s points%(form)s, not its %(points)s.")
                    % {
                        "group": group.code,
                        "sum": points_text(in_group),
                        "form": form,
                        "points": points_text(group.points),
                    }
                )
    if rules.item_floor is not None:
        if rules.item_floor < ZERO:
            found.append(_("The floor on every item cannot be below zero."))
        found += [
            _("The floor of %(floor)s on every item is above the maximum of item %(item)s (%(max)s).")
            % {"floor": points_text(rules.item_floor), "item": item.code, "max": points_text(item.max_points)}
            for item in rules.all_items()
            if rules.item_floor > item.max_points
        ]
    return found


def _pass_mark(rules: RuleSet) -> list[str]:
    found = [_("Only a set graded by bands has bands.")] if rules.bands else []
    if rules.pass_mark is None:
        return [*found, _("The set needs a pass mark.")]
    if rules.total is not None and not ZERO < rules.pass_mark <= rules.total:
        found.append(
            _("The pass mark %(mark)s must lie between 0 and the total of %(total)s.")
            % {"mark": points_text(rules.pass_mark), "total": points_text(rules.total)}
        )
    return found


def _bands(rules: RuleSet) -> list[str]:
    found = [_("A set graded by bands has no pass mark; the lowest passing band is it.")] if rules.pass_mark else []
    if not rules.bands:
        return [*found, _("The set needs grade bands.")]
    for label, count in Counter(band.label for band in rules.bands).items():
        if count > 1:
            found.append(_("The band %(band)s appears %(count)s times.") % {"band": label, "count": count})
    ordered = sorted(rules.bands, key=lambda band: band.low)
    for band in ordered:
        if band.low >= band.high:
            found.append(_("The band %(band)s must end above where it starts.") % {"band": band.label})
    if ordered[0].low < ZERO:
        found.append(_("The band %(band)s starts below zero.") % {"band": ordered[0].label})
    for lower, upper in pairwise(ordered):
        params = {
            "lower": lower.label,
            "upper": upper.label,
            "end": points_text(lower.high),
            "start": points_text(upper.low),
        }
        if lower.high < upper.low:
            found.append(_("Gap between the bands %(lower)s (to %(end)s) and %(upper)s (from %(start)s).") % params)
        elif lower.high > upper.low:
            found.append(_("The bands %(lower)s (to %(end)s) and %(upper)s (from %(start)s) overlap.") % params)
        if upper.passes is False and lower.passes:
            found.append(_("The band %(upper)s does not pass but lies above %(lower)s, which does.") % params)
    top = ordered[-1]
    if rules.total is not None and top.high != rules.total:
        found.append(
            _("The top band %(band)s ends at %(end)s, not at the total of %(total)s.")
            % {"band": top.label, "end": points_text(top.high), "total": points_text(rules.total)}
        )
    return found


def _levels(rules: RuleSet) -> list[str]:
    found = []
    if rules.bands:
        found.append(_("Only a set graded by bands has bands."))
    if rules.pass_mark is not None or rules.item_floor is not None:
        found.append(_("A level set has neither a pass mark nor a floor on every item: its targets say it all."))
    numbers = sorted(level.number for level in rules.levels)
    if not numbers:
        return [*found, _("The set needs levels.")]
    if numbers != list(range(1, len(numbers) + 1)):
        found.append(_("The levels must be numbered 1, 2, 3… without gaps or repeats."))
    for item in rules.all_items():
        if item.level is None and not item.mandatory:
            found.append(_("Item %(item)s is neither a target of a level nor mandatory.") % {"item": item.code})
        elif item.level is not None and item.level not in numbers:
            found.append(
                _("Item %(item)s names level %(level)s, which the set does not have.")
                % {"item": item.code, "level": item.level}
            )
    for key, form in _forms(rules):
        for level in rules.levels:
            if not any(item.level == level.number and item.applies_to(key) for item in rules.all_items()):
                found.append(_("%(level)s has no target%(form)s.") % {"level": level.name, "form": form})
    if rules.total is not None:
        for key, form in _forms(rules):
            added = sum((item.max_points for item in rules.all_items() if item.applies_to(key)), ZERO)
            if added != rules.total:
                found.append(
                    _("The items add up to %(sum)s points%(form)s, not the declared total of %(total)s.")
                    % {"sum": points_text(added), "form": form, "total": points_text(rules.total)}
                )
    return found


def extension_problems(base: RuleSet, local: RuleSet) -> list[str]:
    """What a local extension may not do: change the shape, lower a threshold, redefine what it inherits."""
    found = []
    if local.rule != base.rule:
        found.append(_("A local set keeps the rule of the set it extends."))
    found += _not_lower(_("pass mark"), base.pass_mark, local.pass_mark)
    found += _not_lower(_("floor on every item"), base.item_floor, local.item_floor)
    if local.bands:
        kept = {band.label: band for band in local.bands}
        for band in base.bands:
            if band.label not in kept:
                found.append(_("The local bands leave out %(band)s.") % {"band": band.label})
            else:
                found += _not_lower(
                    _("start of the band %(band)s") % {"band": band.label}, band.low, kept[band.label].low
                )
    inherited = {level.number for level in base.levels}
    found += [
        _("Level %(level)s is already defined by the set it extends.") % {"level": level.number}
        for level in local.levels
        if level.number in inherited
    ]
    if local.variants:
        found.append(_("A local set uses the forms of the set it extends and declares none of its own."))
    taken = {item.code for item in base.all_items()}
    found += [
        _("Item %(item)s already exists in the set it extends; give the local item another code.") % {"item": item.code}
        for item in local.all_items()
        if item.code in taken
    ]
    return found


def _not_lower(what: str, base: Decimal | None, local: Decimal | None) -> list[str]:
    if base is None or local is None or local >= base:
        return []
    return [
        _("A local set may raise the %(what)s, never lower it (%(local)s is under %(base)s).")
        % {"what": what, "local": points_text(local), "base": points_text(base)}
    ]

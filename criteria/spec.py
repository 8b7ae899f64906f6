"""A criteria set as a document: what YAML and Excel files carry between provinces.

`spec_from_mapping` reads the nested mapping a YAML file (or the workbook reader) produces, strictly: an
unknown key, a missing one or a value of the wrong kind is an error naming where it is. It checks the
form of the document only; whether the points add up is `criteria.validation`'s question, asked when
the imported draft is shown and again when it is published.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from criteria.engine import Band, Group, Item, Level, RuleSet, Variant
from criteria.enums import Rule, Title
from khuyenhoc.text import clean

SET_KEYS = {
    "key",
    "version",
    "title",
    "name",
    "issuer",
    "document_number",
    "document_date",
    "period_from",
    "period_to",
    "template",
    "source",
    "placeholders",
    "extends",
    "rule",
    "total",
    "pass_mark",
    "item_floor",
    "forms",
    "bands",
    "levels",
    "groups",
}
REQUIRED_SET_KEYS = {"key", "title", "name", "rule", "groups"}
GROUP_KEYS = {"code", "title", "points", "placeholder", "items"}
ITEM_KEYS = {
    "code",
    "text",
    "guidance",
    "evidence",
    "max",
    "min",
    "mandatory",
    "evidence_required",
    "level",
    "target",
    "forms",
    "placeholder",
}
BAND_KEYS = {"label", "from", "to", "passes"}
LEVEL_KEYS = {"number", "name"}
FORM_KEYS = {"key", "label"}
EXTENDS_KEYS = {"key", "version"}
TRUE_WORDS = {"true", "1", "x", "yes", "có", "co"}
FALSE_WORDS = {"false", "0", "", "no", "không", "khong"}


class FormatError(ValueError):
    """A document that cannot be read as a criteria set; each problem names its key or row."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass
class SetSpec:
    key: str
    title: str
    name: str
    rules: RuleSet
    version: int = 1
    issuer: str = ""
    document_number: str = ""
    document_date: datetime.date | None = None
    period_from: int | None = None
    period_to: int | None = None
    template: bool = False
    source: str = ""
    placeholder_note: str = ""
    # (key, version) of the published set this one extends.
    extends: tuple[str, int] | None = None


class _Reader:
    """Collects every problem of a document instead of stopping at the first."""

    def __init__(self):
        self.problems: list[str] = []

    def fail(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}" if where else message)

    def mapping(self, value, where: str, allowed: set[str], required: set[str] = frozenset()) -> dict:
        if not isinstance(value, dict):
            self.fail(where, _("expected a mapping of keys to values"))
            return {}
        for key in value:
            if key not in allowed:
                self.fail(where, _("unknown key “%(key)s”") % {"key": key})
        for key in sorted(required - set(value)):
            self.fail(where, _("the key “%(key)s” is missing") % {"key": key})
        return value

    def list(self, value, where: str) -> list:
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(where, _("expected a list"))
            return []
        return value

    def text(self, value, where: str, *, required: bool = False) -> str:
        if isinstance(value, dict | list):
            self.fail(where, _("expected text"))
            return ""
        text = clean(value)
        # A missing key is reported by `mapping`; an empty value here.
        if required and value is not None and not text:
            self.fail(where, _("must not be empty"))
        return text

    def points(self, value, where: str) -> Decimal | None:
        if value is None or value == "":
            return None
        try:
            if isinstance(value, bool):
                raise InvalidOperation
            number = Decimal(str(value).strip().replace(",", "."))
        except (InvalidOperation, ValueError):
            self.fail(where, _("“%(value)s” is not a number") % {"value": value})
            return None
        if not number.is_finite() or number < 0:
            self.fail(where, _("“%(value)s” must be a number from 0") % {"value": value})
            return None
        if number != number.quantize(Decimal("0.01")):
            self.fail(where, _("“%(value)s” has more than two decimals") % {"value": value})
            return None
        if number >= 10000:
            self.fail(where, _("“%(value)s” is too large") % {"value": value})
            return None
        return number

    def integer(self, value, where: str) -> int | None:
        if value is None or value == "":
            return None
        if isinstance(value, bool) or not str(value).strip().isdigit():
            self.fail(where, _("“%(value)s” is not a whole number") % {"value": value})
            return None
        return int(str(value).strip())

    def flag(self, value, where: str) -> bool:
        if isinstance(value, bool) or value is None:
            return bool(value)
        word = clean(value).lower()
        if word in TRUE_WORDS:
            return True
        if word not in FALSE_WORDS:
            self.fail(where, _("“%(value)s” is neither yes nor no") % {"value": value})
        return False

    def date(self, value, where: str) -> datetime.date | None:
        if value is None or value == "":
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
            try:
                return datetime.datetime.strptime(str(value).strip(), pattern).date()
            except ValueError:
                continue
        self.fail(where, _("“%(value)s” is not a date (dd/mm/yyyy)") % {"value": value})
        return None

    def choice(self, value, where: str, choices) -> str:
        text = clean(value)
        if text not in choices.values:
            self.fail(
                where,
                _("“%(value)s” is not one of %(choices)s") % {"value": text, "choices": ", ".join(choices.values)},
            )
        return text

    def keys(self, value, where: str) -> frozenset[str]:
        """Form keys, from a YAML list or a spreadsheet cell "farmer, worker"."""
        if value is None or value == "":
            return frozenset()
        if isinstance(value, str):
            return frozenset(part.strip() for part in value.replace(";", ",").split(",") if part.strip())
        return frozenset(self.text(part, where) for part in self.list(value, where))


def spec_from_mapping(data: object) -> SetSpec:
    """The set a document describes; raises FormatError listing every problem."""
    read = _Reader()
    top = read.mapping(data, "", SET_KEYS, REQUIRED_SET_KEYS)
    rule = read.choice(top.get("rule"), "rule", Rule) if "rule" in top else Rule.PASS_MARK
    groups = tuple(_group(read, value, n) for n, value in enumerate(read.list(top.get("groups"), "groups"), 1))
    rules = RuleSet(
        rule=rule,
        total=read.points(top.get("total"), "total"),
        pass_mark=read.points(top.get("pass_mark"), "pass_mark"),
        item_floor=read.points(top.get("item_floor"), "item_floor"),
        bands=tuple(_band(read, value, n) for n, value in enumerate(read.list(top.get("bands"), "bands"), 1)),
        levels=tuple(_level(read, value, n) for n, value in enumerate(read.list(top.get("levels"), "levels"), 1)),
        variants=tuple(_form(read, value, n) for n, value in enumerate(read.list(top.get("forms"), "forms"), 1)),
        groups=groups,
    )
    extends = None
    if top.get("extends") is not None:
        base = read.mapping(top["extends"], "extends", EXTENDS_KEYS, EXTENDS_KEYS)
        extends = (
            read.text(base.get("key"), "extends › key", required=True),
            read.integer(base.get("version"), "extends › version") or 1,
        )
    spec = SetSpec(
        key=read.text(top.get("key"), "key", required=True),
        title=read.choice(top.get("title"), "title", Title) if "title" in top else "",
        name=read.text(top.get("name"), "name", required=True),
        rules=rules,
        version=read.integer(top.get("version"), "version") or 1,
        issuer=read.text(top.get("issuer"), "issuer"),
        document_number=read.text(top.get("document_number"), "document_number"),
        document_date=read.date(top.get("document_date"), "document_date"),
        period_from=read.integer(top.get("period_from"), "period_from"),
        period_to=read.integer(top.get("period_to"), "period_to"),
        template=read.flag(top.get("template"), "template"),
        source=str(top.get("source") or "").strip(),
        placeholder_note=str(top.get("placeholders") or "").strip(),
        extends=extends,
    )
    if spec.key and spec.key != _slug(spec.key):
        read.fail("key", _("use lower-case letters without accents, digits and hyphens only"))
    if read.problems:
        raise FormatError(read.problems)
    return spec


def _slug(value: str) -> str:
    return "".join(ch for ch in value if ch.isascii() and (ch.isalnum() or ch == "-")).lower()


def _where(value, named: str, numbered: str) -> str:
    """Where a problem is: "item 1.2" when the entry has a code, else its position."""
    code = clean(value.get("code")) if isinstance(value, dict) else ""
    return named % {"code": code} if code else numbered


def _group(read: _Reader, value, number: int) -> Group:
    where = _where(value, _("group %(code)s"), f"groups[{number}]")
    data = read.mapping(value, where, GROUP_KEYS, {"code", "items"})
    code = read.text(data.get("code"), f"{where} › code", required=True)
    items = tuple(
        _item(read, item, where, n) for n, item in enumerate(read.list(data.get("items"), f"{where} › items"), 1)
    )
    return Group(
        code=code,
        title=read.text(data.get("title"), f"{where} › title"),
        points=read.points(data.get("points"), f"{where} › points"),
        placeholder=read.flag(data.get("placeholder"), f"{where} › placeholder"),
        items=items,
    )


def _item(read: _Reader, value, group_where: str, number: int) -> Item:
    where = _where(value, _("item %(code)s"), f"{group_where} › items[{number}]")
    data = read.mapping(value, where, ITEM_KEYS, {"code", "text", "max"})
    code = read.text(data.get("code"), f"{where} › code", required=True)
    return Item(
        code=code,
        text=read.text(data.get("text"), f"{where} › text", required=True),
        max_points=read.points(data.get("max"), f"{where} › max") or Decimal(0),
        minimum=read.points(data.get("min"), f"{where} › min"),
        mandatory=read.flag(data.get("mandatory"), f"{where} › mandatory"),
        evidence_required=read.flag(data.get("evidence_required"), f"{where} › evidence_required"),
        level=read.integer(data.get("level"), f"{where} › level"),
        target=read.text(data.get("target"), f"{where} › target"),
        variants=read.keys(data.get("forms"), f"{where} › forms"),
        guidance=str(data.get("guidance") or "").strip(),
        evidence=str(data.get("evidence") or "").strip(),
        placeholder=read.flag(data.get("placeholder"), f"{where} › placeholder"),
    )


def _band(read: _Reader, value, number: int) -> Band:
    where = f"bands[{number}]"
    data = read.mapping(value, where, BAND_KEYS, {"label", "from", "to"})
    return Band(
        label=read.text(data.get("label"), f"{where} › label", required=True),
        low=read.points(data.get("from"), f"{where} › from") or Decimal(0),
        high=read.points(data.get("to"), f"{where} › to") or Decimal(0),
        passes=read.flag(data.get("passes", True), f"{where} › passes"),
    )


def _level(read: _Reader, value, number: int) -> Level:
    where = f"levels[{number}]"
    data = read.mapping(value, where, LEVEL_KEYS, LEVEL_KEYS)
    return Level(
        number=read.integer(data.get("number"), f"{where} › number") or 0,
        name=read.text(data.get("name"), f"{where} › name", required=True),
    )


def _form(read: _Reader, value, number: int) -> Variant:
    where = f"forms[{number}]"
    data = read.mapping(value, where, FORM_KEYS, FORM_KEYS)
    return Variant(
        key=read.text(data.get("key"), f"{where} › key", required=True),
        label=read.text(data.get("label"), f"{where} › label"),
    )


def _number(value: Decimal | None) -> int | float | None:
    """Points as YAML numbers: 10, 4.5 (a float's shortest form reads back as the same Decimal)."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def spec_to_mapping(spec: SetSpec) -> dict:
    """The document of a set, in the order a reader expects; empty values are left out."""
    rules = spec.rules
    data = {
        "key": spec.key,
        "version": spec.version,
        "title": spec.title,
        "name": spec.name,
        "issuer": spec.issuer,
        "document_number": spec.document_number,
        "document_date": spec.document_date,
        "period_from": spec.period_from,
        "period_to": spec.period_to,
        "template": spec.template or None,
        "source": spec.source,
        "placeholders": spec.placeholder_note,
        "extends": {"key": spec.extends[0], "version": spec.extends[1]} if spec.extends else None,
        "rule": rules.rule,
        "total": _number(rules.total),
        "pass_mark": _number(rules.pass_mark),
        "item_floor": _number(rules.item_floor),
        "forms": [{"key": v.key, "label": v.label} for v in rules.variants],
        "bands": [
            _compact(
                {"label": b.label, "from": _number(b.low), "to": _number(b.high), "passes": None if b.passes else False}
            )
            for b in rules.bands
        ],
        "levels": [{"number": lv.number, "name": lv.name} for lv in rules.levels],
        "groups": [
            _compact(
                {
                    "code": g.code,
                    "title": g.title,
                    "points": _number(g.points),
                    "placeholder": g.placeholder or None,
                    "items": [_item_mapping(item) for item in g.items],
                }
            )
            for g in rules.groups
        ],
    }
    return _compact(data)


def _item_mapping(item: Item) -> dict:
    return _compact(
        {
            "code": item.code,
            "text": item.text,
            "guidance": item.guidance,
            "evidence": item.evidence,
            "max": _number(item.max_points),
            "min": _number(item.minimum),
            "mandatory": item.mandatory or None,
            "evidence_required": item.evidence_required or None,
            "level": item.level,
            "target": item.target,
            "forms": sorted(item.variants),
            "placeholder": item.placeholder or None,
        }
    )


def _compact(data: dict) -> dict:
    """Drops empty values (a band's `passes: false` is kept: it is not the default)."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}

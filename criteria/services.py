"""Writes to criteria sets. Only drafts change; every function checks that `by` may write the set's area.

Who writes: MANAGE_CRITERIA over the set's area (programme staff). A national set (no area) belongs to
superusers and to those holding MANAGE_CRITERIA over a whole province: the Hội's provincial staff are
the ones who receive the central framework and put it into the software.
"""

from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.enums import Capability
from accounts.models import User
from areas.enums import Level as AreaLevel
from areas.models import Area
from criteria import selectors
from criteria.enums import LabourGroup, Status
from criteria.models import Band, CriteriaSet, Group, Item, Level
from criteria.spec import SetSpec
from khuyenhoc.text import clean, fold


class CriteriaError(Exception):
    """A change the rules refuse; the message (and the problems, when there are several) are for the user."""

    def __init__(self, message: str, problems: list[str] | None = None):
        super().__init__(message)
        self.problems = problems or []


def may_manage(user: User, area: Area | None) -> bool:
    if user.is_superuser:
        return True
    if area is None:
        return any(
            a.area.level == AreaLevel.PROVINCE and user.can(Capability.MANAGE_CRITERIA, a.area)
            for a in user.assignments
        )
    return user.can(Capability.MANAGE_CRITERIA, area)


def _require(by: User, area: Area | None) -> None:
    if not may_manage(by, area):
        raise CriteriaError(_("You may not change the criteria sets of %(area)s.") % {"area": _area_name(area)})


def _area_name(area: Area | None) -> str:
    return area.name if area else _("the whole country")


def _require_draft(criteria_set: CriteriaSet) -> None:
    if criteria_set.status != Status.DRAFT:
        raise CriteriaError(_("A published or retired set does not change: make a new version to edit it."))


def _writable_draft(by: User, criteria_set: CriteriaSet) -> None:
    _require(by, criteria_set.area)
    _require_draft(criteria_set)


def _touch(criteria_set: CriteriaSet) -> None:
    criteria_set.save(update_fields=["updated_at"])


def _free_key(wanted: str) -> str:
    base = slugify(fold(wanted))[:70].strip("-") or "bo-tieu-chi"
    key, number = base, 1
    while CriteriaSet.objects.filter(key=key).exists():
        number += 1
        key = f"{base}-{number}"
    return key


def labour_group_forms(keys: list[str], existing: list[dict] = ()) -> list[dict]:
    """The forms of a set, one per chosen labour group: labels already given are kept, new ones are the
    labour group's name in the active language."""
    labels = {form["key"]: form.get("label") for form in existing}
    chosen = [key for key in LabourGroup.values if key in keys]
    return [{"key": key, "label": labels.get(key) or str(LabourGroup(key).label)} for key in chosen]


# --- Sets ----------------------------------------------------------------------------------------

SET_FIELDS = [
    "title",
    "name",
    "issuer",
    "document_number",
    "document_date",
    "period_from",
    "period_to",
    "rule",
    "total_points",
    "pass_mark",
    "item_floor",
    "variants",
    "source",
    "placeholder_note",
]


def _check_period(values: dict) -> None:
    start, end = values.get("period_from"), values.get("period_to")
    if start and end and end < start:
        raise CriteriaError(_("The period must end after it starts."))


@transaction.atomic
def criteria_set_create(*, by: User, area: Area | None, title: str, name: str, rule: str, **fields) -> CriteriaSet:
    _require(by, area)
    unknown = set(fields) - set(SET_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {unknown}")
    _check_period(fields)
    name = clean(name)
    return CriteriaSet.objects.create(
        key=_free_key(name), title=title, name=name, rule=rule, area=area, created_by=by, **fields
    )


@transaction.atomic
def criteria_set_update(*, by: User, criteria_set: CriteriaSet, **fields) -> CriteriaSet:
    """Changes the metadata and thresholds of a draft. A local set keeps the title and rule of its base."""
    _writable_draft(by, criteria_set)
    unknown = set(fields) - set(SET_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {unknown}")
    base = criteria_set.extends
    if base and (fields.get("title", base.title) != base.title or fields.get("rule", base.rule) != base.rule):
        raise CriteriaError(_("A local set keeps the title and rule of the set it extends."))
    _check_period(fields)
    for name, value in fields.items():
        setattr(criteria_set, name, clean(value) if name == "name" else value)
    criteria_set.save(update_fields=[*fields, "updated_at"])
    return criteria_set


@transaction.atomic
def criteria_set_delete(*, by: User, criteria_set: CriteriaSet) -> None:
    _writable_draft(by, criteria_set)
    criteria_set.delete()


@transaction.atomic
def criteria_set_publish(*, by: User, criteria_set: CriteriaSet) -> CriteriaSet:
    """Publishes a draft that passes every check; the version it replaces is retired (assessments made
    with it keep it)."""
    _writable_draft(by, criteria_set)
    return _publish(criteria_set, by=by)


def _publish(criteria_set: CriteriaSet, *, by: User | None) -> CriteriaSet:
    found = selectors.set_problems(criteria_set)
    if found:
        raise CriteriaError(_("The set cannot be published yet."), found)
    now = timezone.now()
    CriteriaSet.objects.filter(key=criteria_set.key, status=Status.PUBLISHED).update(
        status=Status.RETIRED, retired_by=by, retired_at=now, updated_at=now
    )
    criteria_set.status, criteria_set.published_by, criteria_set.published_at = Status.PUBLISHED, by, now
    criteria_set.save(update_fields=["status", "published_by", "published_at", "updated_at"])
    return criteria_set


@transaction.atomic
def criteria_set_retire(*, by: User, criteria_set: CriteriaSet) -> CriteriaSet:
    _require(by, criteria_set.area)
    if criteria_set.status != Status.PUBLISHED:
        raise CriteriaError(_("Only a published set can be retired."))
    criteria_set.status, criteria_set.retired_by, criteria_set.retired_at = Status.RETIRED, by, timezone.now()
    criteria_set.save(update_fields=["status", "retired_by", "retired_at", "updated_at"])
    return criteria_set


def _next_version(key: str) -> int:
    if CriteriaSet.objects.filter(key=key, status=Status.DRAFT).exists():
        raise CriteriaError(_("A draft of this set already exists: edit it or delete it first."))
    return (CriteriaSet.objects.filter(key=key).aggregate(Max("version"))["version__max"] or 0) + 1


@transaction.atomic
def criteria_set_new_version(*, by: User, criteria_set: CriteriaSet) -> CriteriaSet:
    """ "Editing" a published set: a draft copy with the next version number, groups and items included."""
    _require(by, criteria_set.area)
    if criteria_set.status == Status.DRAFT:
        raise CriteriaError(_("This version is still a draft: edit it directly."))
    source_pk = criteria_set.pk
    copy = CriteriaSet.objects.get(pk=source_pk)
    copy.pk = None
    copy.version = _next_version(criteria_set.key)
    copy.status, copy.created_by, copy.is_template = Status.DRAFT, by, False
    copy.published_by = copy.published_at = copy.retired_by = copy.retired_at = None
    copy.save(force_insert=True)
    for group in Group.objects.filter(criteria_set_id=source_pk).prefetch_related("items"):
        items = list(group.items.all())
        group.pk, group.criteria_set = None, copy
        group.save(force_insert=True)
        for item in items:
            item.pk, item.group, item.criteria_set = None, group, copy
        Item.objects.bulk_create(items)
    Band.objects.bulk_create(
        Band(criteria_set=copy, label=b.label, low=b.low, high=b.high, passes=b.passes)
        for b in Band.objects.filter(criteria_set_id=source_pk)
    )
    Level.objects.bulk_create(
        Level(criteria_set=copy, number=lv.number, name=lv.name)
        for lv in Level.objects.filter(criteria_set_id=source_pk)
    )
    return copy


def _check_base(base: CriteriaSet, area: Area | None, *, key: str = "") -> None:
    # A cycle through keys (A → B → A): with published bases immutable, the only way to make one.
    if key and (base.key == key or CriteriaSet.objects.filter(pk__in=base.base_ids, key=key).exists()):
        raise CriteriaError(
            _("extends › key: the set %(key)s would extend itself (through %(base)s).") % {"key": key, "base": base.key}
        )
    if base.status == Status.DRAFT:
        raise CriteriaError(_("Only a published set can be extended."))
    if base.area is not None and (area is None or not area.is_within(base.area)):
        raise CriteriaError(
            _("A set of %(base)s can only be extended for %(base)s or an area within it.") % {"base": base.area.name}
        )


@transaction.atomic
def criteria_set_extend(*, by: User, base: CriteriaSet, area: Area, name: str) -> CriteriaSet:
    """A local set for `area` on top of `base`: it starts empty, inheriting every group, item and threshold."""
    _require(by, area)
    if not area.is_current:
        raise CriteriaError(_("%(area)s no longer exists.") % {"area": area.name})
    _check_base(base, area)
    name = clean(name)
    return CriteriaSet.objects.create(
        key=_free_key(f"{base.key}-{area.code}"),
        title=base.title,
        name=name,
        rule=base.rule,
        area=area,
        extends=base,
        base_ids=[*base.base_ids, base.pk],
        period_from=base.period_from,
        period_to=base.period_to,
        created_by=by,
    )


@transaction.atomic
def criteria_set_import(*, by: User, spec: SetSpec, area: Area | None) -> CriteriaSet:
    """A draft from a document. A key already in the database becomes its next version (if it is the same
    area's); a new key keeps the document's version. The whole set is checked, as for publishing."""
    _require(by, area)
    created = _create_from_spec(spec, area=area, by=by)
    found = selectors.set_problems(created)
    if found:
        raise CriteriaError(_("The file describes a set that cannot be used as it is."), found)
    return created


def _create_from_spec(spec: SetSpec, *, area: Area | None, by: User | None) -> CriteriaSet:
    base = None
    if spec.extends:
        key, version = spec.extends
        base = CriteriaSet.objects.filter(key=key, version=version).exclude(status=Status.DRAFT).first()
        if base is None:
            raise CriteriaError(
                _("extends: there is no published set %(key)s version %(version)s.") % {"key": key, "version": version}
            )
        _check_base(base, area, key=spec.key)
        if base.title != spec.title:
            raise CriteriaError(_("extends: the set it extends is for another title."))
    existing = CriteriaSet.objects.filter(key=spec.key).order_by("-version").first()
    if existing and existing.area_id != (area.pk if area else None):
        raise CriteriaError(
            _("key: %(key)s is the key of a set of %(area)s; change the key in the file.")
            % {"key": spec.key, "area": _area_name(existing.area)}
        )
    rules = spec.rules
    criteria_set = CriteriaSet.objects.create(
        key=spec.key,
        version=_next_version(spec.key) if existing else spec.version,
        title=spec.title,
        name=spec.name,
        issuer=spec.issuer,
        document_number=spec.document_number,
        document_date=spec.document_date,
        period_from=spec.period_from,
        period_to=spec.period_to,
        area=area,
        extends=base,
        base_ids=[*base.base_ids, base.pk] if base else [],
        rule=rules.rule,
        total_points=rules.total,
        pass_mark=rules.pass_mark,
        item_floor=rules.item_floor,
        variants=[{"key": v.key, "label": v.label} for v in rules.variants],
        source=spec.source,
        placeholder_note=spec.placeholder_note,
        is_template=spec.template,
        created_by=by,
    )
    items = []
    seen_groups, seen_items = set(), set()
    for position, group in enumerate(rules.groups):
        if group.code in seen_groups:
            raise CriteriaError(_("Group %(group)s appears twice.") % {"group": group.code})
        seen_groups.add(group.code)
        row = Group.objects.create(
            criteria_set=criteria_set,
            code=group.code,
            title=group.title,
            points=group.points,
            placeholder=group.placeholder,
            position=position,
        )
        for item_position, item in enumerate(group.items):
            if item.code in seen_items:
                raise CriteriaError(_("Item %(item)s appears twice.") % {"item": item.code})
            seen_items.add(item.code)
            _check_item_values(item.code, item.max_points, item.minimum)
            items.append(
                Item(
                    group=row,
                    criteria_set=criteria_set,
                    code=item.code,
                    text=item.text,
                    guidance=item.guidance,
                    evidence=item.evidence,
                    max_points=item.max_points,
                    min_points=item.minimum,
                    mandatory=item.mandatory,
                    evidence_required=item.evidence_required,
                    level=item.level,
                    target=item.target,
                    variants=sorted(item.variants),
                    placeholder=item.placeholder,
                    position=item_position,
                )
            )
    Item.objects.bulk_create(items)
    Band.objects.bulk_create(
        Band(criteria_set=criteria_set, label=b.label, low=b.low, high=b.high, passes=b.passes) for b in rules.bands
    )
    Level.objects.bulk_create(Level(criteria_set=criteria_set, number=lv.number, name=lv.name) for lv in rules.levels)
    return criteria_set


@transaction.atomic
def template_load(*, spec: SetSpec) -> CriteriaSet | None:
    """Publishes a shipped template as a national set, once: nothing happens if its version is loaded."""
    if CriteriaSet.objects.filter(key=spec.key, version=spec.version).exists():
        return None
    return _publish(_create_from_spec(spec, area=None, by=None), by=None)


# --- Groups and items ------------------------------------------------------------------------------


def _check_code(criteria_set: CriteriaSet, code: str, *, model, exclude: int | None = None) -> str:
    code = clean(code)
    if not code:
        raise CriteriaError(_("The code must not be empty."))
    if model.objects.filter(criteria_set=criteria_set, code=code).exclude(pk=exclude).exists():
        raise CriteriaError(_("The code %(code)s is already used in this set.") % {"code": code})
    return code


def _check_item_values(code: str, max_points: Decimal, min_points: Decimal | None) -> None:
    if max_points <= 0:
        raise CriteriaError(_("Item %(item)s needs a maximum above zero.") % {"item": code})
    if min_points is not None and not 0 <= min_points <= max_points:
        raise CriteriaError(_("Item %(item)s: the minimum cannot be above the maximum.") % {"item": code})


def _inherited_codes(criteria_set: CriteriaSet) -> set[str]:
    return set(Item.objects.filter(criteria_set_id__in=criteria_set.base_ids).values_list("code", flat=True))


@transaction.atomic
def group_create(
    *, by: User, criteria_set: CriteriaSet, code: str, title: str, points: Decimal | None = None, placeholder=False
) -> Group:
    """In a local set, a group with the code of an inherited group adds to that group."""
    _writable_draft(by, criteria_set)
    code = _check_code(criteria_set, code, model=Group)
    last = criteria_set.groups.aggregate(Max("position"))["position__max"]
    _touch(criteria_set)
    return Group.objects.create(
        criteria_set=criteria_set,
        code=code,
        title=clean(title),
        points=points,
        placeholder=placeholder,
        position=0 if last is None else last + 1,
    )


@transaction.atomic
def group_update(*, by: User, group: Group, code: str, title: str, points: Decimal | None, placeholder=False) -> Group:
    _writable_draft(by, group.criteria_set)
    group.code = _check_code(group.criteria_set, code, model=Group, exclude=group.pk)
    group.title, group.points, group.placeholder = clean(title), points, placeholder
    group.save(update_fields=["code", "title", "points", "placeholder"])
    _touch(group.criteria_set)
    return group


@transaction.atomic
def group_delete(*, by: User, group: Group) -> None:
    _writable_draft(by, group.criteria_set)
    group.delete()
    _touch(group.criteria_set)


def _swap(rows: list, row, offset: int) -> None:
    """Moves `row` one place up (-1) or down (+1) among `rows` and renumbers them."""
    index = next(i for i, other in enumerate(rows) if other.pk == row.pk)
    target = index + offset
    if 0 <= target < len(rows):
        rows[index], rows[target] = rows[target], rows[index]
    for position, other in enumerate(rows):
        other.position = position
    type(row).objects.bulk_update(rows, ["position"])


@transaction.atomic
def group_move(*, by: User, group: Group, offset: int) -> None:
    _writable_draft(by, group.criteria_set)
    _swap(list(group.criteria_set.groups.order_by("position", "pk")), group, offset)


ITEM_FIELDS = [
    "code",
    "text",
    "guidance",
    "evidence",
    "max_points",
    "min_points",
    "mandatory",
    "evidence_required",
    "level",
    "target",
    "variants",
    "placeholder",
]


def _item_values(criteria_set: CriteriaSet, values: dict, *, exclude: int | None = None) -> dict:
    unknown = set(values) - set(ITEM_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {unknown}")
    values["code"] = _check_code(criteria_set, values["code"], model=Item, exclude=exclude)
    if values["code"] in _inherited_codes(criteria_set):
        raise CriteriaError(
            _("Item %(item)s already exists in the set it extends; give the local item another code.")
            % {"item": values["code"]}
        )
    _check_item_values(values["code"], values["max_points"], values.get("min_points"))
    forms = {v["key"] for v in selectors.forms_of(criteria_set)}
    unknown_forms = set(values.get("variants", [])) - forms
    if unknown_forms:
        raise CriteriaError(_("The set has no form %(form)s.") % {"form": ", ".join(sorted(unknown_forms))})
    values["text"] = clean(values["text"])
    return values


@transaction.atomic
def item_create(*, by: User, group: Group, **values) -> Item:
    criteria_set = group.criteria_set
    _writable_draft(by, criteria_set)
    values = _item_values(criteria_set, values)
    last = group.items.aggregate(Max("position"))["position__max"]
    _touch(criteria_set)
    return Item.objects.create(
        group=group, criteria_set=criteria_set, position=0 if last is None else last + 1, **values
    )


@transaction.atomic
def item_update(*, by: User, item: Item, **values) -> Item:
    _writable_draft(by, item.criteria_set)
    values = _item_values(item.criteria_set, values, exclude=item.pk)
    for name, value in values.items():
        setattr(item, name, value)
    item.save(update_fields=list(values))
    _touch(item.criteria_set)
    return item


@transaction.atomic
def item_delete(*, by: User, item: Item) -> None:
    _writable_draft(by, item.criteria_set)
    item.delete()
    _touch(item.criteria_set)


@transaction.atomic
def item_move(*, by: User, item: Item, offset: int) -> None:
    _writable_draft(by, item.criteria_set)
    _swap(list(item.group.items.order_by("position", "pk")), item, offset)


# --- Bands and levels ----------------------------------------------------------------------------


@transaction.atomic
def band_create(*, by: User, criteria_set: CriteriaSet, label: str, low: Decimal, high: Decimal, passes=True) -> Band:
    """Bands are checked as a whole (no gap, no overlap) by the set's validation."""
    _writable_draft(by, criteria_set)
    label = clean(label)
    if criteria_set.bands.filter(label=label).exists():
        raise CriteriaError(_("The band %(band)s already exists.") % {"band": label})
    if low >= high:
        raise CriteriaError(_("The band %(band)s must end above where it starts.") % {"band": label})
    _touch(criteria_set)
    return Band.objects.create(criteria_set=criteria_set, label=label, low=low, high=high, passes=passes)


@transaction.atomic
def band_delete(*, by: User, band: Band) -> None:
    _writable_draft(by, band.criteria_set)
    band.delete()
    _touch(band.criteria_set)


@transaction.atomic
def level_create(*, by: User, criteria_set: CriteriaSet, number: int, name: str) -> Level:
    _writable_draft(by, criteria_set)
    if criteria_set.levels.filter(number=number).exists():
        raise CriteriaError(_("Level %(level)s already exists.") % {"level": number})
    _touch(criteria_set)
    return Level.objects.create(criteria_set=criteria_set, number=number, name=clean(name))


@transaction.atomic
def level_delete(*, by: User, level: Level) -> None:
    _writable_draft(by, level.criteria_set)
    level.delete()
    _touch(level.criteria_set)

"""Reads of criteria sets: who sees which set, and a set turned into the plain data the engine evaluates.

Who reads what: national sets every logged-in user; a local set whoever's scope contains its area, and
whoever works under that area (a province's set applies to its communes, so their officers read it).
"""

from dataclasses import dataclass

from django.db.models import F, Prefetch, Q, QuerySet
from django.http import Http404

from areas.models import Area
from areas.paths import ids, subtree_q
from criteria import engine, validation
from criteria.enums import Status
from criteria.models import CriteriaSet, Item
from criteria.spec import SetSpec


def sets_visible_to(user) -> QuerySet:
    sets = CriteriaSet.objects.select_related("area")
    if user.is_superuser:
        return sets
    above = {pk for path in user.scope_paths for pk in ids(path)}
    return sets.filter(Q(area__isnull=True) | Q(area_id__in=above) | subtree_q(user.scope_paths, "area__path"))


def set_list(user, *, title: str = "", status: str = "", search: str = "") -> QuerySet:
    sets = sets_visible_to(user)
    if title:
        sets = sets.filter(title=title)
    if status:
        sets = sets.filter(status=status)
    if search:
        sets = sets.filter(Q(name__icontains=search) | Q(key__icontains=search) | Q(document_number__icontains=search))
    return sets.order_by("title", F("area__path").asc(nulls_first=True), "key", "-version")


def get_visible_set_or_404(user, pk: int) -> CriteriaSet:
    try:
        return sets_visible_to(user).select_related("extends").get(pk=pk)
    except CriteriaSet.DoesNotExist:
        raise Http404 from None


def published_sets_for(*, title: str, area: Area) -> QuerySet:
    """The published sets of a title that apply in `area`: national ones and those issued for the area
    or a higher one. What a campaign chooses from; it then keeps the version it chose."""
    return (
        CriteriaSet.objects.filter(title=title, status=Status.PUBLISHED)
        .filter(Q(area__isnull=True) | Q(area_id__in=ids(area.path)))
        .select_related("area")
        .order_by(F("area__depth").asc(nulls_first=True), "key")
    )


def forms_of(criteria_set: CriteriaSet) -> list[dict]:
    """The forms (variants) a set's items may name: those of the set its chain starts from."""
    if not criteria_set.base_ids:
        return criteria_set.variants
    return CriteriaSet.objects.values_list("variants", flat=True).get(pk=criteria_set.base_ids[0])


def versions_of(criteria_set: CriteriaSet) -> QuerySet:
    return CriteriaSet.objects.filter(key=criteria_set.key).order_by("-version")


@dataclass(frozen=True)
class Resolved:
    """A set's own rules, the effective rules of what it extends, and the merge of both."""

    own: engine.RuleSet
    base: engine.RuleSet | None
    effective: engine.RuleSet


def resolve(criteria_set: CriteriaSet) -> Resolved:
    """Five queries whatever the length of the chain: the sets, their groups, items, bands and levels."""
    chain = [*criteria_set.base_ids, criteria_set.pk]
    loaded = {
        row.pk: row
        for row in CriteriaSet.objects.filter(pk__in=chain)
        .select_related("area")
        .prefetch_related(
            Prefetch("groups__items", queryset=Item.objects.order_by("position", "pk")), "bands", "levels"
        )
    }
    base = None
    for pk in chain[:-1]:
        own = own_rules(loaded[pk])
        base = own if base is None else engine.extend(base, own, origin=_origin(loaded[pk]))
    own = own_rules(loaded[criteria_set.pk])
    effective = own if base is None else engine.extend(base, own, origin=_origin(loaded[criteria_set.pk]))
    return Resolved(own=own, base=base, effective=effective)


def effective_set(criteria_set: CriteriaSet) -> engine.RuleSet:
    """What `engine.evaluate` takes: build it once per set, then evaluate any number of subjects."""
    return resolve(criteria_set).effective


def _origin(criteria_set: CriteriaSet) -> str:
    return criteria_set.area.name if criteria_set.area else criteria_set.name


def own_rules(criteria_set: CriteriaSet) -> engine.RuleSet:
    return engine.RuleSet(
        rule=criteria_set.rule,
        total=criteria_set.total_points,
        pass_mark=criteria_set.pass_mark,
        item_floor=criteria_set.item_floor,
        bands=tuple(
            engine.Band(label=b.label, low=b.low, high=b.high, passes=b.passes)
            for b in sorted(criteria_set.bands.all(), key=lambda b: -b.low)
        ),
        levels=tuple(engine.Level(number=lv.number, name=lv.name) for lv in criteria_set.levels.all()),
        variants=tuple(engine.Variant(key=v["key"], label=v.get("label", "")) for v in criteria_set.variants),
        groups=tuple(
            engine.Group(
                code=group.code,
                title=group.title,
                points=group.points,
                placeholder=group.placeholder,
                id=group.pk,
                items=tuple(
                    engine.Item(
                        code=item.code,
                        text=item.text,
                        max_points=item.max_points,
                        minimum=item.min_points,
                        mandatory=item.mandatory,
                        evidence_required=item.evidence_required,
                        level=item.level,
                        target=item.target,
                        variants=frozenset(item.variants),
                        guidance=item.guidance,
                        evidence=item.evidence,
                        placeholder=item.placeholder,
                        id=item.pk,
                    )
                    for item in group.items.all()
                ),
            )
            for group in criteria_set.groups.all()
        ),
    )


def set_problems(criteria_set: CriteriaSet, resolved: Resolved | None = None) -> list[str]:
    """What stops the set from being published, extension rules first."""
    resolved = resolved or resolve(criteria_set)
    found = validation.extension_problems(resolved.base, resolved.own) if resolved.base else []
    return found + validation.problems(resolved.effective, title=criteria_set.title)


def set_spec(criteria_set: CriteriaSet) -> SetSpec:
    """The set as a document for export: its own groups and items, and what it extends by key."""
    base = criteria_set.extends
    return SetSpec(
        key=criteria_set.key,
        version=criteria_set.version,
        title=criteria_set.title,
        name=criteria_set.name,
        issuer=criteria_set.issuer,
        document_number=criteria_set.document_number,
        document_date=criteria_set.document_date,
        period_from=criteria_set.period_from,
        period_to=criteria_set.period_to,
        template=criteria_set.is_template,
        source=criteria_set.source,
        placeholder_note=criteria_set.placeholder_note,
        extends=(base.key, base.version) if base else None,
        rules=resolve(criteria_set).own,
    )

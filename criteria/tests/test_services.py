"""Writes to criteria sets: drafts change, published versions never do; local sets add and raise."""

from decimal import Decimal

import pytest
from auditlog.models import LogEntry

from criteria import selectors, services
from criteria.enums import Status
from criteria.models import CriteriaSet, Item
from criteria.services import CriteriaError
from criteria.shipped import template_files
from criteria.spec import spec_to_mapping
from criteria.tests.builders import spec
from criteria.yamlfile import read_yaml


def test_province_staff_import_and_publish_a_national_set(world, national):
    assert national.status == Status.PUBLISHED and national.published_by == world.staff
    assert [i.code for i in selectors.effective_set(national).all_items()] == ["1.1", "1.2", "2.1", "2.2"]


def test_only_staff_over_a_province_may_write_national_sets(world):
    assert services.may_manage(world.staff, None)
    for user in (world.officer_a, world.viewer_a, world.head_a1):
        assert not services.may_manage(user, None)
    with pytest.raises(CriteriaError, match="cả nước"):
        services.criteria_set_import(by=world.officer_a, spec=spec(), area=None)


def test_a_published_set_refuses_every_change(world, national):
    group = national.groups.first()
    item = national.items.first()
    for change in (
        lambda: services.criteria_set_update(by=world.staff, criteria_set=national, name="Khác"),
        lambda: services.group_create(by=world.staff, criteria_set=national, code="9", title="Mới"),
        lambda: services.item_update(by=world.staff, item=item, code="1.1", text="x", max_points=Decimal(5)),
        lambda: services.item_delete(by=world.staff, item=item),
        lambda: services.group_move(by=world.staff, group=group, offset=1),
        lambda: services.criteria_set_delete(by=world.staff, criteria_set=national),
    ):
        with pytest.raises(CriteriaError, match="phiên bản mới"):
            change()
    assert Item.objects.get(pk=item.pk).text == item.text


def test_editing_a_published_set_makes_a_draft_copy_and_publishing_it_retires_the_old(world, national):
    draft = services.criteria_set_new_version(by=world.staff, criteria_set=national)
    assert (draft.key, draft.version, draft.status) == (national.key, 2, Status.DRAFT)
    copied, original = spec_to_mapping(selectors.set_spec(draft)), spec_to_mapping(selectors.set_spec(national))
    assert copied == {**original, "version": 2}
    with pytest.raises(CriteriaError, match="bản nháp"):
        services.criteria_set_new_version(by=world.staff, criteria_set=national)
    services.item_update(
        by=world.staff, item=draft.items.get(code="1.1"), code="1.1", text="Sửa lời", max_points=Decimal(25)
    )
    services.criteria_set_publish(by=world.staff, criteria_set=draft)
    national.refresh_from_db()
    assert national.status == Status.RETIRED and national.retired_by == world.staff
    assert national.items.get(code="1.1").text == "Một"


def test_a_set_whose_checks_fail_is_not_published_and_the_problems_are_given(world, national):
    draft = services.criteria_set_new_version(by=world.staff, criteria_set=national)
    services.criteria_set_update(by=world.staff, criteria_set=draft, total_points=Decimal(90))
    with pytest.raises(CriteriaError) as refused:
        services.criteria_set_publish(by=world.staff, criteria_set=draft)
    assert refused.value.problems == ["Các mục cộng lại được 100 điểm, không khớp tổng điểm đã khai là 90."]
    assert CriteriaSet.objects.get(pk=draft.pk).status == Status.DRAFT


def test_a_local_set_adds_two_criteria_raises_the_pass_mark_and_is_published(world, national):
    local = services.criteria_set_extend(by=world.staff, base=national, area=world.province, name="Bộ của tỉnh")
    group = services.group_create(by=world.staff, criteria_set=local, code="5", title="Tiêu chí riêng của tỉnh")
    for code in ("5.1", "5.2"):
        services.item_create(by=world.staff, group=group, code=code, text=f"Riêng {code}", max_points=Decimal(5))
    assert selectors.set_problems(local) == ["Các mục cộng lại được 110 điểm, không khớp tổng điểm đã khai là 100."]
    services.criteria_set_update(by=world.staff, criteria_set=local, total_points=Decimal(110), pass_mark=Decimal(88))
    services.criteria_set_publish(by=world.staff, criteria_set=local)
    effective = selectors.effective_set(local)
    assert [(i.code, i.origin) for i in effective.all_items()][-2:] == [
        ("5.1", "Tỉnh Thử Nghiệm"),
        ("5.2", "Tỉnh Thử Nghiệm"),
    ]
    assert (effective.total, effective.pass_mark, effective.item_floor) == (110, 88, 5)


def test_a_local_set_may_not_reuse_an_inherited_code_nor_lower_the_pass_mark(world, national):
    local = services.criteria_set_extend(by=world.staff, base=national, area=world.province, name="Bộ của tỉnh")
    group = services.group_create(by=world.staff, criteria_set=local, code="1", title="")
    with pytest.raises(CriteriaError, match="đã có trong bộ được mở rộng"):
        services.item_create(by=world.staff, group=group, code="1.1", text="x", max_points=Decimal(5))
    services.criteria_set_update(by=world.staff, criteria_set=local, pass_mark=Decimal(70))
    with pytest.raises(CriteriaError) as refused:
        services.criteria_set_publish(by=world.staff, criteria_set=local)
    assert "Bộ địa phương chỉ được nâng điểm đạt, không được hạ (70 thấp hơn 80)." in refused.value.problems


def test_a_local_set_keeps_the_title_and_rule_of_its_base(world, national):
    local = services.criteria_set_extend(by=world.staff, base=national, area=world.province, name="Bộ của tỉnh")
    with pytest.raises(CriteriaError, match="giữ danh hiệu"):
        services.criteria_set_update(by=world.staff, criteria_set=local, rule="bands")


def test_only_a_published_set_of_a_higher_area_can_be_extended(world, national):
    draft = services.criteria_set_import(by=world.staff, spec=spec(key="nhap"), area=world.province)
    with pytest.raises(CriteriaError, match="đã công bố"):
        services.criteria_set_extend(by=world.staff, base=draft, area=world.province, name="x")
    services.criteria_set_publish(by=world.staff, criteria_set=draft)
    commune_set = services.criteria_set_extend(by=world.staff, base=draft, area=world.commune_a, name="x")
    services.criteria_set_publish(by=world.staff, criteria_set=commune_set)
    with pytest.raises(CriteriaError, match="Phường An Hòa"):
        services.criteria_set_extend(by=world.staff, base=commune_set, area=world.province, name="y")


def test_a_set_that_would_extend_itself_through_a_cycle_is_refused_naming_the_key(world, national):
    local = services.criteria_set_import(
        by=world.staff,
        spec=spec(key="bo-tinh", extends={"key": national.key, "version": 1}, groups=[], pass_mark=85),
        area=world.province,
    )
    services.criteria_set_publish(by=world.staff, criteria_set=local)
    looping = spec(key=national.key, extends={"key": "bo-tinh", "version": 1})
    with pytest.raises(CriteriaError, match="thu-nghiem sẽ tự mở rộng chính nó"):
        services.criteria_set_import(by=world.staff, spec=looping, area=None)
    with pytest.raises(CriteriaError, match="tự mở rộng"):
        services.criteria_set_import(
            by=world.staff, spec=spec(key="bo-tinh", extends={"key": "bo-tinh", "version": 1}), area=world.province
        )


def test_importing_a_known_key_makes_its_next_version_and_another_areas_key_is_refused(world, national):
    again = services.criteria_set_import(by=world.staff, spec=spec(), area=None)
    assert (again.key, again.version, again.status) == (national.key, 2, Status.DRAFT)
    with pytest.raises(CriteriaError, match="key: thu-nghiem"):
        services.criteria_set_import(by=world.staff, spec=spec(), area=world.province)


def test_an_import_with_problems_is_refused_whole(world):
    with pytest.raises(CriteriaError) as refused:
        services.criteria_set_import(by=world.staff, spec=spec(item_floor=30), area=None)
    assert len(refused.value.problems) == 4
    assert not CriteriaSet.objects.exists()


def test_moving_an_item_down_and_up_renumbers_the_group(world, national):
    draft = services.criteria_set_new_version(by=world.staff, criteria_set=national)
    first = draft.items.get(code="1.1")
    services.item_move(by=world.staff, item=first, offset=1)
    assert list(draft.groups.get(code="1").items.order_by("position").values_list("code", flat=True)) == ["1.2", "1.1"]
    services.item_move(by=world.staff, item=first, offset=-1)
    services.item_move(by=world.staff, item=first, offset=-1)
    assert list(draft.groups.get(code="1").items.order_by("position").values_list("code", flat=True)) == ["1.1", "1.2"]


def test_bands_and_levels_are_added_to_drafts_only(world):
    draft = services.criteria_set_create(by=world.staff, area=world.province, title="unit", name="Đơn vị", rule="bands")
    services.band_create(by=world.staff, criteria_set=draft, label="Tốt", low=Decimal(85), high=Decimal(100))
    with pytest.raises(CriteriaError, match="đã có"):
        services.band_create(by=world.staff, criteria_set=draft, label="Tốt", low=Decimal(70), high=Decimal(85))
    with pytest.raises(CriteriaError, match="kết thúc ở trên"):
        services.band_create(by=world.staff, criteria_set=draft, label="Khá", low=Decimal(85), high=Decimal(70))
    services.level_create(by=world.staff, criteria_set=draft, number=1, name="Mức 1")
    assert (draft.bands.count(), draft.levels.count()) == (1, 1)


def test_every_change_to_a_set_is_in_the_audit_log(world, national):
    draft = services.criteria_set_new_version(by=world.staff, criteria_set=national)
    services.criteria_set_publish(by=world.staff, criteria_set=draft)
    changes = LogEntry.objects.get_for_object(draft).order_by("timestamp")
    assert changes.last().changes_dict["status"] == ["draft", "published"]


@pytest.mark.parametrize("path", template_files(), ids=lambda path: path.stem)
def test_a_set_imported_then_exported_from_the_database_is_the_same_document(world, path):
    document = read_yaml(path.read_bytes())
    imported = services.criteria_set_import(by=world.staff, spec=document, area=None)
    assert spec_to_mapping(selectors.set_spec(imported)) == spec_to_mapping(document)

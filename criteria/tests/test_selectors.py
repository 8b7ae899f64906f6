"""Who reads which set, the effective set in a fixed number of queries, and the sets a campaign may use."""

from decimal import Decimal

from criteria import selectors, services
from criteria.enums import Status


def test_the_effective_set_of_a_chain_loads_in_five_queries(world, national, django_assert_num_queries):
    province = services.criteria_set_extend(by=world.staff, base=national, area=world.province, name="Tỉnh")
    group = services.group_create(by=world.staff, criteria_set=province, code="5", title="Tỉnh", points=Decimal(5))
    services.item_create(by=world.staff, group=group, code="5.1", text="Tỉnh", max_points=Decimal(5))
    services.criteria_set_update(by=world.staff, criteria_set=province, total_points=Decimal(105))
    services.criteria_set_publish(by=world.staff, criteria_set=province)
    commune = services.criteria_set_extend(by=world.staff, base=province, area=world.commune_a, name="Phường")
    group = services.group_create(by=world.staff, criteria_set=commune, code="2", title="")
    services.item_create(by=world.staff, group=group, code="2.3", text="Phường", max_points=Decimal(5))
    with django_assert_num_queries(5):
        effective = selectors.effective_set(commune)
    assert [(i.code, i.origin) for i in effective.all_items()] == [
        ("1.1", ""),
        ("1.2", ""),
        ("2.1", ""),
        ("2.2", ""),
        ("2.3", "Phường An Hòa"),
        ("5.1", "Tỉnh Thử Nghiệm"),
    ]
    assert effective.total == 105  # the commune has not declared its new total yet
    assert selectors.set_problems(commune) == ["Các mục cộng lại được 110 điểm, không khớp tổng điểm đã khai là 105."]


def test_sets_are_read_nationally_in_scope_and_from_above(world, national, province_set, commune_b_set):
    def names(user):
        return set(selectors.sets_visible_to(user).values_list("key", flat=True))

    assert names(world.officer_a) == {"thu-nghiem", "bo-tinh"}
    assert names(world.officer_b) == {"thu-nghiem", "bo-tinh", "bo-xa-b"}
    assert names(world.staff) == {"thu-nghiem", "bo-tinh", "bo-xa-b"}


def test_a_campaign_chooses_among_the_published_sets_of_its_title_that_apply_in_its_area(world, national, draft):
    local = services.criteria_set_extend(by=world.staff, base=national, area=world.commune_b, name="Xã B")
    services.criteria_set_publish(by=world.staff, criteria_set=local)
    in_a = selectors.published_sets_for(title="family", area=world.village_a1)
    assert list(in_a) == [national]
    in_b = selectors.published_sets_for(title="family", area=world.village_b1)
    assert list(in_b) == [national, local]
    assert not selectors.published_sets_for(title="unit", area=world.village_b1).exists()
    assert all(s.status == Status.PUBLISHED for s in in_b)

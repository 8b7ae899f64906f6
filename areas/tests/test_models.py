import datetime

from areas.enums import Kind
from areas.models import Area, FormerName


def test_a_subtree_is_one_range_filter(world, django_assert_num_queries):
    with django_assert_num_queries(1):
        names = set(Area.objects.under(world.commune_a).values_list("name", flat=True))
    assert names == {"Phường An Hòa", "Tổ dân phố Đông", "Tổ dân phố Tây"}


def test_the_map_on_a_date_holds_only_the_areas_in_force(world):
    before, after = datetime.date(2025, 6, 30), datetime.date(2025, 7, 1)
    assert world.former in Area.objects.valid_on(before)
    assert world.former not in Area.objects.valid_on(after)
    assert world.commune_a in Area.objects.valid_on(after)
    assert world.commune_a not in Area.objects.valid_on(before)


def test_a_renamed_area_answers_with_the_name_of_the_time(world):
    FormerName.objects.create(
        area=world.former, name="Thị trấn Cũ", kind=Kind.TOWNSHIP, until=datetime.date(2025, 1, 1)
    )
    assert world.former.name_on(datetime.date(2024, 12, 31)) == "Thị trấn Cũ"
    assert world.former.name_on(datetime.date(2025, 1, 1)) == "Xã Đồng Cũ"

from accounts.models import RoleAssignment
from accounts.scope import visible, visible_areas
from areas.models import Area


def test_an_officer_reads_their_commune_and_what_merged_into_it(world):
    names = set(visible_areas(world.officer_a).values_list("name", flat=True))
    assert {"Phường An Hòa", "Tổ dân phố Đông", "Xã Đồng Cũ", "Thôn Cũ"} <= names
    assert "Xã Bình Minh" not in names and "Tỉnh Thử Nghiệm" not in names


def test_a_village_head_reads_only_their_village(world):
    assert list(visible_areas(world.head_a1)) == [world.village_a1]


def test_a_superuser_reads_everything(world):
    from tests.world import make_user

    root = make_user("root", is_superuser=True)
    assert visible(Area.objects.all(), root, "path").count() == Area.objects.count()


def test_writing_needs_a_capability_on_todays_map(world):
    assert world.officer_a.can("manage_villages", world.commune_a)
    assert not world.officer_a.can("manage_villages", world.former)
    assert not world.officer_a.can("manage_villages", world.commune_b)
    assert not world.viewer_a.can("manage_villages", world.commune_a)
    assert world.staff.can("manage_villages", world.commune_b)


def test_scope_filters_any_model_through_its_area(world):
    rows = visible(RoleAssignment.objects.all(), world.officer_a)
    assert {r.user.username for r in rows} == {"officer_a", "head_a1", "council_a", "viewer_a"}

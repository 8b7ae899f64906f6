from areas.paths import ids, outermost, segment, upper_bound


def test_segments_have_a_fixed_width_so_prefixes_compare_as_ranges():
    assert segment(7) == "00000007/"
    assert ids("00000001/00000042/") == [1, 42]


def test_the_upper_bound_is_above_every_descendant_and_below_the_next_sibling():
    parent = "00000001/00000042/"
    child = parent + "00099999/"
    sibling = "00000001/00000043/"
    assert parent <= child < upper_bound(parent) <= sibling


def test_outermost_drops_subtrees_inside_others():
    assert outermost(["00000001/00000002/", "00000001/", "00000003/"]) == ["00000001/", "00000003/"]

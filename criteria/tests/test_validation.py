"""What stops a set from being published, each named by its item, group, band or level."""

from criteria.tests.builders import BANDS, banded, levelled, rules
from criteria.validation import extension_problems, problems


def test_the_sample_sets_of_every_shape_are_valid():
    assert problems(rules()) == []
    assert problems(banded()) == []
    assert problems(levelled()) == []


def test_points_that_do_not_add_up_are_named_with_both_sums():
    found = problems(rules(total=90))
    assert "Các mục cộng lại được 100 điểm, không khớp tổng điểm đã khai là 90." in found


def test_a_group_whose_items_do_not_add_up_to_its_points_is_named():
    groups = rules().groups
    found = problems(rules(groups=[{"code": "1", "points": 40, "items": [{"code": "1.1", "text": "x", "max": 100}]}]))
    assert groups and "Nhóm 1: các mục cộng lại được 100 điểm, không khớp 40 điểm của nhóm." in found


def test_a_gap_and_an_overlap_between_bands_are_named():
    gap = [{"label": "Tốt", "from": 85, "to": 100}, {"label": "Khá", "from": 70, "to": 80}]
    assert problems(banded(bands=gap)) == ["Có khoảng trống giữa xếp loại Khá (đến 80) và Tốt (từ 85)."]
    overlap = [{"label": "Tốt", "from": 85, "to": 100}, {"label": "Khá", "from": 70, "to": 86}]
    assert problems(banded(bands=overlap)) == ["Xếp loại Khá (đến 86) và Tốt (từ 85) chồng lên nhau."]


def test_bands_must_reach_the_total_and_a_failing_band_cannot_sit_above_a_passing_one():
    short = [{"label": "Tốt", "from": 85, "to": 95}, *BANDS[1:]]
    assert "Xếp loại cao nhất Tốt kết thúc ở 95, không phải ở tổng điểm 100." in problems(banded(bands=short))
    upside = [{"label": "Tốt", "from": 85, "to": 100, "passes": False}, *BANDS[1:]]
    assert "Xếp loại Tốt không được công nhận nhưng lại nằm trên Khá, là xếp loại được công nhận." in problems(
        banded(bands=upside)
    )


def test_a_floor_above_an_items_maximum_is_named():
    assert problems(rules(item_floor=30)) == [
        f"Điểm sàn 30 cho mọi mục cao hơn điểm tối đa của mục {code} (25)." for code in ("1.1", "1.2", "2.1", "2.2")
    ]


def test_an_items_minimum_above_its_maximum_is_named():
    groups = [{"code": "1", "items": [{"code": "1.1", "text": "x", "max": 100, "min": 120}]}]
    assert "Mục 1.1: điểm tối thiểu 120 nằm ngoài khoảng 0–100." in problems(rules(groups=groups, item_floor=None))


def test_every_level_needs_a_target_and_levels_are_numbered_from_1():
    extra = [{"number": n, "name": f"Mức {n}"} for n in (1, 2, 3, 4)]
    assert problems(levelled(levels=extra)) == ["Mức 4 chưa có chỉ tiêu nào."]
    skipping = [{"number": 1, "name": "Mức 1"}, {"number": 3, "name": "Mức 3"}]
    found = problems(levelled(levels=skipping))
    assert "Các mức phải đánh số 1, 2, 3… liên tiếp, không trùng." in found
    assert "Mục 2.1 thuộc mức 2, nhưng bộ tiêu chí không có mức này." in found


def test_a_citizen_sets_forms_are_labour_groups_and_every_form_adds_up():
    groups = [
        {
            "code": "1",
            "items": [
                {"code": "1.1", "text": "x", "max": 50},
                {"code": "1.2", "text": "y", "max": 50, "forms": ["farmer"]},
                {"code": "1.3", "text": "z", "max": 40, "forms": ["traders"]},
            ],
        }
    ]
    forms = [{"key": "farmer", "label": "Nông dân"}, {"key": "traders", "label": "Tiểu thương"}]
    found = problems(rules(groups=groups, forms=forms, item_floor=None), title="citizen")
    assert "Phiếu traders không phải là một nhóm lao động (farmer, worker, official, other)." in found
    assert "Các mục cộng lại được 90 điểm (phiếu “Tiểu thương”), không khớp tổng điểm đã khai là 100." in found


def test_a_local_set_may_raise_thresholds_and_add_items_but_not_lower_or_reuse_codes():
    base = rules()
    raised = rules(
        pass_mark=85, item_floor=6, groups=[{"code": "5", "items": [{"code": "5.1", "text": "x", "max": 5}]}]
    )
    assert extension_problems(base, raised) == []
    lowered = rules(
        pass_mark=75, item_floor=4, groups=[{"code": "1", "items": [{"code": "1.1", "text": "x", "max": 5}]}]
    )
    assert extension_problems(base, lowered) == [
        "Bộ địa phương chỉ được nâng điểm đạt, không được hạ (75 thấp hơn 80).",
        "Bộ địa phương chỉ được nâng điểm sàn của mọi mục, không được hạ (4 thấp hơn 5).",
        "Mục 1.1 đã có trong bộ được mở rộng; hãy đặt mã khác cho mục của địa phương.",
    ]


def test_a_local_set_may_not_lower_a_band_or_change_the_rule():
    lower = [{"label": "Tốt", "from": 80, "to": 100}, *BANDS[1:]]
    assert extension_problems(banded(), banded(bands=lower, groups=[])) == [
        "Bộ địa phương chỉ được nâng điểm bắt đầu của xếp loại Tốt, không được hạ (80 thấp hơn 85)."
    ]
    assert extension_problems(banded(), rules(groups=[])) == ["Bộ địa phương giữ cách xét kết quả của bộ được mở rộng."]

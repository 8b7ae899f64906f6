"""The rules engine at and around every boundary of every shape, and its properties."""

from decimal import Decimal
from itertools import pairwise

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from criteria.engine import Band, Group, InvalidScores, Item, Level, RuleSet, evaluate, extend
from criteria.enums import ReasonCode, Rule
from criteria.tests.builders import BANDS, banded, levelled, rules

D = Decimal


def scores(a="25", b="25", c="25", d="25") -> dict:
    return {"1.1": D(a), "1.2": D(b), "2.1": D(c), "2.2": D(d)}


def codes(outcome) -> list[str]:
    return [reason.code for reason in outcome.reasons]


@pytest.mark.parametrize(
    ("values", "passed", "reasons"),
    [
        (("25", "25", "25", "5"), True, []),  # exactly 80
        (("25", "25", "25", "4.5"), False, [ReasonCode.BELOW_PASS_MARK, ReasonCode.BELOW_FLOOR]),  # 79.5
        (("25", "25", "25", "4.99"), False, [ReasonCode.BELOW_PASS_MARK, ReasonCode.BELOW_FLOOR]),
        (("25", "25", "25.0", "5.00"), True, []),
        (("25", "25", "24.5", "5.5"), True, []),  # 80 again, with half points
        (("25", "25", "25", "25"), True, []),
        (("25", "25", "20", "9.5"), False, [ReasonCode.BELOW_PASS_MARK]),  # 79.5, no item under 5
        (("0", "25", "25", "25"), False, [ReasonCode.BELOW_PASS_MARK, ReasonCode.BELOW_FLOOR]),
    ],
)
def test_a_pass_mark_set_passes_at_80_and_no_item_under_5(values, passed, reasons):
    outcome = evaluate(rules(), scores(*values))
    assert outcome.passed is passed
    assert sorted(codes(outcome)) == sorted(reasons)


def test_one_item_under_the_floor_fails_a_subject_well_above_the_pass_mark():
    wide = rules(
        groups=[
            {"code": "1", "items": [{"code": c, "text": c, "max": m} for c, m in (("a", 45), ("b", 45), ("c", 10))]}
        ]
    )
    outcome = evaluate(wide, {"a": D(45), "b": D(45), "c": D("4.5")})
    assert outcome.total == D("94.5") and not outcome.passed
    assert codes(outcome) == [ReasonCode.BELOW_FLOOR]
    assert evaluate(wide, {"a": D(45), "b": D(45), "c": D(5)}).passed


def test_the_floor_reason_names_the_item_its_score_and_its_floor():
    outcome = evaluate(rules(), scores(d="4.5"))
    floor = next(r for r in outcome.reasons if r.code == ReasonCode.BELOW_FLOOR)
    assert (floor.item, floor.score, floor.required) == ("2.2", D("4.5"), D(5))
    assert floor.message == "Mục 2.2 được 4,5 điểm, dưới mức sàn 5 điểm."


def test_an_items_own_minimum_above_the_sets_floor_applies():
    document = rules(groups=[{"code": "1", "items": [{"code": "1.1", "text": "x", "max": 100, "min": 90}]}])
    assert not evaluate(document, {"1.1": D("89.5")}).passed
    assert evaluate(document, {"1.1": D(90)}).passed


@pytest.mark.parametrize(
    ("total", "grade", "passed"),
    [
        ("100", "Tốt", True),
        ("85", "Tốt", True),
        ("84.99", "Khá", True),
        ("70", "Khá", True),
        ("69.99", "Trung bình", True),
        ("50", "Trung bình", True),
        ("49.99", "", False),
        ("49.5", "", False),
        ("0", "", False),
    ],
)
def test_grade_bands_take_the_lower_bound_and_leave_the_upper(total, grade, passed):
    value = D(total)
    parts = [min(value, D(25)), min(max(value - 25, D(0)), D(25)), min(max(value - 50, D(0)), D(25))]
    parts.append(value - sum(parts))
    outcome = evaluate(banded(), dict(zip(["1.1", "1.2", "2.1", "2.2"], parts, strict=True)))
    assert (outcome.grade, outcome.passed, outcome.total) == (grade, passed, value)
    if not passed:
        assert codes(outcome) == [ReasonCode.BELOW_BANDS]
        assert outcome.reasons[0].label == "Trung bình"


def test_a_band_marked_as_not_passing_fails_with_its_name():
    failing = banded(bands=[*BANDS, {"label": "Yếu", "from": 0, "to": 50, "passes": False}])
    outcome = evaluate(failing, scores("10", "10", "10", "10"))
    assert not outcome.passed and codes(outcome) == [ReasonCode.FAILING_BAND]


@pytest.mark.parametrize(
    ("values", "level"),
    [
        ({"0.1": 1, "1.1": 1, "1.2": 1, "2.1": 80, "3.1": 1}, 3),
        ({"0.1": 1, "1.1": 1, "1.2": 1, "2.1": 80, "3.1": 0}, 2),
        ({"0.1": 1, "1.1": 1, "1.2": 1, "2.1": "79.99", "3.1": 1}, 1),  # level 3 met, level 2 missed → 1
        ({"0.1": 1, "1.1": 1, "1.2": 0, "2.1": 100, "3.1": 1}, None),  # level 2 met, one level-1 target missed
        ({"0.1": 0, "1.1": 1, "1.2": 1, "2.1": 100, "3.1": 1}, None),  # the mandatory condition failed
    ],
)
def test_a_level_is_reached_only_with_every_target_of_it_and_below(values, level):
    outcome = evaluate(levelled(), {code: D(str(value)) for code, value in values.items()})
    assert outcome.level == level
    assert outcome.passed is (level is not None)
    if level is not None:
        assert outcome.level_name == f"Mức {level}"


def test_no_level_names_the_missed_level_1_target():
    outcome = evaluate(levelled(), {"0.1": D(1), "1.1": D(1), "1.2": D(0), "2.1": D(100), "3.1": D(1)})
    assert [(r.code, r.item, r.level) for r in outcome.reasons] == [(ReasonCode.TARGET_MISSED, "1.2", 1)]
    assert outcome.messages == ["Chỉ tiêu 1.2 của Mức 1 chưa đạt: 0 trên yêu cầu 1."]


def test_a_failed_mandatory_item_fails_every_shape_whatever_the_total():
    mandatory = [
        {
            "code": "1",
            "items": [
                {"code": "1.1", "text": "x", "max": 90},
                {"code": "1.2", "text": "y", "max": 10, "mandatory": True},
            ],
        }
    ]
    for document in (
        rules(groups=mandatory, item_floor=None, total=100),
        banded(groups=mandatory),
    ):
        outcome = evaluate(document, {"1.1": D(90), "1.2": D("9.5")})
        assert not outcome.passed and outcome.grade == ""
        assert codes(outcome) == [ReasonCode.MANDATORY_FAILED]
        assert evaluate(document, {"1.1": D(90), "1.2": D(10)}).passed


def test_a_mandatory_item_with_a_minimum_needs_only_that():
    document = rules(
        item_floor=None,
        groups=[
            {
                "code": "1",
                "items": [
                    {"code": "1.1", "text": "x", "max": 90},
                    {"code": "1.2", "text": "y", "max": 10, "min": 5, "mandatory": True},
                ],
            }
        ],
    )
    assert evaluate(document, {"1.1": D(90), "1.2": D(5)}).passed
    assert not evaluate(document, {"1.1": D(90), "1.2": D("4.5")}).passed


def test_an_unscored_item_leaves_the_subject_not_passed_with_a_reason():
    outcome = evaluate(rules(), {"1.1": D(25), "1.2": D(25), "2.1": D(25)})
    assert not outcome.passed
    assert ReasonCode.NOT_SCORED in codes(outcome)


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({"1.1": D("25.5")}, "Điểm của mục 1.1 là 25,5, vượt điểm tối đa 25."),
        ({"1.1": D("-0.5")}, "Điểm của mục 1.1 nhỏ hơn 0."),
        ({"9.9": D(1)}, "Bộ tiêu chí không có mục 9.9."),
        ({"1.1": "nhiều"}, "Điểm của mục 1.1 không phải là số."),
        ({"1.1": float("nan")}, "Điểm của mục 1.1 không phải là số."),
    ],
)
def test_scores_out_of_range_are_refused_never_clipped(given, message):
    with pytest.raises(InvalidScores) as refused:
        evaluate(rules(), given)
    assert refused.value.problems == [message]


def test_floats_are_read_through_their_text_so_84_99_stays_under_85():
    outcome = evaluate(banded(), {"1.1": 25.0, "1.2": 25, "2.1": 25, "2.2": 9.99})
    assert outcome.total == D("84.99") and outcome.grade == "Khá"


CITIZEN_FORMS = [{"key": "farmer", "label": "Nông dân"}, {"key": "official", "label": "Cán bộ"}]


def forms_set() -> RuleSet:
    groups = [
        {
            "code": "1",
            "items": [
                {"code": "1.1", "text": "Chung", "max": 50},
                {"code": "1.2a", "text": "Nông dân", "max": 50, "forms": ["farmer"]},
                {"code": "1.2b", "text": "Cán bộ", "max": 50, "forms": ["official"]},
            ],
        }
    ]
    return rules(groups=groups, forms=CITIZEN_FORMS, item_floor=None)


def test_each_form_of_a_set_is_evaluated_on_its_own_items():
    rules_ = forms_set()
    assert [i.code for i in rules_.items("farmer")] == ["1.1", "1.2a"]
    assert evaluate(rules_, {"1.1": D(40), "1.2a": D(40)}, "farmer").passed
    with pytest.raises(InvalidScores, match=r"1\.2b"):
        evaluate(rules_, {"1.1": D(40), "1.2b": D(40)}, "farmer")


def test_a_set_with_forms_needs_one_and_a_set_without_ignores_it():
    with pytest.raises(InvalidScores):
        evaluate(forms_set(), {"1.1": D(40)})
    assert evaluate(rules(), scores(), "farmer").passed


def test_a_local_extension_adds_items_and_raises_thresholds_marked_with_its_origin():
    base = rules()
    local = RuleSet(
        rule=Rule.PASS_MARK,
        total=D(110),
        pass_mark=D(88),
        groups=(
            Group(
                code="2", title="", points=D(5), items=(Item(code="2.3", text="Thêm vào tiêu chí 2", max_points=D(5)),)
            ),
            Group(code="5", title="Địa phương", items=(Item(code="5.1", text="Riêng", max_points=D(5)),)),
        ),
    )
    merged = extend(base, local, origin="Phường An Hòa")
    assert (merged.total, merged.pass_mark, merged.item_floor) == (D(110), D(88), D(5))
    assert [g.code for g in merged.groups] == ["1", "2", "5"]
    assert merged.groups[1].points == D(55)
    assert [(i.code, i.local) for i in merged.groups[1].items] == [("2.1", False), ("2.2", False), ("2.3", True)]
    assert merged.groups[2].local and merged.groups[2].items[0].origin == "Phường An Hòa"


# --- Properties ----------------------------------------------------------------------------------

points = st.decimals(min_value=D("0.5"), max_value=D(30), places=1, allow_nan=False, allow_infinity=False)


@st.composite
def rule_sets(draw):
    """Any valid set of any shape: items with maxima, optional minima and mandatory flags."""
    rule = draw(st.sampled_from(Rule.values))
    count = draw(st.integers(min_value=1, max_value=6))
    items = []
    for n in range(count):
        maximum = draw(points)
        minimum = draw(st.none() | st.decimals(min_value=0, max_value=maximum, places=1))
        level = draw(st.integers(min_value=1, max_value=3)) if rule == Rule.LEVELS else None
        items.append(
            Item(
                code=f"{n + 1}",
                text="x",
                max_points=maximum,
                minimum=minimum,
                mandatory=draw(st.booleans()),
                level=level,
            )
        )
    total = sum(item.max_points for item in items)
    bands = levels = ()
    if rule == Rule.BANDS:
        cuts = sorted(draw(st.sets(st.decimals(min_value=0, max_value=total, places=1), min_size=2, max_size=4)))
        bands = tuple(Band(label=f"B{n}", low=low, high=high) for n, (low, high) in enumerate(pairwise(cuts)))
        bands = bands or (Band(label="B", low=D(0), high=total),)
        bands = (*bands[:-1], Band(label=bands[-1].label, low=bands[-1].low, high=total))
    if rule == Rule.LEVELS:
        levels = tuple(Level(number=n, name=f"Mức {n}") for n in (1, 2, 3))
    return RuleSet(
        rule=rule,
        total=total if rule != Rule.LEVELS else None,
        pass_mark=draw(st.decimals(min_value=D("0.1"), max_value=total, places=1)) if rule == Rule.PASS_MARK else None,
        item_floor=draw(st.none() | st.decimals(min_value=0, max_value=D("0.5"), places=1))
        if rule != Rule.LEVELS
        else None,
        bands=bands,
        levels=levels,
        groups=(Group(code="1", title="", items=tuple(items)),),
    )


@st.composite
def scored(draw):
    rules_ = draw(rule_sets())
    values = {
        item.code: draw(st.decimals(min_value=0, max_value=item.max_points, places=2)) for item in rules_.all_items()
    }
    return rules_, values


def standing(rules_: RuleSet, outcome) -> tuple:
    """Outcomes in order: not passed < passed, and among passed the higher band or level."""
    bands = [band.label for band in sorted(rules_.bands, key=lambda band: band.low)]
    rank = bands.index(outcome.grade) if outcome.grade else outcome.level or 0
    return (outcome.passed, rank)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(scored())
def test_the_evaluator_never_crashes_on_a_valid_set_and_valid_scores(case):
    rules_, values = case
    outcome = evaluate(rules_, values)
    assert outcome.total == sum(values.values())
    assert outcome.passed == (not outcome.reasons or (rules_.rule == Rule.LEVELS and outcome.level is not None))


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(scored(), st.data())
def test_raising_one_items_score_never_lowers_the_outcome(case, data):
    rules_, values = case
    item = data.draw(st.sampled_from(rules_.all_items()))
    raised = dict(
        values, **{item.code: data.draw(st.decimals(min_value=values[item.code], max_value=item.max_points, places=2))}
    )
    assert standing(rules_, evaluate(rules_, raised)) >= standing(rules_, evaluate(rules_, values))


@settings(max_examples=100, deadline=None)
@given(scored(), st.dictionaries(st.text(max_size=4), st.one_of(st.decimals(), st.integers(), st.text(max_size=3))))
def test_any_scores_give_an_outcome_or_a_refusal_never_a_crash(case, extra):
    rules_, values = case
    try:
        evaluate(rules_, {**values, **extra})
    except InvalidScores as refused:
        assert refused.problems

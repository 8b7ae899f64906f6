"""Small criteria sets for the tests, written as the mapping a YAML file holds."""

from criteria.engine import RuleSet
from criteria.spec import SetSpec, spec_from_mapping


def document(**overrides) -> dict:
    """A pass-mark set: 2 groups, 4 items of 25 points, pass at 80, floor 5."""
    data = {
        "key": "thu-nghiem",
        "title": "family",
        "name": "Bộ thử nghiệm",
        "rule": "pass_mark",
        "total": 100,
        "pass_mark": 80,
        "item_floor": 5,
        "groups": [
            {
                "code": "1",
                "title": "Tiêu chí 1",
                "points": 50,
                "items": [{"code": "1.1", "text": "Một", "max": 25}, {"code": "1.2", "text": "Hai", "max": 25}],
            },
            {
                "code": "2",
                "title": "Tiêu chí 2",
                "points": 50,
                "items": [{"code": "2.1", "text": "Ba", "max": 25}, {"code": "2.2", "text": "Bốn", "max": 25}],
            },
        ],
    }
    data.update(overrides)
    return data


def spec(**overrides) -> SetSpec:
    return spec_from_mapping(document(**overrides))


def rules(**overrides) -> RuleSet:
    return spec(**overrides).rules


BANDS = [
    {"label": "Tốt", "from": 85, "to": 100},
    {"label": "Khá", "from": 70, "to": 85},
    {"label": "Trung bình", "from": 50, "to": 70},
]


def banded(**overrides) -> RuleSet:
    return rules(**{"rule": "bands", "pass_mark": None, "item_floor": None, "bands": BANDS, **overrides})


def levelled(**overrides) -> RuleSet:
    """Mức 1 needs 1.1 and 1.2 (yes/no), Mức 2 needs 2.1 ≥ 80 (a percentage), Mức 3 needs 3.1."""
    groups = [
        {
            "code": "0",
            "title": "Điều kiện",
            "items": [{"code": "0.1", "text": "Không vi phạm", "max": 1, "mandatory": True}],
        },
        {
            "code": "1",
            "title": "Mức 1",
            "items": [
                {"code": "1.1", "text": "Có kế hoạch", "max": 1, "level": 1},
                {"code": "1.2", "text": "Có sổ theo dõi", "max": 1, "level": 1},
            ],
        },
        {"code": "2", "title": "Mức 2", "items": [{"code": "2.1", "text": "Tỷ lệ", "max": 100, "min": 80, "level": 2}]},
        {"code": "3", "title": "Mức 3", "items": [{"code": "3.1", "text": "Chia sẻ", "max": 1, "level": 3}]},
    ]
    levels = [{"number": 1, "name": "Mức 1"}, {"number": 2, "name": "Mức 2"}, {"number": 3, "name": "Mức 3"}]
    defaults = {"rule": "levels", "total": None, "pass_mark": None, "item_floor": None}
    return rules(**{**defaults, "levels": levels, "groups": groups, **overrides})

"""Sets as YAML: round trips, and documents refused with the key they stumble on."""

import pytest

from criteria.shipped import template_files
from criteria.spec import FormatError, spec_to_mapping
from criteria.tests.builders import spec
from criteria.yamlfile import read_yaml, write_yaml


@pytest.mark.parametrize("path", template_files(), ids=lambda path: path.stem)
def test_exporting_then_importing_gives_the_same_set(path):
    original = read_yaml(path.read_bytes())
    assert read_yaml(write_yaml(original)) == original
    assert spec_to_mapping(read_yaml(write_yaml(original))) == spec_to_mapping(original)


def test_half_points_survive_the_trip_as_decimals():
    document = spec(groups=[{"code": "1", "items": [{"code": "1.1", "text": "x", "max": "84.99", "min": 4.5}]}])
    item = read_yaml(write_yaml(document)).rules.groups[0].items[0]
    assert (str(item.max_points), str(item.minimum)) == ("84.99", "4.5")


def refused(text: str) -> list[str]:
    with pytest.raises(FormatError) as error:
        read_yaml(text)
    return error.value.problems


def test_an_unknown_key_is_refused_naming_it_and_where_it_is():
    text = write_yaml(spec()).replace("max: 25\n", "max: 25\n    maximum: 30\n", 1)
    assert refused(text) == ["mục 1.1: không có khóa “maximum”"]
    assert refused(write_yaml(spec()) + "colour: red\n") == ["không có khóa “colour”"]


def test_missing_keys_and_wrong_values_are_all_listed():
    text = (
        "key: Bộ Thử\ntitle: school\nrule: pass_mark\ngroups:\n- code: '1'\n  items:\n  - code: '1.1'\n    max: mười\n"
    )
    assert refused(text) == [
        "thiếu khóa “name”",
        "mục 1.1: thiếu khóa “text”",
        "mục 1.1 › max: “mười” không phải là số",
        "title: “school” không thuộc family, clan, community, unit, citizen",
        "key: chỉ dùng chữ thường không dấu, chữ số và dấu gạch ngang",
    ]


def test_numbers_with_more_than_two_decimals_or_below_zero_are_refused():
    groups = [
        {"code": "1", "items": [{"code": "1.1", "text": "x", "max": "2.555"}, {"code": "1.2", "text": "y", "max": -1}]}
    ]
    assert refused(write_yaml(spec()).split("groups:")[0] + "groups: " + str(groups).replace("'", '"')) == [
        "mục 1.1 › max: “2.555” có quá hai chữ số thập phân",
        "mục 1.2 › max: “-1” phải là số từ 0 trở lên",
    ]


def test_broken_yaml_and_aliases_are_refused_with_the_line():
    assert refused("key: a\ngroups: [\n") == ["Dòng 3: nội dung này không phải YAML hợp lệ."]
    assert refused("a: &x [1]\nb: *x\n") == ["Dòng 2: không chấp nhận bí danh (alias) YAML."]
    assert refused(b"\xff\xfe") == ["Tệp không phải văn bản UTF-8."]

"""The template sets shipped with the software: valid, labelled as templates, loaded once."""

import pytest
from django.core.management import call_command

from criteria import selectors
from criteria.enums import Rule, Status, Title
from criteria.models import CriteriaSet
from criteria.shipped import template_files
from criteria.validation import problems
from criteria.yamlfile import read_yaml

SPECS = {path.stem: read_yaml(path.read_bytes()) for path in template_files()}


@pytest.mark.parametrize("key", SPECS)
def test_every_template_is_valid_and_says_it_is_not_official(key):
    spec = SPECS[key]
    assert problems(spec.rules, title=spec.title) == []
    assert spec.key == key and spec.template
    assert spec.name.startswith("[Mẫu]") and "không phải văn bản chính thức" in spec.issuer
    assert spec.source and spec.placeholder_note
    assert not spec.document_number, "a template never carries an official document number"


def test_the_templates_cover_every_title_and_every_rule_shape():
    assert {spec.title for spec in SPECS.values()} == set(Title.values)
    assert {spec.rules.rule for spec in SPECS.values()} == set(Rule.values)


def test_the_learning_citizen_template_has_3_competencies_10_indicators_per_form_and_4_forms():
    rules = SPECS["mau-cong-dan-hoc-tap"].rules
    assert len(rules.groups) == 3
    assert [v.key for v in rules.variants] == ["farmer", "worker", "official", "other"]
    for form in rules.variants:
        items = rules.items(form.key)
        assert len(items) == 10 and sum(item.max_points for item in items) == 100
    assert (rules.pass_mark, rules.item_floor) == (80, 5)


def test_the_family_template_keeps_the_known_30_points_of_criterion_1(db):
    rules = SPECS["mau-gia-dinh-hoc-tap-2016"].rules
    first = rules.groups[0]
    assert first.points == 30 and [item.max_points for item in first.items] == [10, 10, 10]
    assert not first.placeholder and rules.groups[2].placeholder


def test_loading_the_templates_publishes_them_once(db, capsys):
    call_command("load_criteria_templates")
    assert "7/7" in capsys.readouterr().out
    call_command("load_criteria_templates")
    assert "0/7" in capsys.readouterr().out
    sets = CriteriaSet.objects.all()
    assert sets.count() == 7
    assert all(s.status == Status.PUBLISHED and s.is_template and s.area is None for s in sets)
    assert all(not selectors.set_problems(s) for s in sets)

from criteria.enums import Status, Title
from criteria.models import CriteriaSet
from demo.criteria import publish_templates


def test_the_demo_publishes_a_template_set_for_every_title_once(db):
    assert len(publish_templates()) == 7
    assert publish_templates() == []
    published = CriteriaSet.objects.filter(status=Status.PUBLISHED, is_template=True)
    assert set(published.values_list("title", flat=True)) == set(Title.values)

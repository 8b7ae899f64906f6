"""The demo's criteria sets: the templates shipped with the software, published, so that every title can
be assessed. They stay labelled as templates."""

from criteria.models import CriteriaSet
from criteria.shipped import templates_publish


def publish_templates() -> list[CriteriaSet]:
    return templates_publish()

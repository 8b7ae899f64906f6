"""Apart from test_assessments.py, whose demo stays in the database for the whole module."""

from django.db import transaction

from assessments.models import Assessment
from demo.tests.test_assessments import build


def test_the_campaigns_are_the_same_for_a_seed(db):
    def snapshot() -> list:
        with transaction.atomic():
            build(11, 120)
            rows = list(
                Assessment.objects.order_by("campaign__name", "subject_code", "subject_name").values_list(
                    "campaign__name", "subject_code", "status", "self_total", "total"
                )
            )
            transaction.set_rollback(True)
        return rows

    first = snapshot()
    assert first and snapshot() == first

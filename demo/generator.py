"""Builds the demo district in steps, each app's data on top of the previous. Deterministic for a
seed, and bulk-inserted so that the benchmark sizes stay fast."""

import random
from dataclasses import dataclass

from django.db import transaction

from accounts.models import User
from demo.assessments import build_assessments
from demo.criteria import publish_templates
from demo.logins import build_accounts
from demo.places import DemoMap, build_map
from demo.recognition import build_recognition
from demo.registry import build_registry
from demo.reports import build_reports


@dataclass
class DemoResult:
    demo_map: DemoMap
    users: list[User]


def demo_exists() -> bool:
    return User.objects.filter(username="canbo.kimbang").exists()


@transaction.atomic
def build_demo(*, households: int, seed: int) -> DemoResult:
    rng = random.Random(seed)
    demo_map = build_map(rng)
    users = build_accounts(demo_map)
    build_registry(rng, demo_map, households=households)
    publish_templates()
    build_assessments(rng, demo_map)
    build_recognition(rng)
    build_reports(rng, demo_map)
    return DemoResult(demo_map=demo_map, users=users)

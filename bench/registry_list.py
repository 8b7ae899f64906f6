"""Benchmark: the household list of a village of 5,000 households, and searching it by name.

    .venv/bin/python bench/registry_list.py [--households 5000] [--repeat 40]

Builds a throwaway SQLite database under var/bench/ (the demo's name generator fills one village),
then asks for pages of the list and for searches typed without accents, through Django's test client
in this process, as a village head would. Prints the median and 90th-percentile server time and the
number of queries of each, for the first and the last page (the query count must not depend on it).
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASE = ROOT / "var" / "bench" / "registry-list.sqlite3"


def setup() -> None:
    DATABASE.parent.mkdir(parents=True, exist_ok=True)
    for stale in DATABASE.parent.glob(DATABASE.name + "*"):
        stale.unlink()
    os.environ["DATABASE_URL"] = f"sqlite:///{DATABASE}"
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khuyenhoc.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["testserver"]
    settings.AXES_ENABLED = False
    call_command("migrate", verbosity=0)


def fill(households: int):
    from collections import Counter

    from accounts.enums import Role
    from areas.enums import Kind, Level
    from demo.registry import WardRegistry, _households
    from tests.world import make_area, make_user

    province = make_area("98", "Tỉnh Đo Đạc", Kind.PROVINCE, Level.PROVINCE)
    commune = make_area("98001", "Phường Đo Đạc", Kind.WARD, Level.COMMUNE, province)
    village = make_area("98001.001", "Tổ dân phố Đông", Kind.RESIDENTIAL_GROUP, Level.VILLAGE, commune)
    registry = WardRegistry(ward=commune, villages=[village])
    _households(random.Random(5), [(registry, village)] * households, Counter(), Counter())
    return make_user("bench.head", Role.VILLAGE_HEAD, village), village


def measure(client, url: str, repeat: int, **query) -> tuple[float, float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings = []
    for _round in range(repeat):
        started = time.perf_counter()
        response = client.get(url, query)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        client.get(url, query)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.9) - 1], len(queries.captured_queries)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--households", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=40)
    args = parser.parse_args()
    setup()
    from django.test import Client
    from django.urls import reverse

    from khuyenhoc.text import fold
    from registry.models import Household, Person

    user, village = fill(args.households)
    print(f"{Household.objects.count():,} households, {Person.objects.count():,} persons in {village.name}")
    client = Client()
    client.force_login(user)
    url = reverse("registry:households", args=[village.pk])
    last_page = (args.households + 49) // 50
    typed = fold(Household.objects.order_by("pk")[args.households // 2].head_name)
    cases = [
        ("list, page 1", {}),
        (f"list, page {last_page}", {"page": last_page}),
        ("search “nguyen van”", {"q": "nguyen van"}),
        ("search “tran thi”, page 2", {"q": "tran thi", "page": 2}),
        (f"search “{typed}”", {"q": typed}),
    ]
    print(f"\n{'request':<40} {'median ms':>10} {'p90 ms':>8} {'queries':>8}")
    for label, query in cases:
        median, p90, queries = measure(client, url, args.repeat, **query)
        print(f"{label:<40} {median:>10.1f} {p90:>8.1f} {queries:>8}")


if __name__ == "__main__":
    main()

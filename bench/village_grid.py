"""Benchmark: the village review grid with 500 households.

    .venv/bin/python bench/village_grid.py [--households 500] [--renders 15] [--saves 50]

Builds a throwaway SQLite database under var/bench/: one village of N households in a family campaign
whose set has 10 items, at the village-review stage, every household self-assessed and the
self-assessment copied into the village's points. Then, logged in as the village head with Django's
test client, it measures the median server time of rendering the grid and of saving one cell (each
save carrying the version the previous one returned), with their query counts; and, for information,
a fill-down of one item over every row (one request, each row saved by the service on its own).

Targets on SQLite: render < 300 ms, save < 50 ms.
"""

import argparse
import os
import random
import statistics
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "var" / "bench"
DATABASE = OUT / "village-grid.sqlite3"
TARGETS = {"render": 0.300, "save": 0.050}


def django_setup() -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{DATABASE}"
    os.environ["DEBUG"] = "0"  # as on a server: DEBUG would keep every statement in memory
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khuyenhoc.settings")
    sys.path.insert(0, str(ROOT))
    warnings.filterwarnings("ignore", "No directory at", UserWarning)  # no collectstatic: static is not served
    import django

    django.setup()


SET = {
    "key": "gia-dinh-do-dac",
    "title": "family",
    "name": "Bộ tiêu chí đo đạc (10 mục)",
    "rule": "pass_mark",
    "total": 100,
    "pass_mark": 80,
    "item_floor": 5,
    "groups": [
        {
            "code": str(group),
            "title": f"Tiêu chí {group}",
            "points": 50,
            "items": [{"code": f"{group}.{n}", "text": f"Mục {group}.{n}", "max": 10} for n in range(1, 6)],
        }
        for group in (1, 2)
    ],
}


def build(households: int):
    """The village, its head, the campaign at village review; returns (head, campaign, village)."""
    from accounts.enums import Role
    from areas.enums import Kind, Level
    from assessments import services
    from assessments.enums import ScoreLayer, Stage
    from assessments.models import Score
    from criteria.services import criteria_set_import, criteria_set_publish
    from criteria.spec import spec_from_mapping
    from registry.services import household_create
    from tests.world import make_area, make_user

    province = make_area("99", "Tỉnh Đo Đạc", Kind.PROVINCE, Level.PROVINCE)
    commune = make_area("99001", "Phường Đo Đạc", Kind.WARD, Level.COMMUNE, province)
    village = make_area("99001.001", "Tổ dân phố Đo Đạc", Kind.RESIDENTIAL_GROUP, Level.VILLAGE, commune)
    head = make_user("truong-thon", Role.VILLAGE_HEAD, village)
    root = make_user("quan-tri", is_superuser=True)
    rng = random.Random(1)
    families = "Nguyễn Trần Lê Phạm Hoàng Vũ Đặng Bùi Đỗ Ngô".split()
    given = "An Bình Cường Dũng Hải Hùng Long Nam Sơn Tuấn Hoa Lan Mai".split()
    for _n in range(households):
        name = f"{rng.choice(families)} Văn {rng.choice(given)}"
        household_create(commune=commune, village=village, head_name=name, head_gender="male")
    criteria_set = criteria_set_publish(
        by=root, criteria_set=criteria_set_import(by=root, spec=spec_from_mapping(SET), area=None)
    )
    campaign = services.campaign_create(
        by=root, name="", year=2026, title="family", area=commune, criteria_set=criteria_set
    )
    services.campaign_open(by=root, campaign=campaign)
    ids = list(campaign.assessments.values_list("pk", flat=True))
    services.registration_set(by=head, campaign=campaign, assessment_ids=ids, registered=True)
    services.campaign_advance(by=root, campaign=campaign)  # self-assessment
    codes = [item["code"] for group in SET["groups"] for item in group["items"]]
    Score.objects.bulk_create(
        Score(assessment_id=pk, layer=ScoreLayer.SELF, item_code=code, points=rng.choice([6, 7, 8, 9, 10]))
        for pk in ids
        for code in codes
    )
    services.campaign_advance(by=root, campaign=campaign)
    assert campaign.stage == Stage.VILLAGE_REVIEW
    services.village_copy_self(by=head, campaign=campaign, assessment_ids=ids)
    return head, campaign, village


def timed(call, runs: int) -> tuple[float, int]:
    """The median seconds of `runs` calls, and the queries of one of them."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    call()  # warm: the set's rules, the templates, the first connection
    seconds = []
    for _run in range(runs):
        started = time.perf_counter()
        call()
        seconds.append(time.perf_counter() - started)
    with CaptureQueriesContext(connection) as queries:
        call()
    return statistics.median(seconds), len(queries)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--households", type=int, default=500)
    parser.add_argument("--renders", type=int, default=15)
    parser.add_argument("--saves", type=int, default=50)
    parser.add_argument("--fills", type=int, default=3)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    for stale in OUT.glob(f"{DATABASE.name}*"):
        stale.unlink()
    django_setup()
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    head, campaign, village = build(args.households)
    print(f"built {args.households} households at the village review in {time.perf_counter() - started:.1f} s")

    client = Client()
    client.force_login(head)
    grid = reverse("assessments:grid", args=[campaign.pk, village.pk])
    cell = reverse("assessments:grid_cell", args=[campaign.pk, village.pk])
    fill = reverse("assessments:grid_fill", args=[campaign.pk, village.pk])

    def render() -> None:
        response = client.get(grid)
        assert response.status_code == 200, response.status_code

    row = campaign.assessments.order_by("pk").first()
    state = {"version": row.version, "points": 6}

    def save() -> None:
        state["points"] = 6 if state["points"] == 10 else state["points"] + 1
        data = {"assessment": row.pk, "item": "1.1", "points": str(state["points"]), "version": state["version"]}
        response = client.post(cell, data)
        assert response.status_code == 200, response.content
        state["version"] = response.json()["version"]

    def fill_down() -> None:
        rows = [f"{pk}:{version}" for pk, version in campaign.assessments.values_list("pk", "version")]
        response = client.post(fill, {"item": "2.5", "points": "8", "row": rows})
        assert response.status_code == 200 and not response.json()["refused"], response.content[:300]

    size = len(client.get(grid).content)
    results = {
        "render": timed(render, args.renders),
        "save": timed(save, args.saves),
        "fill": timed(fill_down, args.fills),
    }
    print(f"grid page: {size / 1024:.0f} KiB for {args.households} rows × {len(SET['groups']) * 5} items")
    print(f"{'':>8} {'median ms':>10} {'target ms':>10} {'queries':>8}")
    for name, (seconds, queries) in results.items():
        target = TARGETS.get(name)
        verdict = "" if target is None else "ok" if seconds < target else "SLOW"
        shown = "–" if target is None else f"{target * 1000:.0f}"
        print(f"{name:>8} {seconds * 1000:>10.1f} {shown:>10} {queries:>8}  {verdict}")


if __name__ == "__main__":
    main()

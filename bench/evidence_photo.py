"""Benchmark: one phone photo as evidence, end to end.

    .venv/bin/python bench/evidence_photo.py [--runs 7]

Builds a throwaway SQLite database (and media folder) under var/bench/, a commune with a household at
the self-assessment stage and its village head, and a 4000×3000 JPEG of about 5 MB with noise in it (so
that it does not compress away). Each run, with Django's test client logged in as the village head:
posts the photo to the evidence view (checked by content, stored, thumbnailed), then fetches its
thumbnail through the thumbnail view. Prints each run and the median; the target is under 2 s.

This is the photo as it arrives without the browser's downscaling (static/js/evidence.js), the worst
case the server must take.
"""

import argparse
import io
import os
import random
import shutil
import statistics
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "var" / "bench"
DATABASE = OUT / "evidence.sqlite3"
MEDIA = OUT / "evidence-media"
TARGET_BYTES = 5 * 1024 * 1024


def django_setup() -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{DATABASE}"
    os.environ["MEDIA_ROOT"] = str(MEDIA)
    os.environ["DEBUG"] = "0"  # as on a server
    os.environ["AXES_ENABLED"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khuyenhoc.settings")
    warnings.filterwarnings("ignore", "No directory at")  # no collectstatic here: the bench serves no CSS
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client's host, and no e-mail


def phone_photo() -> bytes:
    """4000×3000, about 5 MB: coarse shapes and fine grain, as a phone photo of a paper would have."""
    from PIL import Image

    rng = random.Random(2026)
    coarse = Image.frombytes("RGB", (400, 300), rng.randbytes(400 * 300 * 3)).resize((4000, 3000))
    grain = Image.frombytes("RGB", (4000, 3000), rng.randbytes(4000 * 3000 * 3))
    picture = Image.blend(coarse, grain, 0.12)
    for quality in range(95, 40, -5):
        out = io.BytesIO()
        picture.save(out, "JPEG", quality=quality)
        if out.tell() <= TARGET_BYTES * 1.1:
            return out.getvalue()
    return out.getvalue()


def world():
    """A commune with one household registered in a campaign at the self-assessment stage."""
    from assessments import services
    from criteria.services import criteria_set_import, criteria_set_publish
    from criteria.spec import spec_from_mapping
    from registry.services import household_create
    from tests.world import build_world, make_user

    places = build_world()
    household_create(commune=places.commune_a, village=places.village_a1, head_name="Nguyễn Văn An", head_gender="male")
    root = make_user("bench-root", is_superuser=True)
    spec = {
        "key": "bench",
        "title": "family",
        "name": "Bộ tiêu chí đo đạc",
        "rule": "pass_mark",
        "total": 10,
        "pass_mark": 8,
        "groups": [{"code": "1", "title": "Một", "items": [{"code": "1.1", "text": "Học tập", "max": 10}]}],
    }
    criteria_set = criteria_set_publish(
        by=root, criteria_set=criteria_set_import(by=root, spec=spec_from_mapping(spec), area=None)
    )
    campaign = services.campaign_create(
        by=places.officer_a, name="", year=2026, title="family", area=places.commune_a, criteria_set=criteria_set
    )
    services.campaign_open(by=places.officer_a, campaign=campaign)
    subject = campaign.assessments.get()
    services.registration_set(by=places.head_a1, campaign=campaign, assessment_ids=[subject.pk], registered=True)
    services.campaign_advance(by=places.officer_a, campaign=campaign)
    return places.head_a1, subject


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = max(5, parser.parse_args().runs)
    OUT.mkdir(parents=True, exist_ok=True)
    DATABASE.unlink(missing_ok=True)
    shutil.rmtree(MEDIA, ignore_errors=True)
    django_setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from assessments.models import Evidence

    call_command("migrate", verbosity=0)
    head, subject = world()
    photo = phone_photo()
    print(f"photo: 4000×3000 JPEG, {len(photo) / 1024 / 1024:.1f} MB; {runs} runs")
    client = Client()
    client.force_login(head)
    add = reverse("assessments:evidence_add", args=[subject.pk])
    totals = []
    for run in range(1, runs + 1):
        upload = SimpleUploadedFile("IMG_2026.jpg", photo, content_type="image/jpeg")
        started = time.perf_counter()
        response = client.post(add, {"item": "1.1", "files": [upload]})
        stored = time.perf_counter()
        assert response.status_code == 302, response.status_code
        evidence = Evidence.objects.latest("pk")
        assert evidence.thumbnail, "no thumbnail was made"
        thumb = client.get(reverse("assessments:evidence_thumb", args=[evidence.pk]))
        size = len(b"".join(thumb.streaming_content))  # read to the end, which closes the file
        done = time.perf_counter()
        assert thumb.status_code == 200 and size > 0
        totals.append(done - started)
        print(f"  run {run}: stored and thumbnailed {stored - started:.2f} s, thumbnail fetched {done - stored:.3f} s")
    median = statistics.median(totals)
    print(f"median end to end: {median:.2f} s (target < 2 s: {'met' if median < 2 else 'MISSED'})")


if __name__ == "__main__":
    main()

"""Benchmark: importing households with their members from one .xlsx.

    .venv/bin/python bench/import_households.py [--households 50000] [--small 10000]

Builds a throwaway SQLite database under var/bench/, writes a list of N households (about 3.5 members
each, one row per member, as the import template has it) and measures, each in a fresh process on a
fresh copy of the database:

- floor:  openpyxl's read-only parse of the same file, plus one bulk insert of the same rows;
- import: the registry's confirmed import (read, check every row, compare, write in one transaction).

It prints rows per second (households and members) and the peak memory (max RSS) of each process,
for the small and the large file, so that "flat in file size" can be seen.
"""

import argparse
import datetime
import json
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "var" / "bench"
BASE = OUT / "import-base.sqlite3"
RUN = OUT / "import-run.sqlite3"


def django_setup(database: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["DEBUG"] = "0"  # as on a server: DEBUG would keep every statement in memory
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khuyenhoc.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


# --- Preparing: the database and the files -----------------------------------------------------------


def prepare(sizes: list[int]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for stale in OUT.glob("import-*.sqlite3*"):
        stale.unlink()
    django_setup(BASE)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    commune = make_commune()
    for size in sizes:
        path = OUT / f"households-{size}.xlsx"
        if not path.exists():
            started = time.perf_counter()
            rows = write_file(path, size, commune)
            print(f"wrote {path.name}: {size:,} households, {rows:,} rows in {time.perf_counter() - started:.1f} s")
    from django.db import connection

    connection.close()


def make_commune():
    from areas.enums import Kind, Level
    from areas.models import Area
    from areas.services import village_bulk_save
    from tests.world import make_area

    province = make_area("99", "Tỉnh Đo Đạc", Kind.PROVINCE, Level.PROVINCE)
    commune = make_area("99001", "Phường Đo Đạc", Kind.WARD, Level.COMMUNE, province)
    village_bulk_save(villages=[(commune, f"Tổ dân phố {n}", Kind.RESIDENTIAL_GROUP) for n in range(1, 41)])
    return Area.objects.get(pk=commune.pk)


def write_file(path: Path, households: int, commune) -> int:
    from khuyenhoc.spreadsheets import write_table
    from registry.enums import LabourGroup
    from registry.imports import SPECS, Context
    from registry.imports.base import vietnamese

    rng = random.Random(1)
    context = Context(area=commune, day=datetime.date.today())
    columns = SPECS["households"].columns(context)
    villages = [f"Tổ dân phố {n}" for n in range(1, 41)]
    families = "Nguyễn Trần Lê Phạm Hoàng Vũ Đặng Bùi Đỗ Ngô".split()
    middle = {"Nam": "Văn Đức Minh Quang Hữu".split(), "Nữ": "Thị Thị Ngọc Thu Thanh".split()}
    given = {
        "Nam": "An Bình Cường Dũng Hải Hùng Long Nam Sơn Tuấn".split(),
        "Nữ": "Anh Hà Hoa Lan Linh Mai Nga Thảo".split(),
    }
    groups = [label for _value, label in vietnamese(LabourGroup.choices)]
    count = 0

    def rows():
        nonlocal count
        for number in range(1, households + 1):
            size = rng.choices([1, 2, 3, 4, 5, 6], weights=[8, 15, 22, 30, 17, 8])[0]
            village, address = rng.choice(villages), f"Số {rng.randint(1, 300)}, ngõ {rng.randint(1, 40)}"
            for member in range(size):
                gender = rng.choice(["Nam", "Nữ"])
                year = rng.randint(1940, 2024)
                name = f"{rng.choice(families)} {rng.choice(middle[gender])} {rng.choice(given[gender])}"
                count += 1
                citizen = f"0350{year % 100:02d}{count:06d}" if year < 2010 else ""
                yield [
                    f"HO{number:06d}",
                    village,
                    address,
                    None,
                    name,
                    "Chủ hộ" if member == 0 else "Con",
                    year,
                    gender,
                    rng.choice(groups),
                    citizen,
                    None,
                ]

    write_table(path, columns, rows(), title="Hộ gia đình")
    return count


# --- Measuring, each in its own process ----------------------------------------------------------------


def measure_floor(path: Path) -> dict:
    """openpyxl's read-only parse of the file, then one bulk insert of as many rows."""
    from openpyxl import load_workbook

    from areas.models import Area
    from registry.models import Household, Person

    commune = Area.objects.get(code="99001")
    village = commune.children.first()
    started = time.perf_counter()
    workbook = load_workbook(path, read_only=True, data_only=True)
    sheet = workbook.worksheets[0]
    sheet.reset_dimensions()
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    workbook.close()
    parsed = time.perf_counter()
    codes = {row[0] for row in rows}
    households = Household.objects.bulk_create(
        Household(commune=commune, area=village, code=code, head_name="x", search_name="x") for code in sorted(codes)
    )
    first = households[0]
    Person.objects.bulk_create(
        Person(household=first, area=village, full_name=row[4], search_name=row[4], gender="male") for row in rows
    )
    return {
        "seconds": time.perf_counter() - started,
        "parse_seconds": parsed - started,
        "households": len(codes),
        "rows": len(rows),
    }


def measure_import(path: Path) -> dict:
    from areas.models import Area
    from registry.imports import SPECS, Context, run_import

    commune = Area.objects.get(code="99001")
    started = time.perf_counter()
    report = run_import(SPECS["households"], str(path), Context(area=commune, day=datetime.date.today()), write=True)
    assert report.ok, [str(p) for p in report.problems[:5]]
    return {
        "seconds": time.perf_counter() - started,
        "households": report.counts["households_created"],
        "rows": report.rows,
    }


def child(phase: str, size: int) -> None:
    django_setup(RUN)
    from django.conf import settings

    settings.SPREADSHEET_MAX_BYTES = 10**9
    path = OUT / f"households-{size}.xlsx"
    result = measure_floor(path) if phase == "floor" else measure_import(path)
    print(json.dumps(result))


def run_child(phase: str, size: int) -> dict:
    shutil.copyfile(BASE, RUN)
    process = subprocess.Popen(
        [sys.executable, __file__, "--child", phase, "--households", str(size)], stdout=subprocess.PIPE, text=True
    )
    _pid, status, usage = os.wait4(process.pid, 0)
    output = process.stdout.read()
    if status != 0:
        raise SystemExit(f"{phase} {size} failed")
    result = json.loads(output.strip().splitlines()[-1])
    result["max_rss_mb"] = usage.ru_maxrss / 1024
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--households", type=int, default=50_000)
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--child", choices=["floor", "import"])
    args = parser.parse_args()
    if args.child:
        child(args.child, args.households)
        return
    sizes = [args.small, args.households]
    prepare(sizes)
    print(f"\n{'file':>22} {'phase':>7} {'seconds':>8} {'households/s':>13} {'rows/s':>9} {'max RSS MB':>11}")
    results = {}
    for size in sizes:
        for phase in ("floor", "import"):
            result = results[(size, phase)] = run_child(phase, size)
            print(
                f"{'households-' + str(size) + '.xlsx':>22} {phase:>7} {result['seconds']:>8.1f} "
                f"{result['households'] / result['seconds']:>13,.0f} {result['rows'] / result['seconds']:>9,.0f} "
                f"{result['max_rss_mb']:>11.0f}"
            )
        floor, imported = results[(size, "floor")], results[(size, "import")]
        print(
            f"{'':>22} import / floor = {imported['seconds'] / floor['seconds']:.2f}× "
            f"(of the floor, parsing took {floor['parse_seconds']:.1f} s)"
        )


if __name__ == "__main__":
    main()

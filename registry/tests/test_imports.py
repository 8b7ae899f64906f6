import datetime
import io
import unicodedata

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from areas.models import Area
from registry import services
from registry.enums import EndReason, Gender, LabourGroup
from registry.imports import SPECS, Context, run_import
from registry.imports import base as import_base
from registry.models import Clan, Household, Person, Unit
from registry.tests import sheets

TODAY = datetime.date.today()


def run(world, data: bytes, *, kind="households", write=True, area=None):
    context = Context(area=area or world.commune_a, day=TODAY)
    return run_import(SPECS[kind], io.BytesIO(data), context, write=write)


def problems(report) -> list[tuple]:
    return [(p.row, p.column, p.message) for p in report.problems]


def test_a_real_looking_list_is_checked_without_writing(world):
    report = run(world, sheets.households(), write=False)
    assert report.ok, problems(report)
    assert report.rows == 4
    assert report.counts["households_created"] == 2 and report.counts["persons_created"] == 4
    assert not Household.objects.exists() and not Person.objects.exists()


def test_a_confirmed_import_stores_clean_text_and_the_members_of_each_household(world):
    report = run(world, sheets.households())
    assert report.ok, problems(report)
    first = Household.objects.get(code="H001")
    assert first.area == world.village_a1 and first.commune == world.commune_a
    assert first.head_name == "Nguyễn Văn An" and unicodedata.is_normalized("NFC", first.head_name)
    assert first.search_name == "nguyen van an" and first.address == "Số 3 ngõ 5"
    members = {p.full_name: p for p in first.members.all()}
    assert set(members) == {"Nguyễn Văn An", "Trần Thị Bình", "Nguyễn Văn Cường"}
    assert members["Nguyễn Văn An"].is_head and not members["Trần Thị Bình"].is_head
    assert members["Trần Thị Bình"].birth_year == 1972 and members["Trần Thị Bình"].gender == Gender.FEMALE
    assert members["Trần Thị Bình"].labour_group == LabourGroup.FARMER
    assert members["Nguyễn Văn Cường"].labour_group == LabourGroup.WORKER
    # Excel dropped the leading zero of an ID typed into a number cell: it comes back.
    assert members["Nguyễn Văn Cường"].citizen_id == "034201009999"
    assert all(p.area_id == world.village_a1.pk for p in members.values())
    # "Tây" is the bare name of Tổ dân phố Tây.
    assert Household.objects.get(code="H002").area == world.village_a2


def test_importing_the_same_file_again_creates_no_duplicates(world):
    run(world, sheets.households())
    report = run(world, sheets.households())
    assert report.ok
    assert report.counts["households_unchanged"] == 2 and report.counts["persons_created"] == 0
    assert Household.objects.count() == 2 and Person.objects.count() == 4


def test_a_corrected_file_updates_by_code_and_a_member_left_out_stops_counting(world):
    run(world, sheets.households())
    corrected = sheets.xlsx(
        [
            [1, "H001", "Tây", "Số 9", None, "Nguyễn Văn An", "Chủ hộ", 1970, "Nam", None, "034070001234", None],
            [2, None, None, None, None, "Trần Thị Bình", "Vợ", 1972, "Nữ", "Công nhân", None, None],
        ]
    )
    report = run(world, corrected)
    assert report.ok, problems(report)
    assert report.counts["households_updated"] == 1 and report.counts["persons_ended"] == 1
    household = Household.objects.get(code="H001")
    assert household.area == world.village_a2 and household.address == "Số 9"
    assert household.members.active().count() == 2
    assert all(p.area_id == world.village_a2.pk for p in household.members.active())
    gone = household.members.get(full_name="Nguyễn Văn Cường")
    assert gone.active_to == TODAY and gone.end_reason == EndReason.UNLISTED
    assert household.members.get(full_name="Trần Thị Bình").labour_group == LabourGroup.WORKER
    # H002 was not in the file: it is left as it was.
    assert Household.objects.get(code="H002").is_active


def test_the_code_repeated_on_every_members_row_reads_like_a_merged_cell(world):
    data = sheets.xlsx(
        [
            [1, "H7", "Đông", None, None, "Phạm Văn Tú", None, 1980, "Nam", None, None, None],
            [2, "H7", "Đông", None, None, "Phạm Thị Lan", None, 2010, "Nữ", None, None, None],
        ]
    )
    assert run(world, data).ok
    household = Household.objects.get(code="H7")
    assert household.members.count() == 2 and household.head_name == "Phạm Văn Tú"


def test_columns_are_found_under_other_names_and_in_any_order(world):
    header = ["Họ tên", "Số hộ", "Giới", "Thôn", "Sinh năm"]
    data = sheets.xlsx([["Đỗ Văn Hùng", "A-1", "Nam", "Thôn Bắc", "1990"]], header=header, title=None)
    report = run(world, data, area=world.commune_b)
    assert report.ok, problems(report)
    assert Household.objects.get(code="A-1").area == world.village_b1


def test_duplicate_codes_in_the_file_are_reported_and_nothing_is_saved(world):
    duplicate = [5, "H001", "Đông", None, None, "Vũ Văn Khoa", "Chủ hộ", 1966, "Nam", None, None, None]
    report = run(world, sheets.households(duplicate))
    assert ("Mã hộ", "Mã H001 trùng với dòng 4.") in [(p.column, p.message) for p in report.problems]
    assert report.problems[0].row == 8
    assert not Household.objects.exists()


def test_a_village_outside_the_commune_is_reported(world):
    elsewhere = [5, "H003", "Thôn Bắc", None, None, "Vũ Văn Khoa", "Chủ hộ", 1966, "Nam", None, None, None]
    report = run(world, sheets.households(elsewhere))
    assert problems(report) == [(8, "Thôn/Tổ dân phố", "“Thôn Bắc” không phải thôn, tổ dân phố của Phường An Hòa.")]
    assert not Household.objects.exists()


def test_a_birth_year_in_the_future_is_reported(world):
    future = [5, "H003", "Đông", None, None, "Vũ Văn Khoa", "Chủ hộ", TODAY.year + 1, "Nam", None, None, None]
    report = run(world, sheets.households(future))
    assert problems(report) == [(8, "Năm sinh", f"Năm {TODAY.year + 1} nằm trong tương lai.")]
    assert not Person.objects.exists()


def test_every_problem_is_listed_with_its_row_and_column(world):
    data = sheets.xlsx(
        [
            [1, None, None, None, None, "Không Mã Hộ", None, 1980, "Nam", None, None, None],
            [2, "H9", "Đông", None, None, None, None, "năm ngoái", "X", "Phi công", "12345", None],
            [3, None, None, None, None, "Vợ Hai", "Chủ hộ", 1980, "Nữ", None, None, None],
            [4, None, None, None, None, "Chồng", "Chủ hộ", 1980, "Nam", None, None, None],
        ]
    )
    found = problems(run(world, data))
    assert (4, "Mã hộ", "Dòng đầu của mỗi hộ phải có mã hộ.") in found
    assert (5, "Họ và tên", "Ô này đang trống.") in found
    assert (5, "Năm sinh", "“năm ngoái” không phải là năm.") in found
    assert any(row == 5 and column == "Giới tính" and "Nam, Nữ" in message for row, column, message in found)
    assert any(row == 5 and column == "Nhóm lao động" for row, column, _message in found)
    assert (5, "Số CCCD", "Số CCCD phải có 12 chữ số.") in found
    assert (7, "Quan hệ với chủ hộ", "Hộ đã có chủ hộ.") in found
    assert not Household.objects.exists()


def test_a_household_that_stopped_counting_keeps_its_code(world):
    run(world, sheets.households())
    services.household_end(household=Household.objects.get(code="H002"), on=TODAY, reason=EndReason.MOVED)
    report = run(world, sheets.households())
    assert [p.message for p in report.problems] == [
        f"Hộ H002 đã thôi tính từ {(TODAY - datetime.timedelta(days=1)):%d/%m/%Y}; hãy đặt mã khác cho hộ mới."
    ]


def test_a_sheet_with_a_header_but_no_rows_is_refused(world):
    report = run(world, sheets.xlsx([]))
    assert [p.message for p in report.problems] == ["Trang tính có dòng tiêu đề nhưng không có dòng dữ liệu nào."]


def test_a_crash_midway_leaves_nothing_written(world, monkeypatch):
    monkeypatch.setattr(import_base, "BATCH", 1)
    monkeypatch.setattr(SPECS["households"].loader, "batch_size", 1)
    calls = {"n": 0}
    original = Person.objects.bulk_create

    def crash_on_the_second_batch(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("the disk is full")
        return original(*args, **kwargs)

    monkeypatch.setattr(Person.objects, "bulk_create", crash_on_the_second_batch)
    with pytest.raises(RuntimeError):
        run(world, sheets.households())
    assert calls["n"] == 2
    assert not Household.objects.exists() and not Person.objects.exists()


def test_the_import_writes_in_bulk_without_a_query_per_row(world):
    many = [[n, f"K{n:03d}", "Đông", None, None, f"Người {n}", None, 1980, "Nam", None, None, None] for n in range(300)]
    with CaptureQueriesContext(connection) as queries:
        assert run(world, sheets.xlsx(many)).ok
    assert Person.objects.count() == 300
    # Lookups once, then a few multi-row statements per batch (SQLite caps the parameters of one).
    assert len(queries.captured_queries) < 30


def test_clans_are_imported_and_updated_by_code(world):
    header = ["Mã dòng họ", "Tên dòng họ", "Chi/phái", "Trưởng họ"]
    rows = [["DH01", "Dòng họ Nguyễn Văn", "Chi 2", "Nguyễn Văn Bình"], ["DH02", "Dòng họ Trần", None, None]]
    assert run(world, sheets.xlsx(rows, header=header), kind="clans").ok
    rows[0][3] = "Nguyễn Văn Hải"
    report = run(world, sheets.xlsx(rows, header=header), kind="clans")
    assert report.counts["clans_updated"] == 1 and report.counts["clans_unchanged"] == 1
    clan = Clan.objects.get(code="DH01")
    assert clan.area == world.commune_a and clan.representative == "Nguyễn Văn Hải"
    assert clan.search_name == "dong ho nguyen van chi 2"
    # A household list may then name the clan by its name and branch, or by its code.
    household = [
        5,
        "H003",
        "Đông",
        None,
        "Dòng họ Nguyễn Văn — Chi 2",
        "Vũ Văn Khoa",
        None,
        1966,
        "Nam",
        None,
        None,
        None,
    ]
    assert run(world, sheets.households(household)).ok
    assert Household.objects.get(code="H003").clan == clan


def test_units_are_imported_with_their_village_and_staff_count(world):
    header = ["Mã đơn vị", "Tên đơn vị", "Loại đơn vị", "Thôn/Tổ dân phố", "Số cán bộ, nhân viên"]
    rows = [
        ["DV1", "Trường Tiểu học An Hòa", "Trường học", "Đông", "32"],
        ["DV2", "UBND Phường An Hòa", "cơ quan", None, 25],
        ["DV3", "Công ty May", "Doanh nghiệp", None, -3],
    ]
    report = run(world, sheets.xlsx(rows, header=header), kind="units")
    assert problems(report) == [(6, "Số cán bộ, nhân viên", "-3 nhỏ hơn 0.")]
    rows[2][4] = 140
    assert run(world, sheets.xlsx(rows, header=header), kind="units").ok
    school = Unit.objects.get(code="DV1")
    assert school.area == world.village_a1 and school.staff_count == 32 and school.kind == "school"
    assert Unit.objects.get(code="DV2").area == world.commune_a


def test_villages_are_created_under_todays_commune_and_updated_by_name(world):
    header = ["Mã xã/phường", "Tên thôn/tổ dân phố", "Loại"]
    rows = [
        ["90001", "Tổ dân phố Nam", "Tổ dân phố"],
        ["90001", "tổ dân phố đông", "Khu phố"],
        ["90001", "Xóm Mới", None],
    ]
    report = run(world, sheets.xlsx(rows, header=header, title=None), kind="villages")
    assert report.ok, problems(report)
    assert report.counts == {"villages_created": 2, "villages_updated": 1}
    new = Area.objects.get(name="Tổ dân phố Nam")
    assert new.parent == world.commune_a and new.level == "village" and new.code == "90001.003"
    assert new.path == world.commune_a.path + f"{new.pk:08d}/"
    # An unnamed kind follows the commune's: a ward has residential groups.
    assert Area.objects.get(name="Xóm Mới").kind == "residential_group"
    world.village_a1.refresh_from_db()
    assert world.village_a1.kind == "quarter"
    assert run(world, sheets.xlsx(rows, header=header, title=None), kind="villages").counts["villages_created"] == 0


def test_a_village_row_may_not_name_a_commune_outside_the_area(world):
    header = ["Mã xã/phường", "Tên thôn/tổ dân phố", "Loại"]
    rows = [["90002", "Thôn Mới", "Thôn"], ["90001", "Tổ 5", "Tổ"], ["90001", "Tổ 5", "Tổ"]]
    report = run(world, sheets.xlsx(rows, header=header, title=None), kind="villages")
    assert problems(report) == [
        (2, "Mã xã/phường", "Không có xã, phường mã 90002 thuộc Phường An Hòa hiện nay."),
        (4, "Tên thôn/tổ dân phố", "Thôn, tổ này trùng với dòng 3."),
    ]
    assert not Area.objects.filter(name__in=["Thôn Mới", "Tổ 5"]).exists()
    # From the province, rows may name any of its communes.
    report = run(world, sheets.xlsx(rows[:2], header=header, title=None), kind="villages", area=world.province)
    assert report.ok and Area.objects.get(name="Thôn Mới").parent == world.commune_b

import io

import pytest
from django.core.management import CommandError, call_command

from registry.models import Household, Person
from registry.tests import sheets


@pytest.fixture
def listing(tmp_path):
    def write(data: bytes):
        path = tmp_path / "danh-sach.xlsx"
        path.write_bytes(data)
        return str(path)

    return write


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_registry", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_command_imports_a_file_and_says_what_it_did(world, listing):
    out, err = run("--kind", "households", "--commune", "90001", listing(sheets.households()))
    assert err == "" and "Hộ mới: 2" in out and "Thành viên mới: 4" in out and "Đã nhập xong." in out
    assert Household.objects.count() == 2 and Person.objects.count() == 4
    out, _err = run("--kind", "households", "--commune", "90001", listing(sheets.households()))
    assert "Hộ không đổi: 2" in out and Household.objects.count() == 2


def test_a_dry_run_checks_and_saves_nothing(world, listing):
    out, _err = run("--kind", "households", "--commune", "90001", "--dry-run", listing(sheets.households()))
    assert "Hộ mới: 2" in out and "chưa ghi gì (--dry-run)" in out
    assert not Household.objects.exists()


def test_problems_are_printed_one_per_line_and_the_exit_is_not_zero(world, listing):
    bad = [5, "H001", "Thôn Bắc", None, None, "Vũ Văn Khoa", None, 2999, "Nam", None, None, None]
    with pytest.raises(CommandError, match="3 lỗi; chưa ghi gì"):
        run("--kind", "households", "--commune", "90001", listing(sheets.households(bad)))
    assert not Household.objects.exists()


def test_problems_go_to_stderr(world, listing):
    bad = [5, "H001", "Đông", None, None, "Vũ Văn Khoa", None, 1970, "Nam", None, None, None]
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_registry", "--kind", "households", "--commune", "90001", listing(sheets.households(bad)), stderr=err
        )
    assert err.getvalue().splitlines() == ["Dòng 8, cột “Mã hộ”: Mã H001 trùng với dòng 4."]


def test_a_code_means_the_commune_in_force_on_the_day(world, listing):
    with pytest.raises(CommandError, match="Không có xã, phường mã 90011"):
        run("--kind", "households", "--commune", "90011", listing(sheets.households()))
    with pytest.raises(CommandError, match="Không có xã, phường mã 90001 vào ngày 30/06/2025"):
        run("--kind", "clans", "--commune", "90001", "--on", "30/06/2025", listing(sheets.households()))


def test_a_missing_file_or_a_file_that_is_not_a_workbook_is_refused(world, listing, tmp_path):
    with pytest.raises(CommandError, match="Không có tệp"):
        run("--kind", "households", "--commune", "90001", str(tmp_path / "none.xlsx"))
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 lỗi"):
        call_command("import_registry", "--kind", "units", "--commune", "90001", listing(b"not a workbook"), stderr=err)
    assert "Tệp không phải bảng tính Excel (.xlsx)." in err.getvalue()


def test_villages_may_be_loaded_for_a_whole_province(world, listing):
    data = sheets.xlsx([["90002", "Thôn Nam", "Thôn"]], header=["Mã xã/phường", "Tên thôn/tổ dân phố", "Loại"])
    out, _err = run("--kind", "villages", "--commune", "90", listing(data))
    assert "Thôn, tổ mới: 1" in out

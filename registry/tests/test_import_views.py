import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from khuyenhoc.enums import JobStatus
from khuyenhoc.models import Job
from registry.models import Household, Person
from registry.tests import sheets

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def start_url(area):
    return reverse("registry:import_start", args=[area.pk])


def upload(client, area, data: bytes, *, kind="households", name="ds-ho.xlsx"):
    return client.post(start_url(area), {"kind": kind, "file": SimpleUploadedFile(name, data, content_type=XLSX)})


def test_anonymous_users_are_sent_to_the_login_page(client, world):
    response = client.get(start_url(world.commune_a))
    assert response.status_code == 302 and reverse("login") in response.url


def test_another_communes_import_answers_404(client_for, world):
    assert client_for(world.officer_b).get(start_url(world.commune_a)).status_code == 404
    # A village head does not see the commune: the import is the commune's.
    assert client_for(world.head_a1).get(start_url(world.commune_a)).status_code == 404


def test_a_viewer_may_not_import(client_for, world):
    assert client_for(world.viewer_a).get(start_url(world.commune_a)).status_code == 403
    assert upload(client_for(world.viewer_a), world.commune_a, sheets.households()).status_code == 403
    assert not Job.objects.exists()


def test_an_officer_checks_a_file_then_confirms_it(client_for, world):
    client = client_for(world.officer_a)
    assert client.get(start_url(world.commune_a)).status_code == 200
    response = upload(client, world.commune_a, sheets.households())
    job = Job.objects.get()
    assert response.status_code == 302 and response.url == reverse("registry:import", args=[job.pk])
    assert job.status == JobStatus.WAITING and job.area == world.commune_a and job.file
    page = client.get(response.url).content.decode()
    assert "Đã kiểm tra 4 dòng, không có lỗi" in page and "Hộ mới" in page and "Xác nhận nhập" in page
    assert not Household.objects.exists()

    response = client.post(reverse("registry:import_confirm", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.message == "Đã nhập xong." and job.file == ""
    assert Household.objects.count() == 2 and Person.objects.count() == 4
    assert "Mở danh sách" in client.get(reverse("registry:import", args=[job.pk])).content.decode()


def test_the_same_file_imported_twice_makes_no_duplicates(client_for, world):
    client = client_for(world.officer_a)
    for _round in range(2):
        upload(client, world.commune_a, sheets.households())
        client.post(reverse("registry:import_confirm", args=[Job.objects.latest("pk").pk]))
    assert Household.objects.count() == 2 and Person.objects.count() == 4


def test_the_preview_lists_the_problems_and_saves_nothing(client_for, world):
    client = client_for(world.officer_a)
    bad = [5, "H001", "Thôn Bắc", None, None, "Vũ Văn Khoa", "Chủ hộ", 2999, "Nam", None, None, None]
    response = upload(client, world.commune_a, sheets.households(bad))
    job = Job.objects.get()
    assert job.status == JobStatus.DONE and job.file == ""
    page = client.get(response.url).content.decode()
    assert "3 lỗi" in page and "chưa ghi gì" in page.lower()
    assert "Mã H001 trùng với dòng 4." in page
    assert "“Thôn Bắc” không phải thôn, tổ dân phố của Phường An Hòa." in page
    assert "Năm 2999 nằm trong tương lai." in page
    assert "Xác nhận nhập" not in page
    assert client.post(reverse("registry:import_confirm", args=[job.pk])).status_code == 302
    assert not Household.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"Ma ho;Ho ten\nH1;An\n", "Tệp không phải bảng tính Excel (.xlsx)."),
        (b"PK\x03\x04" + b"\x00" * 64, "Tệp bị hỏng, không đọc được."),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500 + "EncryptedPackage".encode("utf-16-le"), "mật khẩu"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500, "tệp Excel cũ (.xls)"),
        (b"", "Tệp rỗng."),
    ],
    ids=["not-xlsx", "corrupt", "encrypted", "old-xls", "empty"],
)
def test_files_that_cannot_be_read_are_refused_at_once(client_for, world, data, message):
    response = upload(client_for(world.officer_a), world.commune_a, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Job.objects.exists()


def test_a_file_over_the_size_limit_is_refused(client_for, world, settings):
    settings.SPREADSHEET_MAX_BYTES = 2048
    response = upload(client_for(world.officer_a), world.commune_a, sheets.households())
    assert "Tệp lớn hơn 2,0\xa0KB" in response.content.decode() or "Tệp lớn hơn" in response.content.decode()
    assert not Job.objects.exists()


def test_a_sheet_without_a_header_fails_with_its_message(client_for, world):
    client = client_for(world.officer_a)
    response = upload(client, world.commune_a, sheets.xlsx([["An", 3]], header=["Tên", "Tuổi"]))
    page = client.get(response.url).content.decode()
    assert "Không tìm thấy dòng tiêu đề trong 30 dòng đầu" in page
    assert not Household.objects.exists()


def test_an_import_page_belongs_to_whoever_started_it(client_for, world):
    upload(client_for(world.officer_a), world.commune_a, sheets.households())
    job = Job.objects.get()
    other = client_for(world.staff)
    assert other.get(reverse("registry:import", args=[job.pk])).status_code == 404
    assert other.post(reverse("registry:import_confirm", args=[job.pk])).status_code == 404


def test_confirming_and_cancelling_need_post(client_for, world):
    client = client_for(world.officer_a)
    upload(client, world.commune_a, sheets.households())
    job = Job.objects.get()
    assert client.get(reverse("registry:import_confirm", args=[job.pk])).status_code == 405
    assert client.get(reverse("registry:import_cancel", args=[job.pk])).status_code == 405


def test_a_checked_import_can_be_cancelled_and_its_file_goes(client_for, world):
    client = client_for(world.officer_a)
    upload(client, world.commune_a, sheets.households())
    job = Job.objects.get()
    stored = job.file
    assert client.post(reverse("registry:import_cancel", args=[job.pk])).status_code == 302
    job.refresh_from_db()
    assert job.status == JobStatus.CANCELLED and job.file == ""
    from django.core.files.storage import default_storage

    assert not default_storage.exists(stored)
    client.post(reverse("registry:import_confirm", args=[job.pk]))
    assert not Household.objects.exists()


@pytest.mark.parametrize("kind", ["households", "clans", "units", "villages"])
def test_the_templates_have_vietnamese_headers_an_example_and_drop_down_lists(client_for, world, kind):
    response = client_for(world.officer_a).get(reverse("registry:import_template", args=[world.commune_a.pk, kind]))
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    assert headers[0].startswith("Mã")
    assert sheet[2][0].value  # the example row
    # Clans have no column with a list of values; every other template has drop-down lists.
    assert bool(sheet.data_validations.dataValidation) == (kind != "clans")
    if kind == "households":
        assert "Thôn/Tổ dân phố" in headers and "Họ và tên" in headers
        lists = [cell.value for row in workbook["Danh mục"].iter_rows() for cell in row]
        assert "Tổ dân phố Đông" in lists and "Nữ" in lists and "Nông dân, lao động nông thôn" in lists


def test_an_unknown_template_answers_404(client_for, world):
    url = reverse("registry:import_template", args=[world.commune_a.pk, "cats"])
    assert client_for(world.officer_a).get(url).status_code == 404


def test_a_filled_in_template_imports_without_touching_its_example_row(client_for, world):
    client = client_for(world.officer_a)
    response = client.get(reverse("registry:import_template", args=[world.commune_a.pk, "households"]))
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    workbook.worksheets[0].append(["HO9", "Tổ dân phố Tây", None, None, "Bùi Thị Mai", "Chủ hộ", 1990, "Nữ"])
    out = io.BytesIO()
    workbook.save(out)
    upload(client, world.commune_a, out.getvalue())
    client.post(reverse("registry:import_confirm", args=[Job.objects.get().pk]))
    assert list(Household.objects.values_list("code", flat=True)) == ["HO9"]

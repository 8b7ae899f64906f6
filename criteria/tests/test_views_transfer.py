"""Import and export of sets from the browser."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from criteria.enums import Status
from criteria.models import CriteriaSet
from criteria.tests.builders import spec
from criteria.xlsx import write_workbook
from criteria.yamlfile import read_yaml, write_yaml


def url(name, *args):
    return reverse(f"criteria:{name}", args=args)


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def xlsx_of(document) -> bytes:
    buffer = io.BytesIO()
    write_workbook(document, buffer)
    return buffer.getvalue()


def test_anonymous_users_are_sent_to_the_login_page(client, national):
    for target in (url("import"), url("export_yaml", national.pk), url("export_xlsx", national.pk)):
        assert reverse("login") in client.get(target).url


def test_staff_import_a_set_from_excel_as_a_draft_of_their_province(client_for, world):
    response = client_for(world.staff).post(
        url("import"), {"area": world.province.pk, "file": upload("bo.xlsx", xlsx_of(spec()))}
    )
    imported = CriteriaSet.objects.get(key="thu-nghiem")
    assert response.status_code == 302 and response.url == url("detail", imported.pk)
    assert (imported.status, imported.area, imported.items.count()) == (Status.DRAFT, world.province, 4)


def test_staff_import_a_national_set_from_yaml(client_for, world):
    client_for(world.staff).post(url("import"), {"area": "", "file": upload("bo.yaml", write_yaml(spec()).encode())})
    assert CriteriaSet.objects.get(key="thu-nghiem").area is None


def test_a_file_with_an_unknown_key_is_refused_naming_it(client_for, world):
    text = write_yaml(spec()) + "colour: red\n"
    response = client_for(world.staff).post(
        url("import"), {"area": world.province.pk, "file": upload("bo.yaml", text.encode())}
    )
    assert response.status_code == 200
    assert "không có khóa “colour”" in response.content.decode()
    assert not CriteriaSet.objects.exists()


def test_a_set_whose_points_do_not_add_up_is_refused_with_the_problem(client_for, world):
    file = upload("bo.xlsx", xlsx_of(spec(total=90)))
    response = client_for(world.staff).post(url("import"), {"area": world.province.pk, "file": file})
    assert "không khớp tổng điểm đã khai là 90" in response.content.decode()
    assert not CriteriaSet.objects.exists()


def test_a_viewer_may_not_import_and_an_officer_may_not_import_for_another_area(client_for, world):
    assert client_for(world.viewer_a).get(url("import")).status_code == 403
    assert client_for(world.officer_a).get(url("import")).status_code == 403
    file = upload("bo.yaml", write_yaml(spec()).encode())
    response = client_for(world.staff).post(url("import"), {"area": world.commune_b.pk + 1000, "file": file})
    assert response.status_code == 200 and not CriteriaSet.objects.exists()


def test_the_import_page_refuses_other_methods(client_for, world):
    assert client_for(world.staff).put(url("import")).status_code == 405


def test_any_reader_exports_a_set_as_yaml_and_as_excel(client_for, world, national):
    client = client_for(world.viewer_a)
    response = client.get(url("export_yaml", national.pk))
    assert response["Content-Disposition"] == 'attachment; filename="thu-nghiem-v1.yaml"'
    assert read_yaml(response.content).key == "thu-nghiem"
    response = client.get(url("export_xlsx", national.pk))
    assert load_workbook(io.BytesIO(response.content))["Tiêu chí"]["E2"].value == "1.1"
    assert client.post(url("export_yaml", national.pk)).status_code == 405


def test_another_communes_set_cannot_be_exported(client_for, world, commune_b_set):
    assert client_for(world.officer_a).get(url("export_yaml", commune_b_set.pk)).status_code == 404

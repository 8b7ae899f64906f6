"""A commune's paperwork: positions on its pre-printed certificate paper (with a test print) and its own
decision template."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from recognition.certificates import DEFAULT_POSITIONS, OVERLAY_FIELDS
from recognition.models import CertificateLayout, DecisionTemplate
from recognition.tests.test_documents import pdf_text
from recognition.tests.test_views_decisions import messages_of
from recognition.tests.test_views_issued import docx_text
from recognition.views.common import DOCX


def positions(**changes) -> dict:
    data = {f"{name}_{axis}": value for name in OVERLAY_FIELDS for axis, value in DEFAULT_POSITIONS[name].items()}
    return {**data, **changes}


def test_the_paper_page_needs_a_login_the_scope_and_the_capability(client, client_for, world):
    url = reverse("recognition:paper", args=[world.commune_a.pk])
    assert client.get(url).status_code == 302
    assert client_for(world.officer_b).get(url).status_code == 404
    assert client_for(world.viewer_a).get(url).status_code == 403
    assert client_for(world.officer_a).put(url).status_code == 405
    # A village is not a commune: it has no paperwork of its own.
    assert client_for(world.officer_a).get(reverse("recognition:paper", args=[world.village_a1.pk])).status_code == 404


def test_the_officer_saves_the_positions(client_for, world):
    client = client_for(world.officer_a)
    url = reverse("recognition:paper", args=[world.commune_a.pk])
    assert client.get(url).context["form"]["subject_x"].value() == DEFAULT_POSITIONS["subject"]["x"]
    assert client.post(url, positions(subject_x=55, code_size=9)).status_code == 302
    layout = CertificateLayout.objects.get(commune=world.commune_a)
    assert layout.positions["subject"]["x"] == 55 and layout.positions["code"]["size"] == 9
    assert client.get(url).context["form"]["subject_x"].value() == 55


def test_a_position_off_the_paper_is_refused(client_for, world):
    response = client_for(world.officer_a).post(
        reverse("recognition:paper", args=[world.commune_a.pk]), positions(title_y=400)
    )
    assert response.status_code == 200 and response.context["form"].errors["title_y"]
    assert not CertificateLayout.objects.exists()


def test_the_test_print_uses_the_positions_as_typed_without_saving_them(client_for, world):
    response = client_for(world.officer_a).post(
        reverse("recognition:test_print", args=[world.commune_a.pk]), positions(subject_x=40)
    )
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Nguyễn Văn Mẫu" in text and "subject" in text  # the field names label the grid
    assert not CertificateLayout.objects.exists()


def test_the_test_print_needs_the_capability_and_a_post(client_for, world):
    url = reverse("recognition:test_print", args=[world.commune_a.pk])
    assert client_for(world.viewer_a).post(url, positions()).status_code == 403
    assert client_for(world.officer_a).get(url).status_code == 405


# --- The commune's decision template --------------------------------------------------------------------


def template(*paragraphs: str, name: str = "mau-rieng.docx") -> SimpleUploadedFile:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return SimpleUploadedFile(name, out.getvalue(), content_type=DOCX)


OWN = ("MẪU RIÊNG CỦA PHƯỜNG {{ number_line }}", "{% for row in annex_rows %}{{ row.name }}; {% endfor %}")


def test_a_commune_uses_its_own_template_for_its_decisions(client_for, issued_decision, approved):
    client = client_for(approved.world.officer_a)
    commune = approved.world.commune_a
    response = client.post(reverse("recognition:template_upload", args=[commune.pk]), {"file": template(*OWN)})
    assert response.status_code == 302 and DecisionTemplate.objects.get().original_name == "mau-rieng.docx"
    text = docx_text(client.get(reverse("recognition:docx", args=[issued_decision.pk])).content)
    assert "MẪU RIÊNG CỦA PHƯỜNG Số: 12/QĐ-UBND" in text and "Phạm Thị Dung;" in text
    downloaded = client.get(reverse("recognition:template_download", args=[commune.pk]))
    assert "MẪU RIÊNG" in docx_text(b"".join(downloaded.streaming_content))
    client.post(reverse("recognition:template_remove", args=[commune.pk]))
    assert not DecisionTemplate.objects.exists()
    assert "QUYẾT ĐỊNH" in docx_text(client.get(reverse("recognition:docx", args=[issued_decision.pk])).content)


@pytest.mark.parametrize(
    "upload",
    [
        template("{{ number_line "),  # a placeholder left open
        template("{{ number_line.__class__.__mro__[1].__subclasses__() }}"),  # reaching into Python
        SimpleUploadedFile("mau.docx", b"%PDF-1.4\n%%EOF\n", content_type=DOCX),  # not a Word file
    ],
    ids=["syntax", "sandbox", "not-docx"],
)
def test_a_bad_template_is_refused_with_a_message(client_for, world, upload):
    response = client_for(world.officer_a).post(
        reverse("recognition:template_upload", args=[world.commune_a.pk]), {"file": upload}, follow=True
    )
    assert response.status_code == 200 and messages_of(response)
    assert not DecisionTemplate.objects.exists()


def test_a_template_that_stopped_working_gives_a_message_not_a_crash(client_for, issued_decision, approved):
    client = client_for(approved.world.officer_a)
    client.post(reverse("recognition:template_upload", args=[approved.world.commune_a.pk]), {"file": template(*OWN)})
    stored = DecisionTemplate.objects.get()
    with stored.file.open("wb") as broken:
        broken.write(b"not a zip any more")
    response = client.get(reverse("recognition:docx", args=[issued_decision.pk]), follow=True)
    assert response.status_code == 200 and "mẫu quyết định" in messages_of(response)


def test_the_template_needs_the_capability_and_the_scope(client_for, world):
    upload_url = reverse("recognition:template_upload", args=[world.commune_a.pk])
    assert client_for(world.viewer_a).post(upload_url, {"file": template(*OWN)}).status_code == 403
    assert client_for(world.officer_b).post(upload_url, {"file": template(*OWN)}).status_code == 404
    assert client_for(world.officer_a).get(upload_url).status_code == 405
    remove_url = reverse("recognition:template_remove", args=[world.commune_a.pk])
    assert client_for(world.officer_a).get(remove_url).status_code == 405
    download_url = reverse("recognition:template_download", args=[world.commune_a.pk])
    assert client_for(world.officer_b).get(download_url).status_code == 404
    default = client_for(world.officer_a).get(download_url)
    assert "{{ number_line }}" in docx_text(b"".join(default.streaming_content))

import io
import random

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from assessments import services
from assessments.enums import EvidenceKind, Stage
from assessments.models import Evidence
from assessments.services import Actor
from assessments.tests.test_services import advance_to, register_all
from assessments.tests.test_uploads import docx, jpeg

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def noisy_jpeg(side: int = 500) -> bytes:
    """A photo-like JPEG that does not compress away (noise): about 1 byte a pixel."""
    out = io.BytesIO()
    Image.frombytes("RGB", (side, side), random.Random(side).randbytes(side * side * 3)).save(out, "JPEG", quality=90)
    return out.getvalue()


@pytest.fixture
def an(cw):
    register_all(cw)
    advance_to(cw.campaign, Stage.SELF_ASSESSMENT)
    return cw.assessment("Nguyễn Văn An")


def add_url(assessment) -> str:
    return reverse("assessments:evidence_add", args=[assessment.pk])


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def stored_files(settings) -> list:
    media = settings.MEDIA_ROOT
    return [path for path in media.rglob("*") if path.is_file()] if media.exists() else []


def fetch(client, url: str):
    """A served file's response and body; reading a streamed body to its end also closes the file."""
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def attach(cw, assessment, name: str, content: bytes, item: str = "1.1") -> Evidence:
    return services.evidence_add(
        actor=Actor(user=cw.world.head_a1), assessment=assessment, item_code=item, upload=upload(name, content)
    )


# --- Adding --------------------------------------------------------------------------------------------


def test_adding_needs_a_login(client, an):
    response = client.post(add_url(an), {"item": "1.1", "note": "Giấy khen"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not an.evidence.exists()


def test_adding_is_hidden_from_other_communes_and_refused_to_viewers(client_for, cw, an):
    assert client_for(cw.world.officer_b).post(add_url(an), {"item": "1.1", "note": "x"}).status_code == 404
    assert client_for(cw.world.viewer_a).post(add_url(an), {"item": "1.1", "note": "x"}).status_code == 403
    assert not an.evidence.exists()


def test_adding_takes_posts_only(client_for, cw, an):
    assert client_for(cw.world.head_a1).get(add_url(an)).status_code == 405


def test_several_files_go_to_one_item_at_once_and_pictures_get_a_thumbnail(client_for, cw, an):
    files = [upload("giay-khen.jpg", jpeg()), upload("xac-nhan.pdf", PDF), upload("bien-ban.docx", docx())]
    response = client_for(cw.world.head_a1).post(add_url(an), {"item": "1.1", "files": files})
    assert response.status_code == 302
    assert response["Location"] == reverse("assessments:self_assess", args=[an.pk]) + "#item-1.1"
    pieces = {e.original_name: e for e in an.evidence.all()}
    assert set(pieces) == {"giay-khen.jpg", "xac-nhan.pdf", "bien-ban.docx"}
    assert pieces["giay-khen.jpg"].thumbnail and not pieces["xac-nhan.pdf"].thumbnail
    assert pieces["bien-ban.docx"].content_type.endswith("wordprocessingml.document")


def test_a_link_and_a_note_are_evidence_too(client_for, cw, an):
    client = client_for(cw.world.head_a1)
    client.post(add_url(an), {"item": "1.2", "url": "https://truong.example.vn/khen-thuong"})
    client.post(add_url(an), {"item": "1.2", "note": "Có giấy khen học sinh giỏi"})
    assert set(an.evidence.values_list("kind", flat=True)) == {EvidenceKind.LINK, EvidenceKind.NOTE}


def test_the_form_goes_back_to_the_page_it_came_from_on_this_site_only(client_for, cw, an):
    client = client_for(cw.world.head_a1)
    subject = reverse("assessments:subject", args=[an.pk])
    response = client.post(add_url(an), {"item": "1.1", "note": "a", "next": subject})
    assert response["Location"] == f"{subject}#item-1.1"
    response = client.post(add_url(an), {"item": "1.1", "note": "b", "next": "https://evil.example/"})
    assert response["Location"].startswith(reverse("assessments:self_assess", args=[an.pk]))


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ([("anh.jpg", b"<!doctype html><html><script>alert(1)</script></html>")], "không phải"),
        ([("rong.pdf", b"")], "trống"),
        ([("lon.jpg", noisy_jpeg())], "lớn hơn"),
        # One bad file among good ones: none is kept.
        ([("giay-khen.jpg", jpeg()), ("trang.jpg", b"<html></html>")], "không phải"),
    ],
)
def test_bad_files_are_refused_with_a_message_and_nothing_is_stored(client_for, cw, an, settings, files, message):
    settings.UPLOAD_MAX_BYTES = 100_000
    response = client_for(cw.world.head_a1).post(
        add_url(an), {"item": "1.1", "files": [upload(name, content) for name, content in files]}, follow=True
    )
    assert message in response.content.decode()
    assert not an.evidence.exists() and not stored_files(settings)


def test_nothing_at_all_is_refused(client_for, cw, an):
    response = client_for(cw.world.head_a1).post(add_url(an), {"item": "1.1"}, follow=True)
    assert "Hãy chọn tệp" in response.content.decode()
    assert not an.evidence.exists()


def test_an_item_outside_the_form_is_refused(client_for, cw, an):
    response = client_for(cw.world.head_a1).post(add_url(an), {"item": "9.9", "note": "x"}, follow=True)
    assert "9.9" in response.content.decode() and not an.evidence.exists()


def test_a_closed_stage_refuses_evidence(client_for, cw, an, settings):
    advance_to(cw.campaign, Stage.DECISION)
    response = client_for(cw.world.head_a1).post(
        add_url(an), {"item": "1.1", "files": [upload("a.jpg", jpeg())]}, follow=True
    )
    assert "Không thể thực hiện ở giai đoạn" in response.content.decode()
    assert not an.evidence.exists() and not stored_files(settings)


# --- Removing ------------------------------------------------------------------------------------------


def test_removing_hides_the_evidence_and_keeps_it_in_the_history(client_for, cw, an):
    piece = attach(cw, an, "giay-khen.jpg", jpeg())
    remove = reverse("assessments:evidence_remove", args=[piece.pk])
    assert client_for(cw.world.viewer_a).post(remove).status_code == 403
    assert client_for(cw.world.officer_b).post(remove).status_code == 404
    assert client_for(cw.world.head_a1).get(remove).status_code == 405
    client_for(cw.world.head_a1).post(remove)
    piece.refresh_from_db()
    assert piece.removed_at is not None and piece.removed_by == cw.world.head_a1
    assert an.events.filter(kind="evidence_removed").exists()
    assert client_for(cw.world.head_a1).post(remove).status_code == 404


# --- Serving -------------------------------------------------------------------------------------------


def test_files_need_a_login_and_are_hidden_from_other_communes(client, client_for, cw, an):
    piece = attach(cw, an, "giay-khen.jpg", jpeg())
    url = reverse("assessments:evidence_file", args=[piece.pk])
    assert client.get(url).status_code == 302
    assert client_for(cw.world.officer_b).get(url).status_code == 404
    assert client_for(cw.world.head_a1).post(url).status_code == 405


def test_a_viewer_in_scope_may_look_at_the_files(client_for, cw, an):
    piece = attach(cw, an, "giay-khen.jpg", jpeg())
    response, body = fetch(client_for(cw.world.viewer_a), reverse("assessments:evidence_file", args=[piece.pk]))
    assert response.status_code == 200 and body


def test_pictures_are_shown_with_their_stored_type_in_a_sandbox(client_for, cw, an):
    piece = attach(cw, an, "giay-khen.jpg", jpeg())
    response, body = fetch(client_for(cw.world.head_a1), reverse("assessments:evidence_file", args=[piece.pk]))
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["Content-Disposition"].startswith("inline")
    with piece.file.open("rb") as stored:
        assert body == stored.read()


def test_office_documents_are_always_downloaded(client_for, cw, an):
    piece = attach(cw, an, "bien-ban.docx", docx())
    response, _body = fetch(client_for(cw.world.head_a1), reverse("assessments:evidence_file", args=[piece.pk]))
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff" and response["Content-Security-Policy"] == "sandbox"


def test_a_pdf_opens_in_the_browser(client_for, cw, an):
    piece = attach(cw, an, "xac-nhan.pdf", PDF)
    response, _body = fetch(client_for(cw.world.head_a1), reverse("assessments:evidence_file", args=[piece.pk]))
    assert response["Content-Type"] == "application/pdf" and response["Content-Disposition"].startswith("inline")


def test_the_thumbnail_is_a_small_jpeg(client_for, cw, an):
    piece = attach(cw, an, "giay-khen.jpg", jpeg())
    response, _body = fetch(client_for(cw.world.head_a1), reverse("assessments:evidence_thumb", args=[piece.pk]))
    assert response["Content-Type"] == "image/jpeg" and response["Content-Security-Policy"] == "sandbox"
    other = attach(cw, an, "xac-nhan.pdf", PDF)
    assert client_for(cw.world.head_a1).get(reverse("assessments:evidence_thumb", args=[other.pk])).status_code == 404


def test_removed_evidence_is_no_longer_served(client_for, cw, an):
    piece = attach(cw, an, "giay-khen.jpg", jpeg())
    services.evidence_remove(actor=Actor(user=cw.world.head_a1), evidence=piece)
    assert client_for(cw.world.head_a1).get(reverse("assessments:evidence_file", args=[piece.pk])).status_code == 404

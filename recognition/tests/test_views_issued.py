"""An issued decision's page: its DOCX and PDF, the signed scan, the certificates and revoking."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document
from PIL import Image

from assessments.enums import EventKind
from recognition.enums import DecisionStatus
from recognition.tests.test_documents import pdf_text
from recognition.tests.test_views_decisions import messages_of

NAMES = ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung")


def docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    cells = (cell.text for table in document.tables for row in table.rows for cell in row.cells)
    return "\n".join([*(p.text for p in document.paragraphs), *cells])


def test_the_issued_page_offers_files_certificates_scan_and_revoking(client_for, issued_decision, approved):
    response = client_for(approved.world.officer_a).get(reverse("recognition:detail", args=[issued_decision.pk]))
    page = response.content.decode()
    for name in ("docx", "pdf", "certificates", "scan_attach", "revoke"):
        assert reverse(f"recognition:{name}", args=[issued_decision.pk]) in page
    assert issued_decision.entries.first().certificate.code in page


def test_a_viewer_reads_the_issued_decision_but_may_not_act_on_it(client_for, issued_decision, approved):
    page = client_for(approved.world.viewer_a).get(reverse("recognition:detail", args=[issued_decision.pk]))
    assert reverse("recognition:pdf", args=[issued_decision.pk]) in page.content.decode()
    assert reverse("recognition:revoke", args=[issued_decision.pk]) not in page.content.decode()


# --- DOCX and PDF --------------------------------------------------------------------------------------


def test_the_docx_opens_and_holds_every_recognised_name(client_for, issued_decision, approved):
    response = client_for(approved.world.viewer_a).get(reverse("recognition:docx", args=[issued_decision.pk]))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert 'filename="quyet-dinh-12-qd-ubnd-2026.docx"' in response["Content-Disposition"]
    text = docx_text(response.content)
    assert "Số: 12/QĐ-UBND" in text and all(name in text for name in NAMES)


def test_the_pdf_holds_the_emblem_line_the_number_and_the_names(client_for, issued_decision, approved):
    response = client_for(approved.world.officer_a).get(reverse("recognition:pdf", args=[issued_decision.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Số: 12/QĐ-UBND" in text
    assert all(name in text for name in NAMES)


def test_a_drafts_files_are_previews_with_blanks_for_the_date(client_for, draft_decision, approved):
    client = client_for(approved.world.officer_a)
    response = client.get(reverse("recognition:pdf", args=[draft_decision.pk]))
    assert 'filename="quyet-dinh-du-thao.pdf"' in response["Content-Disposition"]
    assert "ngày … tháng … năm …" in pdf_text(response.content)
    assert "Số: …/QĐ-UBND" in docx_text(client.get(reverse("recognition:docx", args=[draft_decision.pk])).content)


def test_the_files_need_a_login_the_scope_and_a_get(client, client_for, issued_decision, approved):
    for name in ("docx", "pdf"):
        url = reverse(f"recognition:{name}", args=[issued_decision.pk])
        client.logout()
        assert client.get(url).status_code == 302
        assert client_for(approved.world.officer_b).get(url).status_code == 404
        assert client_for(approved.world.officer_a).post(url).status_code == 405


# --- The signed scan -----------------------------------------------------------------------------------


def png() -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (20, 30), "white").save(out, "PNG")
    return SimpleUploadedFile("ban-ky.png", out.getvalue(), content_type="image/png")


def test_the_signed_scan_is_attached_and_served_to_the_scope_only(client_for, issued_decision, approved):
    response = client_for(approved.world.officer_a).post(
        reverse("recognition:scan_attach", args=[issued_decision.pk]), {"file": png()}
    )
    assert response.status_code == 302
    url = reverse("recognition:scan", args=[issued_decision.pk])
    served = client_for(approved.world.viewer_a).get(url)
    assert served["Content-Type"] == "image/png"
    assert served["X-Content-Type-Options"] == "nosniff" and served["Content-Security-Policy"] == "sandbox"
    assert b"".join(served.streaming_content).startswith(b"\x89PNG")
    assert client_for(approved.world.officer_b).get(url).status_code == 404


def test_a_scan_that_is_not_a_pdf_or_a_photo_is_refused(client_for, issued_decision, approved):
    fake = SimpleUploadedFile("scan.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf")
    response = client_for(approved.world.officer_a).post(
        reverse("recognition:scan_attach", args=[issued_decision.pk]), {"file": fake}, follow=True
    )
    assert messages_of(response)
    issued_decision.refresh_from_db()
    assert not issued_decision.scan


def test_attaching_a_scan_needs_the_capability(client_for, issued_decision, approved):
    url = reverse("recognition:scan_attach", args=[issued_decision.pk])
    assert client_for(approved.world.viewer_a).post(url, {"file": png()}).status_code == 403
    assert client_for(approved.world.officer_a).get(url).status_code == 405


def test_without_a_scan_there_is_nothing_to_serve(client_for, issued_decision, approved):
    assert (
        client_for(approved.world.officer_a).get(reverse("recognition:scan", args=[issued_decision.pk])).status_code
        == 404
    )


# --- Certificates --------------------------------------------------------------------------------------


def test_the_certificates_are_printed_in_the_background_and_downloaded(client_for, issued_decision, approved):
    client = client_for(approved.world.officer_a)
    response = client.post(reverse("recognition:certificates", args=[issued_decision.pk]), {"paper": "full"})
    page = client.get(response.url)
    job = page.context["job"]
    assert job.status == "done" and job.result["count"] == 4
    download = client.get(reverse("recognition:certificates_file", args=[job.pk]))
    assert 'filename="giay-chung-nhan-12-qd-ubnd-2026.pdf"' in download["Content-Disposition"]
    text = pdf_text(b"".join(download.streaming_content))
    assert text.count("GIẤY CHỨNG NHẬN") == 4
    for entry in issued_decision.entries.select_related("certificate"):
        assert entry.certificate.code in text
    # The QR codes point to the public page, by its absolute address.
    assert f"http://testserver/v/{issued_decision.entries.first().certificate.code}/" in text


def test_certificates_onto_pre_printed_paper_use_the_communes_positions(client_for, issued_decision, approved):
    client = client_for(approved.world.officer_a)
    response = client.post(reverse("recognition:certificates", args=[issued_decision.pk]), {"paper": "preprinted"})
    job = client.get(response.url).context["job"]
    text = pdf_text(b"".join(client.get(reverse("recognition:certificates_file", args=[job.pk])).streaming_content))
    assert "GIẤY CHỨNG NHẬN" not in text and "Nguyễn Văn An" in text


def test_a_batch_belongs_to_the_user_who_started_it(client_for, issued_decision, approved):
    client = client_for(approved.world.officer_a)
    job_url = client.post(reverse("recognition:certificates", args=[issued_decision.pk]), {"paper": "full"}).url
    job_id = int(job_url.rstrip("/").rsplit("/", 1)[-1])
    other = client_for(approved.world.staff)
    assert other.get(job_url).status_code == 404
    assert other.get(reverse("recognition:certificates_file", args=[job_id])).status_code == 404


def test_printing_certificates_needs_the_capability_and_a_post(client_for, issued_decision, approved):
    url = reverse("recognition:certificates", args=[issued_decision.pk])
    assert client_for(approved.world.viewer_a).post(url, {"paper": "full"}).status_code == 403
    assert client_for(approved.world.officer_b).post(url, {"paper": "full"}).status_code == 404
    assert client_for(approved.world.officer_a).get(url).status_code == 405


def test_a_revoked_decisions_certificates_are_not_printed(client_for, issued_decision, approved):
    client = client_for(approved.world.officer_a)
    client.post(
        reverse("recognition:revoke", args=[issued_decision.pk]),
        {"reason": "Sai sót", "revoking_decision": "20/QĐ-UBND"},
    )
    response = client.post(reverse("recognition:certificates", args=[issued_decision.pk]), {"paper": "full"})
    job = client.get(response.url).context["job"]
    assert job.status == "failed" and not job.result


# --- Revoking ------------------------------------------------------------------------------------------


def test_revoking_needs_a_reason_and_the_revoking_decision(client_for, issued_decision, approved):
    client = client_for(approved.world.officer_a)
    url = reverse("recognition:revoke", args=[issued_decision.pk])
    response = client.post(url, {"reason": "Sai sót danh sách", "revoking_decision": ""}, follow=True)
    assert messages_of(response)
    issued_decision.refresh_from_db()
    assert issued_decision.status == DecisionStatus.ISSUED
    client.post(url, {"reason": "Sai sót danh sách", "revoking_decision": "20/QĐ-UBND ngày 10/02/2027"})
    issued_decision.refresh_from_db()
    assert issued_decision.status == DecisionStatus.REVOKED and issued_decision.revoked_by == approved.world.officer_a
    page = client.get(reverse("recognition:detail", args=[issued_decision.pk])).content.decode()
    assert "20/QĐ-UBND ngày 10/02/2027" in page and "Sai sót danh sách" in page
    assert approved.assessment("Nguyễn Văn An").events.filter(kind=EventKind.RECOGNITION_REVOKED).exists()


def test_revoking_needs_the_capability_the_scope_and_a_post(client_for, issued_decision, approved):
    url = reverse("recognition:revoke", args=[issued_decision.pk])
    data = {"reason": "x", "revoking_decision": "20/QĐ-UBND"}
    assert client_for(approved.world.viewer_a).post(url, data).status_code == 403
    assert client_for(approved.world.officer_b).post(url, data).status_code == 404
    assert client_for(approved.world.officer_a).get(url).status_code == 405


def test_the_decisions_page_takes_a_fixed_number_of_queries(
    client_for, issued_decision, approved, django_assert_max_num_queries
):
    client = client_for(approved.world.officer_a)
    url = reverse("recognition:detail", args=[issued_decision.pk])
    client.get(url)  # warm the session
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200

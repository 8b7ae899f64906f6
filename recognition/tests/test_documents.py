import datetime
import io
import subprocess

from docx import Document

from recognition import services
from recognition.certificates import render_certificates
from recognition.documents import render_docx, render_pdf
from recognition.selectors import certificate_texts, paper_for


def issued(approved):
    decision = services.decision_create(by=None, campaign=approved.campaign, commune=approved.world.commune_a)
    services.decision_update(
        by=None, decision=decision, number="7", date=datetime.date(2026, 1, 5), signer_name="Nguyễn Thị Hương"
    )
    return services.decision_issue(by=None, decision=decision)


def pdf_text(data: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


def test_the_docx_holds_every_recognised_name_and_the_number(approved):
    document = Document(io.BytesIO(render_docx(paper_for(issued(approved)))))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    assert "Số: 7/QĐ-UBND" in cells and "An Hòa, ngày 05 tháng 01 năm 2026" in cells
    assert "QUYẾT ĐỊNH" in text and "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG AN HÒA" in text
    for name in ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung"):
        assert name in cells
    assert "Hoàng Văn Em" not in cells


def test_the_pdf_holds_the_emblem_line_the_number_and_the_names(approved):
    text = pdf_text(render_pdf(paper_for(issued(approved))))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "Số: 7/QĐ-UBND" in text
    assert "Nguyễn Văn An" in text and "Phạm Thị Dung" in text


def test_certificates_come_one_page_each_with_their_code(approved):
    decision = issued(approved)
    certificates = certificate_texts(decision, lambda code: f"https://example.vn/v/{code}")
    text = pdf_text(render_certificates(certificates))
    assert text.count("GIẤY CHỨNG NHẬN") == 4
    assert all(c.code in text for c in certificates)
    overlay = pdf_text(render_certificates(certificates[:1], positions={"subject": {"x": 50}}, test_print=True))
    assert "Gia đình ông/bà" in overlay

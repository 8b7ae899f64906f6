"""Rendering a `DecisionPaper` as an editable DOCX (from a docxtpl template a locality may replace)
and as a PDF (WeasyPrint, same layout), both A4 in Times New Roman."""

import dataclasses
import datetime
import io
import zipfile
from pathlib import Path
from typing import IO

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment

from recognition.paperwork import NATIONAL_MOTTO, AnnexRow, DecisionPaper

DEFAULT_TEMPLATE = Path(__file__).resolve().parent / "data" / "decision.docx"
# A .docx is a zip: bound what a locality's file may unpack to before anything reads it.
MAX_UNPACKED_BYTES = 40 * 1024 * 1024

# What a trial rendering of a locality's template fills in (every placeholder of the default file).
SAMPLE = DecisionPaper(
    issuer_parent="ỦY BAN NHÂN DÂN",
    issuer="PHƯỜNG MẪU",
    number_line="Số: 1/QĐ-UBND",
    place="Mẫu",
    date=datetime.date(2026, 1, 5),
    subject="Về việc công nhận danh hiệu “Gia đình học tập” năm 2025",
    authority="CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG MẪU",
    authority_in_text="Chủ tịch Ủy ban nhân dân phường Mẫu",
    bases=["Căn cứ …;"],
    articles=[("Điều 1.", "Công nhận …")],
    signer_capacity=["CHỦ TỊCH"],
    signer_name="Nguyễn Văn A",
    recipients=["Lưu: VT."],
    annex_title="DANH SÁCH",
    annex_rows=[AnnexRow(name="Nguyễn Văn B", village="Thôn Mẫu", points="90", result="Đạt")],
)


class TemplateProblem(Exception):
    """A locality's template that cannot be used; the message is for the user."""


def _context(paper: DecisionPaper) -> dict:
    context = dataclasses.asdict(paper)
    context.update(motto=NATIONAL_MOTTO, date_line=paper.date_line, annex_reference=paper.annex_reference)
    context["annex_rows"] = paper.annex_rows
    return context


def _render(template: str | IO[bytes], paper: DecisionPaper) -> bytes:
    document = DocxTemplate(template)
    # Sandboxed: a template uploaded by a locality must not reach Python objects through its placeholders.
    document.render(_context(paper), jinja_env=SandboxedEnvironment(), autoescape=True)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def render_docx(paper: DecisionPaper, template: IO[bytes] | None = None) -> bytes:
    """The decision from the default template, or from a locality's file (any failure of which is a
    TemplateProblem: a file edited by hand may be wrong in more ways than can be listed)."""
    if template is None:
        return _render(str(DEFAULT_TEMPLATE), paper)
    try:
        return _render(template, paper)
    except Exception as error:
        raise TemplateProblem(
            _(
                "The commune's decision template cannot be used (%(detail)s). Upload a corrected file, or go "
                "back to the default template."
            )
            % {"detail": str(error)[:200] or type(error).__name__}
        ) from error


def check_template(upload: IO[bytes]) -> None:
    """Refuse a file that is not a Word document, unpacks to too much, or does not render."""
    try:
        with zipfile.ZipFile(upload) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise TemplateProblem(_("The file is not a Word document (.docx).")) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise TemplateProblem(_("The document is too large once unpacked."))
    upload.seek(0)
    render_docx(SAMPLE, upload)
    upload.seek(0)


def render_pdf(paper: DecisionPaper) -> bytes:
    from weasyprint import HTML  # imported late: it loads Pango, which only this needs

    html = render_to_string("recognition/decision_pdf.html", _context(paper))
    return HTML(string=html).write_pdf()

"""Rendering a `DecisionPaper` as an editable DOCX (from a docxtpl template a locality may replace)
and as a PDF (WeasyPrint, same layout), both A4 in Times New Roman."""

import dataclasses
import io
from pathlib import Path

from django.template.loader import render_to_string
from docxtpl import DocxTemplate

from recognition.paperwork import NATIONAL_MOTTO, DecisionPaper

DEFAULT_TEMPLATE = Path(__file__).resolve().parent / "data" / "decision.docx"


def _context(paper: DecisionPaper) -> dict:
    context = dataclasses.asdict(paper)
    context.update(motto=NATIONAL_MOTTO, date_line=paper.date_line, annex_reference=paper.annex_reference)
    context["annex_rows"] = paper.annex_rows
    return context


def render_docx(paper: DecisionPaper, template: Path | str | None = None) -> bytes:
    document = DocxTemplate(str(template or DEFAULT_TEMPLATE))
    document.render(_context(paper), autoescape=True)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def render_pdf(paper: DecisionPaper) -> bytes:
    from weasyprint import HTML  # imported late: it loads Pango, which only this needs

    html = render_to_string("recognition/decision_pdf.html", _context(paper))
    return HTML(string=html).write_pdf()

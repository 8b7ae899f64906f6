"""Build recognition/data/decision.docx, the default decision template (docxtpl placeholders).

    python tools/build_decision_template.py recognition/data/decision.docx

The layout follows Nghị định 30/2020/NĐ-CP (Phụ lục I): A4, Times New Roman, the issuer block and
the national motto side by side, number and date line, bold title, the bases in italics, articles,
then "Nơi nhận" beside the signature block; the list of the recognised is an annex on its own page.
A locality may open the file in Word, change wording or layout, and keep the {{ … }} placeholders.
"""

import sys

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

FONT = "Times New Roman"


def paragraph(cell_or_doc, text="", *, size=14, bold=False, italic=False, align=None, space_after=0, underline=False):
    p = cell_or_doc.add_paragraph()
    p.paragraph_format.space_after = Pt(space_after)
    p.paragraph_format.space_before = Pt(0)
    if align is not None:
        p.alignment = align
    if text:
        run = p.add_run(text)
        run.font.size = Pt(size)
        run.font.name = FONT
        run.bold, run.italic, run.underline = bold, italic, underline
    return p


def no_borders(table):
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def first_paragraph(cell, text, **style):
    """A table cell starts with an empty paragraph: use it instead of adding another."""
    p = cell.paragraphs[0]
    p.alignment = style.pop("align", None)
    run = p.add_run(text)
    run.font.size = Pt(style.get("size", 13))
    run.font.name = FONT
    run.bold = style.get("bold", False)
    run.italic = style.get("italic", False)
    return p


def build(target: str) -> None:
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)

    center = WD_ALIGN_PARAGRAPH.CENTER
    header = doc.add_table(rows=2, cols=2)
    no_borders(header)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    header.columns[0].width, header.columns[1].width = Mm(65), Mm(100)
    left, right = header.rows[0].cells
    first_paragraph(left, "{{ issuer_parent }}", size=13, align=center)
    paragraph(left, "{{ issuer }}", size=13, bold=True, align=center)
    paragraph(left, "_______", size=13, align=center)
    first_paragraph(right, "{{ motto[0] }}", size=13, bold=True, align=center)
    paragraph(right, "{{ motto[1] }}", size=14, bold=True, align=center)
    paragraph(right, "_____________________", size=13, align=center)
    first_paragraph(header.rows[1].cells[0], "{{ number_line }}", size=13, align=center)
    first_paragraph(header.rows[1].cells[1], "{{ date_line }}", size=14, italic=True, align=center)

    paragraph(doc, "", space_after=6)
    paragraph(doc, "QUYẾT ĐỊNH", size=14, bold=True, align=center)
    paragraph(doc, "{{ subject }}", size=14, bold=True, align=center)
    paragraph(doc, "__________", size=14, align=center, space_after=6)
    paragraph(doc, "{{ authority }}", size=14, bold=True, align=center, space_after=6)

    justify = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph(doc, "{%p for basis in bases %}")
    paragraph(doc, "{{ basis }}", italic=True, align=justify, space_after=4).paragraph_format.first_line_indent = Mm(10)
    paragraph(doc, "{%p endfor %}")
    paragraph(doc, "QUYẾT ĐỊNH:", bold=True, align=center, space_after=6)
    paragraph(doc, "{%p for article in articles %}")
    article = paragraph(doc, "{{ article[0] }}", bold=True, align=justify, space_after=4)
    article.paragraph_format.first_line_indent = Mm(10)
    body = article.add_run(" {{ article[1] }}")
    body.font.size, body.font.name = Pt(14), FONT
    paragraph(doc, "{%p endfor %}")
    paragraph(doc, "", space_after=6)

    footer = doc.add_table(rows=1, cols=2)
    no_borders(footer)
    footer.columns[0].width, footer.columns[1].width = Mm(85), Mm(80)
    recipients, signature = footer.rows[0].cells
    first_paragraph(recipients, "Nơi nhận:", size=12, bold=True, italic=True)
    paragraph(recipients, "{%p for recipient in recipients %}")
    paragraph(recipients, "- {{ recipient }}", size=11)
    paragraph(recipients, "{%p endfor %}")
    first_paragraph(signature, "{%p for line in signer_capacity %}", size=14)
    paragraph(signature, "{{ line }}", size=14, bold=True, align=center)
    paragraph(signature, "{%p endfor %}")
    for _blank in range(4):
        paragraph(signature, "", size=14)
    paragraph(signature, "{{ signer_name }}", size=14, bold=True, align=center)

    annex = doc.add_paragraph()
    annex.add_run().add_break(WD_BREAK.PAGE)
    paragraph(doc, "{{ annex_title }}", size=14, bold=True, align=center)
    paragraph(doc, "{{ annex_reference }}", size=13, italic=True, align=center, space_after=8)
    table = doc.add_table(rows=3, cols=5)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    headings = ["STT", "Họ và tên / Tên", "Thôn, tổ dân phố", "Điểm", "{{ annex_result_header }}"]
    for cell, text in zip(table.rows[0].cells, headings, strict=True):
        first_paragraph(cell, text, size=13, bold=True, align=center)
    first_paragraph(table.rows[1].cells[0], "{%tr for row in annex_rows %}", size=13)
    values = ["{{ loop.index }}", "{{ row.name }}", "{{ row.village }}", "{{ row.points }}", "{{ row.result }}"]
    for cell, text in zip(table.rows[2].cells, values, strict=True):
        first_paragraph(cell, text, size=13)
    table.add_row()
    first_paragraph(table.rows[3].cells[0], "{%tr endfor %}", size=13)
    table.autofit = False
    widths = (Mm(14), Mm(58), Mm(50), Mm(16), Mm(27))
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    doc.save(target)


if __name__ == "__main__":
    build(sys.argv[1])

"""Certificates (giấy chứng nhận) as one printable PDF batch, each page with its verification code and
QR code — either a full designed page, or only the words placed onto the pre-printed paper a commune
already buys (positions in millimetres, set once per commune, checked with a test print)."""

from dataclasses import dataclass

import segno
from django.template.loader import render_to_string

# Where each field goes on pre-printed paper (A4 landscape, mm from the top-left corner, font size in pt).
PAPER_MM = (297, 210)
FONT_PT = (6, 72)
OVERLAY_FIELDS = ("subject", "place", "title", "decision", "date", "signer", "code")
DEFAULT_POSITIONS = {
    "subject": {"x": 60, "y": 88, "size": 22},
    "place": {"x": 60, "y": 102, "size": 15},
    "title": {"x": 60, "y": 118, "size": 20},
    "decision": {"x": 60, "y": 132, "size": 13},
    "date": {"x": 175, "y": 150, "size": 14},
    "signer": {"x": 185, "y": 188, "size": 15},
    "code": {"x": 22, "y": 172, "size": 10},
}


@dataclass(frozen=True)
class CertificateText:
    issuer: str  # "ỦY BAN NHÂN DÂN PHƯỜNG KIM BẢNG"
    subject: str  # "Gia đình ông/bà Nguyễn Văn An"
    place: str  # "Tổ dân phố Bút Sơn, phường Kim Bảng"
    title: str  # "GIA ĐÌNH HỌC TẬP năm 2025"
    decision: str  # "Theo Quyết định số 12/QĐ-UBND ngày 05/01/2026"
    date_line: str  # "Kim Bảng, ngày 05 tháng 01 năm 2026"
    signer_capacity: tuple[str, ...]
    signer_name: str
    code: str
    verify_url: str

    @property
    def qr_svg(self) -> str:
        return segno.make(self.verify_url, error="m").svg_data_uri(scale=4, border=1)


def render_certificates(
    certificates: list[CertificateText], *, positions: dict | None = None, test_print=False
) -> bytes:
    """Full pages when `positions` is None; otherwise the overlay on pre-printed paper. A test print
    draws a millimetre grid and the field names so that the commune can adjust the positions."""
    from weasyprint import HTML  # Pango is only needed here

    if positions is None:
        html = render_to_string("recognition/certificates_full.html", {"certificates": certificates})
    else:
        placed = {name: {**DEFAULT_POSITIONS[name], **positions.get(name, {})} for name in OVERLAY_FIELDS}
        html = render_to_string(
            "recognition/certificates_overlay.html",
            {"certificates": certificates, "positions": placed, "test_print": test_print},
        )
    return HTML(string=html).write_pdf()

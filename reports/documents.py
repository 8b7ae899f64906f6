"""The dashboard as a PDF annex in Vietnamese (A4, Times New Roman; the table by area on landscape pages),
with the trend charts, fit to attach to the report of the 5-year (2025) or 10-year (2030) review or to a
yearly report."""

import datetime

from django.template.loader import render_to_string
from django.utils import translation

from reports.enums import MapChoice
from reports.selectors import Dashboard

REVIEWS = {2025: "SƠ KẾT 5 NĂM (2021 – 2025)", 2030: "TỔNG KẾT 10 NĂM (2021 – 2030)"}


def report_pdf(board: Dashboard, today: datetime.date) -> bytes:
    from weasyprint import HTML  # imported late: it loads Pango, which only this needs

    with translation.override("vi"):
        html = render_to_string(
            "reports/report_pdf.html",
            {
                "board": board,
                "period": REVIEWS.get(board.year, f"NĂM {board.year}"),
                "today": today,
                "then": board.map == MapChoice.THEN,
            },
        )
    return HTML(string=html).write_pdf()

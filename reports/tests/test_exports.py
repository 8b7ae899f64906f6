"""The dashboard's Excel workbook and PDF annex."""

import io
import subprocess

from django.urls import reverse
from openpyxl import load_workbook


def test_the_workbook_has_a_sheet_per_group_with_frozen_panes_and_each_plans_targets_beside_the_actuals(
    client_for, ledger
):
    w = ledger.world
    response = client_for(w.staff).get(reverse("reports:area_xlsx", args=[w.province.pk]), {"year": 2026})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="chi-tieu-tinh-thu-nghiem-2026.xlsx"'
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "Mô hình học tập",
        "Công dân học tập",
        "Hội Khuyến học và TTHTCĐ",
        "Xu hướng",
        "Cách tính",
    ]
    sheet = book["Mô hình học tập"]
    assert sheet.freeze_panes == "C7"
    assert sheet["A1"].value.startswith("KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU")
    assert sheet["C5"].value == "Gia đình học tập"
    header = [cell.value for cell in sheet[6]]
    assert header[:8] == [
        "Mã",
        "Xã, phường",
        "Đạt (hộ)",
        "Tổng số (hộ)",
        "Tỷ lệ (%)",
        "Chỉ tiêu 387/QĐ-TTg (%)",
        "Chênh lệch 387/QĐ-TTg (điểm %)",
        "Đánh giá 387/QĐ-TTg",
    ]
    rows = {row[1]: row for row in sheet.iter_rows(min_row=7, values_only=True) if row[1]}
    assert rows["Phường An Hòa"][2:8] == (1, 3, 33.3, 80, -46.7, "Chậm")
    assert rows["Xã Bình Minh"][2:5] == (1, 1, 100)
    total = next(row for row in sheet.iter_rows(min_row=7) if row[1].value == "Tỉnh Thử Nghiệm")
    assert total[1].font.bold
    assert book["Xu hướng"]["A7"].value.startswith("Gia đình được công nhận")


def test_estimates_are_named_in_the_workbook(client_for, ledger):
    w = ledger.world
    response = client_for(w.staff).get(reverse("reports:area_xlsx", args=[w.province.pk]), {"year": 2024})
    sheet = load_workbook(io.BytesIO(response.content))["Mô hình học tập"]
    rows = {row[1]: row for row in sheet.iter_rows(min_row=7, values_only=True) if row[1]}
    assert rows["Phường An Hòa"][2] == 1.5
    assert "Gia đình học tập" in rows["Phường An Hòa"][-1]


def test_the_pdf_is_a_vietnamese_annex_with_the_communes_and_charts(client_for, ledger, tmp_path):
    w = ledger.world
    response = client_for(w.staff).get(reverse("reports:area_pdf", args=[w.province.pk]), {"year": 2025})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    path = tmp_path / "report.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHƯƠNG TRÌNH" in text
    assert "SƠ KẾT 5 NĂM (2021 – 2025)" in text
    assert "Phường An Hòa" in text and "Xã Bình Minh" in text
    assert "387/QĐ-TTg" in text
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Liberation-Serif" in fonts

"""Building the spreadsheets the tests upload: like the lists communes keep, warts included."""

import io
import unicodedata

from openpyxl import Workbook

HOUSEHOLD_HEADER = [
    "STT",
    "Mã hộ",
    "Thôn/Tổ dân phố",
    "Địa chỉ",
    "Dòng họ",
    "Họ và tên",
    "Quan hệ với chủ hộ",
    "Năm sinh",
    "Giới tính",
    "Nhóm lao động",
    "Số CCCD",
    "Ghi chú",
]


def xlsx(rows: list[list], *, title: str | None = "DANH SÁCH HỘ GIA ĐÌNH", header=HOUSEHOLD_HEADER) -> bytes:
    """A workbook with a merged title over the header, then the rows (None cells stay empty)."""
    workbook = Workbook()
    sheet = workbook.active
    if title:
        sheet.append([title])
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
        sheet.append([])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def households(*extra: list, total: bool = True) -> bytes:
    """Two households of Phường An Hòa the way a ward keeps them: the code only on the first row of a
    household, a decomposed name, stray spaces, a year typed as text, a total row at the bottom."""
    rows = [
        [
            1,
            "H001",
            "Tổ dân phố Đông",
            "Số 3 ngõ 5",
            None,
            unicodedata.normalize("NFD", "Nguyễn  Văn An "),
            "Chủ hộ",
            1970,
            "Nam",
            "Nông dân, lao động nông thôn",
            "034070001234",
            None,
        ],
        [2, None, None, None, None, "Trần Thị Bình", "Vợ", "1972", "Nữ", "Nông dân", None, "chuyển đến 2020"],
        [3, None, None, None, None, "Nguyễn Văn Cường", "Con", 2001, "nam", "Công nhân", "34201009999", None],
        [4, "H002", "Tây", None, None, "Lê Thị Hoa", "Chủ hộ", 1958, "Nữ", None, None, None],
        *extra,
    ]
    if total:
        rows.append(["Tổng cộng", None, None, None, None, "2 hộ, 4 nhân khẩu"])
    return xlsx(rows)

"""The text of a decision as the office writes it (Nghị định 30/2020/NĐ-CP), independent of its file
format: the DOCX and the PDF are both rendered from one `DecisionPaper`."""

import datetime
from dataclasses import dataclass, field

NATIONAL_MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


@dataclass(frozen=True)
class AnnexRow:
    name: str
    village: str
    points: str
    result: str


@dataclass(frozen=True)
class DecisionPaper:
    issuer_parent: str  # "ỦY BAN NHÂN DÂN"
    issuer: str  # "PHƯỜNG KIM BẢNG"
    number_line: str  # "Số: 12/QĐ-UBND"
    place: str  # "Kim Bảng"
    date: datetime.date
    subject: str  # "Về việc công nhận danh hiệu “Gia đình học tập” năm 2025"
    authority: str  # "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG KIM BẢNG"
    authority_in_text: str  # "Chủ tịch Ủy ban nhân dân phường Kim Bảng"
    bases: list[str]
    articles: list[tuple[str, str]]  # ("Điều 1.", "Công nhận …")
    signer_capacity: list[str]  # ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    signer_name: str
    recipients: list[str]
    annex_title: str
    annex_rows: list[AnnexRow] = field(default_factory=list)
    annex_result_header: str = "Xếp loại"

    @property
    def date_line(self) -> str:
        """ "Kim Bảng, ngày 05 tháng 01 năm 2026": NĐ 30/2020 pads days below 10 and the months 1 and 2."""
        month = f"{self.date.month:02d}" if self.date.month <= 2 else str(self.date.month)
        return f"{self.place}, ngày {self.date.day:02d} tháng {month} năm {self.date.year}"

    @property
    def annex_reference(self) -> str:
        number = self.number_line.removeprefix("Số: ").strip()
        return f"(Kèm theo Quyết định số {number} ngày {self.date:%d/%m/%Y} của {self.authority_in_text})"

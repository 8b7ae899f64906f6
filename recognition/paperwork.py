"""The text of a decision as the office writes it (Nghị định 30/2020/NĐ-CP), independent of its file
format: the DOCX and the PDF are both rendered from one `DecisionPaper`."""

import datetime
from dataclasses import dataclass, field

NATIONAL_MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")

# The titles as official documents write them (Vietnamese whatever the interface language).
TITLE_NAMES = {
    "family": "Gia đình học tập",
    "clan": "Dòng họ học tập",
    "community": "Cộng đồng học tập",
    "unit": "Đơn vị học tập",
    "citizen": "Công dân học tập",
}
# How Article 1 counts the subjects of each title.
SUBJECT_NOUNS = {
    "family": "gia đình",
    "clan": "dòng họ",
    "community": "thôn, tổ dân phố",
    "unit": "đơn vị",
    "citizen": "công dân",
}
_KIND_PREFIXES = ("Thị trấn", "Đặc khu", "Phường", "Xã")


def commune_short_name(name: str) -> str:
    """ "Phường Kim Bảng" → "Kim Bảng", as the place line and the issuer block write it."""
    for prefix in _KIND_PREFIXES:
        if name.startswith(prefix + " "):
            return name[len(prefix) + 1 :]
    return name


def commune_in_text(name: str) -> str:
    """ "Phường Kim Bảng" → "phường Kim Bảng", as a sentence writes it."""
    for prefix in _KIND_PREFIXES:
        if name.startswith(prefix + " "):
            return prefix.lower() + name[len(prefix) :]
    return name


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
    date: datetime.date | None  # None on a draft not yet dated
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
        """ "Kim Bảng, ngày 05 tháng 01 năm 2026": NĐ 30/2020 pads days below 10 and the months 1 and 2.
        A draft without a date leaves the blanks the office fills in by hand."""
        if self.date is None:
            return f"{self.place}, ngày … tháng … năm …"
        month = f"{self.date.month:02d}" if self.date.month <= 2 else str(self.date.month)
        return f"{self.place}, ngày {self.date.day:02d} tháng {month} năm {self.date.year}"

    @property
    def annex_reference(self) -> str:
        number = self.number_line.removeprefix("Số: ").strip()
        day = f"{self.date:%d/%m/%Y}" if self.date else "…/…/…"
        return f"(Kèm theo Quyết định số {number} ngày {day} của {self.authority_in_text})"

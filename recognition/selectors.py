"""Reads: the decisions a user sees and the work waiting for them, a decision as paper, its
certificates, and what the public verification page may show."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet

from accounts.enums import Capability
from accounts.scope import visible
from areas.enums import Level
from areas.models import Area
from assessments.enums import Stage, Status
from assessments.models import Assessment, Campaign
from assessments.selectors import campaigns_visible_to
from criteria.engine import points_text
from recognition.certificates import CertificateText
from recognition.enums import DecisionStatus
from recognition.models import Certificate, CertificateLayout, Decision, DecisionTemplate, Entry
from recognition.paperwork import (
    SUBJECT_NOUNS,
    TITLE_NAMES,
    AnnexRow,
    DecisionPaper,
    commune_in_text,
    commune_short_name,
)


def decisions_visible_to(user) -> QuerySet:
    """Decisions of the communes in the user's scope (and of those merged into them: history reads)."""
    return visible(Decision.objects.all(), user, "commune__path")


def recognised_ids() -> QuerySet:
    """The assessments listed by a decision in force (a revoked decision frees its subjects again)."""
    return Entry.objects.filter(decision__status=DecisionStatus.ISSUED, excluded_reason="").values("assessment_id")


@dataclass
class Work:
    """A campaign at the decision stage in one commune where the user issues decisions."""

    campaign: Campaign
    commune: Area
    # Approved as passing and not recognised by a decision in force.
    waiting: int
    drafts: list[Decision] = field(default_factory=list)
    issued: list[Decision] = field(default_factory=list)


def decision_work(user) -> list[Work]:
    """What waits for a decision: campaigns at the decision stage × the communes of today's map where the
    user may issue one and the council approved someone not yet recognised. Three queries per campaign."""
    if not user.can_anywhere(Capability.ISSUE_DECISIONS):
        return []
    campaigns = list(campaigns_visible_to(user).filter(stage=Stage.DECISION).select_related("area"))
    work: list[Work] = []
    for campaign in campaigns:
        counts = dict(
            Assessment.objects.filter(campaign=campaign, status=Status.APPROVED, passed=True)
            .exclude(pk__in=recognised_ids())
            .order_by()
            .values_list("area__path")
            .annotate(n=Count("pk"))
        )
        prefixes = {path[:end] for path in counts for end in range(9, len(path) + 1, 9)}
        communes = Area.objects.current().at_level(Level.COMMUNE).filter(path__in=prefixes).order_by("path")
        for commune in communes:
            if user.can(Capability.ISSUE_DECISIONS, commune):
                waiting = sum(n for path, n in counts.items() if path.startswith(commune.path))
                work.append(Work(campaign=campaign, commune=commune, waiting=waiting))
    if work:
        by_pair = {(w.campaign.pk, w.commune.pk): w for w in work}
        decisions = Decision.objects.filter(campaign__in=campaigns).exclude(status=DecisionStatus.REVOKED)
        for decision in decisions.order_by("pk"):
            found = by_pair.get((decision.campaign_id, decision.commune_id))
            if found:
                (found.drafts if decision.is_draft else found.issued).append(decision)
    return work


def template_for(commune: Area) -> DecisionTemplate | None:
    return DecisionTemplate.objects.filter(commune=commune).first()


def positions_for(commune: Area) -> dict:
    """The commune's saved positions on its pre-printed paper ({} until it sets them: the defaults)."""
    layout = CertificateLayout.objects.filter(commune=commune).first()
    return layout.positions if layout else {}


def sample_certificate(commune: Area, verify_url: str) -> CertificateText:
    """What a test print writes onto the commune's paper."""
    short = commune_short_name(commune.name)
    return CertificateText(
        issuer=f"ỦY BAN NHÂN DÂN {commune.name.upper()}",
        subject="Gia đình ông/bà Nguyễn Văn Mẫu",
        place=f"Thôn Mẫu, {commune_in_text(commune.name)}",
        title="GIA ĐÌNH HỌC TẬP năm 2025",
        decision="Theo Quyết định số 1/QĐ-UBND ngày 05/01/2026",
        date_line=f"{short}, ngày 05 tháng 01 năm 2026",
        signer_capacity=("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
        signer_name="Nguyễn Văn Ký",
        code="XXXX-XXXX",
        verify_url=verify_url,
    )


def listed_entries(decision: Decision):
    return decision.entries.filter(excluded_reason="").select_related("assessment__area").order_by("position", "pk")


def issuer_name(decision: Decision) -> str:
    """The commune's name on the decision's day ("Thị trấn Quế" before it became "Phường Quế")."""
    return decision.commune.name_on(decision.date) if decision.date else decision.commune.name


def paper_for(decision: Decision) -> DecisionPaper:
    campaign, name = decision.campaign, issuer_name(decision)
    title, in_text = TITLE_NAMES[campaign.title], commune_in_text(name)
    entries = list(listed_entries(decision))
    noun = SUBJECT_NOUNS[campaign.title]
    return DecisionPaper(
        issuer_parent="ỦY BAN NHÂN DÂN",
        issuer=name.upper(),
        number_line=f"Số: {decision.number_text or '…/' + decision.symbol}",
        place=decision.place,
        date=decision.date,
        subject=decision.subject_line,
        authority=f"CHỦ TỊCH ỦY BAN NHÂN DÂN {name.upper()}",
        authority_in_text=f"Chủ tịch Ủy ban nhân dân {in_text}",
        bases=decision.legal_bases,
        articles=[
            (
                "Điều 1.",
                f"Công nhận {len(entries)} {noun} đạt danh hiệu “{title}” năm {campaign.year} (có danh sách kèm theo).",
            ),
            ("Điều 2.", "Quyết định có hiệu lực kể từ ngày ký."),
            (
                "Điều 3.",
                f"Văn phòng Hội đồng nhân dân và Ủy ban nhân dân {in_text}, Hội Khuyến học {in_text} và các {noun} "
                "có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
            ),
        ],
        signer_capacity=[line for line in decision.signer_capacity.splitlines() if line.strip()],
        signer_name=decision.signer_name,
        recipients=decision.recipients,
        annex_title=f"DANH SÁCH {noun.upper()} ĐẠT DANH HIỆU “{title.upper()}” NĂM {campaign.year}",
        annex_rows=[
            AnnexRow(
                name=e.assessment.subject_name,
                village=e.assessment.area.name,
                points=points_text(e.assessment.total),
                result=e.assessment.result or "Đạt",
            )
            for e in entries
        ],
        annex_result_header="Xếp loại" if any(e.assessment.result for e in entries) else "Kết quả",
    )


def certificate_texts(decision: Decision, url_for: Callable[[str], str]) -> list[CertificateText]:
    """One certificate per listed subject; `url_for(code)` gives the public verification address."""
    paper = paper_for(decision)
    title, name = TITLE_NAMES[decision.campaign.title], issuer_name(decision)
    certificates = Certificate.objects.filter(entry__decision=decision).select_related("entry__assessment__area")
    return [
        CertificateText(
            issuer=f"ỦY BAN NHÂN DÂN {name.upper()}",
            subject=_subject_line(decision.campaign.title, c.entry.assessment.subject_name),
            place=f"{c.entry.assessment.area.name}, {commune_in_text(name)}",
            title=f"{title.upper()} năm {decision.campaign.year}",
            decision=f"Theo Quyết định số {decision.number_text} ngày {decision.date:%d/%m/%Y}",
            date_line=paper.date_line,
            signer_capacity=tuple(paper.signer_capacity),
            signer_name=decision.signer_name,
            code=c.code,
            verify_url=url_for(c.code),
        )
        for c in sorted(certificates, key=lambda c: (c.entry.position, c.entry.pk))
    ]


def _subject_line(title: str, name: str) -> str:
    if title == "family":
        return f"Gia đình ông/bà {name}"
    return name


@dataclass(frozen=True)
class Verification:
    """Only what the certificate itself shows: no other personal data."""

    code: str
    subject: str
    title: str
    year: int
    commune: str
    decision_number: str
    decision_date: object
    revoked: bool


def verify(code: str) -> Verification | None:
    certificate = (
        Certificate.objects.filter(code=code)
        .exclude(entry__decision__status=DecisionStatus.DRAFT)
        .select_related("entry__assessment", "entry__decision__campaign", "entry__decision__commune")
        .first()
    )
    if certificate is None:
        return None
    decision = certificate.entry.decision
    return Verification(
        code=certificate.code,
        subject=_subject_line(decision.campaign.title, certificate.entry.assessment.subject_name),
        title=TITLE_NAMES[decision.campaign.title],
        year=decision.campaign.year,
        commune=issuer_name(decision),
        decision_number=decision.number_text,
        decision_date=decision.date,
        revoked=decision.status == DecisionStatus.REVOKED,
    )

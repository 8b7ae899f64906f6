"""Writes to recognition: a draft decision from the council's approved list, its issue (immutable from
then on), its revocation, and the certificates' codes. Every change is recorded on the subjects'
history (assessments.Event) and by the audit log."""

import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from areas.enums import Level
from areas.models import Area
from assessments.enums import EventKind, Stage, Status
from assessments.models import Assessment, Campaign, Event
from assessments.uploads import UploadRefused, check, storage_name
from khuyenhoc.text import clean
from recognition.certificates import FONT_PT, OVERLAY_FIELDS, PAPER_MM
from recognition.documents import TemplateProblem, check_template
from recognition.enums import DecisionStatus
from recognition.models import Certificate, CertificateLayout, Decision, DecisionTemplate, Entry
from recognition.paperwork import TITLE_NAMES, commune_short_name
from recognition.selectors import recognised_ids

CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: codes are read aloud and typed


class RecognitionError(Exception):
    """A change the rules refuse; the message is for the user."""


def approved_subjects(campaign: Campaign, commune: Area):
    """What the council approved as passing in the commune (or anything that was part of it then) and
    no decision in force recognises yet."""
    return (
        Assessment.objects.filter(campaign=campaign, status=Status.APPROVED, passed=True)
        .filter(area__path__startswith=commune.path)
        .exclude(pk__in=recognised_ids())
        .order_by("area__path", "subject_name", "pk")
    )


def default_bases(campaign: Campaign) -> list[str]:
    criteria = campaign.criteria_set
    source = " ".join(
        part
        for part in (
            f"số {criteria.document_number}" if criteria.document_number else "",
            f"ngày {criteria.document_date:%d/%m/%Y}" if criteria.document_date else "",
            f"của {criteria.issuer}" if criteria.issuer else "",
        )
        if part
    )
    return [
        "Căn cứ Luật Tổ chức chính quyền địa phương;",
        "Căn cứ Quyết định số 387/QĐ-TTg ngày 25 tháng 3 năm 2022 của Thủ tướng Chính phủ phê duyệt Chương trình "
        "“Đẩy mạnh phong trào học tập suốt đời trong gia đình, dòng họ, cộng đồng, đơn vị giai đoạn 2021 – 2030”;",
        f"Căn cứ {criteria.name}{' ' + source if source else ''};",
        f"Xét đề nghị của Hội đồng xét duyệt danh hiệu “{TITLE_NAMES[campaign.title]}” năm {campaign.year}.",
    ]


def draft_text(campaign: Campaign, commune: Area) -> dict:
    """What a new draft says before the office edits it."""
    return {
        "place": commune_short_name(commune.name),
        "subject_line": f"Về việc công nhận danh hiệu “{TITLE_NAMES[campaign.title]}” năm {campaign.year}",
        "legal_bases": default_bases(campaign),
        "recipients": ["Như Điều 3;", "Hội Khuyến học cấp trên (để báo cáo);", "Lưu: VT."],
    }


@transaction.atomic
def decision_create(*, by, campaign: Campaign, commune: Area) -> Decision:
    """A draft listing every subject the council approved as passing in the commune."""
    if commune.level != Level.COMMUNE:
        raise RecognitionError(_("A recognition decision is issued by a commune People's Committee."))
    if not (commune.path.startswith(campaign.area.path) or campaign.area.path.startswith(commune.path)):
        raise RecognitionError(_("The campaign does not cover %(commune)s.") % {"commune": commune.name})
    if campaign.stage != Stage.DECISION:
        raise RecognitionError(_("A decision is prepared once the campaign reaches the decision stage."))
    subjects = list(approved_subjects(campaign, commune))
    if not subjects:
        raise RecognitionError(
            _("Nobody in %(commune)s awaits recognition in this campaign.") % {"commune": commune.name}
        )
    decision = Decision.objects.create(
        commune=commune, campaign=campaign, created_by=by, **draft_text(campaign, commune)
    )
    Entry.objects.bulk_create(
        Entry(decision=decision, assessment=a, position=n) for n, a in enumerate(subjects, start=1)
    )
    return decision


def require_draft(decision: Decision) -> None:
    """Refuse any change to a decision that is no longer a draft."""
    if not decision.is_draft:
        raise RecognitionError(_("An issued decision cannot be changed; revoke it and issue a new one."))


EDITABLE = (
    "number",
    "symbol",
    "date",
    "place",
    "subject_line",
    "signer_name",
    "signer_capacity",
    "legal_bases",
    "recipients",
)


@transaction.atomic
def decision_update(*, by, decision: Decision, **fields) -> Decision:
    require_draft(decision)
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise RecognitionError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    for name, value in fields.items():
        if isinstance(value, str):
            value = value.strip() if name == "signer_capacity" else clean(value)
        elif isinstance(value, list):
            value = [clean(line) for line in value if clean(line)]
        setattr(decision, name, value)
    decision.save(update_fields=list(fields))
    return decision


@transaction.atomic
def entry_exclude(*, by, entry: Entry, reason: str) -> Entry:
    """Leave an approved subject out of the decision; the reason is kept with the list."""
    require_draft(entry.decision)
    reason = clean(reason)
    if not reason:
        raise RecognitionError(_("Say why %(name)s is left out.") % {"name": entry.assessment.subject_name})
    entry.excluded_reason = reason
    entry.save(update_fields=["excluded_reason"])
    return entry


@transaction.atomic
def entry_include(*, by, entry: Entry) -> Entry:
    require_draft(entry.decision)
    entry.excluded_reason = ""
    entry.save(update_fields=["excluded_reason"])
    return entry


def _new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _n in range(8))
    return f"{raw[:4]}-{raw[4:]}"


def normalise_code(text: str) -> str:
    """What a person types ("k7q4 9mzp", "K7Q49MZP") → the stored form "K7Q4-9MZP"; "" if malformed."""
    raw = "".join(ch for ch in text.upper() if ch.isalnum())
    if len(raw) != 8 or any(ch not in CODE_ALPHABET for ch in raw):
        return ""
    return f"{raw[:4]}-{raw[4:]}"


@transaction.atomic
def decision_issue(*, by, decision: Decision) -> Decision:
    """Issue a draft: it must carry a number and a date, list at least one subject, every listed
    subject approved as passing, and the number must be free in the commune for the year."""
    require_draft(decision)
    if not decision.number or not decision.date or not decision.signer_name:
        raise RecognitionError(_("Give the decision its number, its date and its signer before issuing it."))
    entries = list(decision.entries.select_related("assessment"))
    listed = [e for e in entries if e.is_listed]
    if not listed:
        raise RecognitionError(_("The decision lists nobody: there is nothing to recognise."))
    unapproved = [
        e.assessment.subject_name for e in listed if e.assessment.status != Status.APPROVED or not e.assessment.passed
    ]
    if unapproved:
        raise RecognitionError(_("The council has not approved: %(names)s.") % {"names": ", ".join(unapproved[:10])})
    taken = (
        Decision.objects.exclude(pk=decision.pk)
        .exclude(status=DecisionStatus.DRAFT)
        .filter(commune=decision.commune, number=decision.number, symbol=decision.symbol, year=decision.date.year)
    )
    if taken.exists():
        raise RecognitionError(
            _("Number %(number)s is already used by %(commune)s in %(year)s.")
            % {"number": decision.number_text, "commune": decision.commune.name, "year": decision.date.year}
        )
    already = Entry.objects.filter(
        assessment__in=[e.assessment for e in listed], decision__status=DecisionStatus.ISSUED
    ).exclude(excluded_reason__gt="")
    if already.exists():
        raise RecognitionError(
            _("%(name)s is already recognised by another decision.") % {"name": already.first().assessment.subject_name}
        )
    decision.status, decision.year = DecisionStatus.ISSUED, decision.date.year
    decision.issued_by, decision.issued_at = by, timezone.now()
    try:
        with transaction.atomic():
            decision.save(update_fields=["status", "year", "issued_by", "issued_at"])
    except IntegrityError:
        raise RecognitionError(_("Number %(number)s is already used.") % {"number": decision.number_text}) from None
    _certificates(listed)
    Event.objects.bulk_create(
        Event(
            assessment=e.assessment,
            actor=by,
            kind=EventKind.RECOGNISED,
            new=f"{decision.number_text} ({decision.date:%d/%m/%Y})",
        )
        for e in listed
    )
    return decision


def free_codes(count: int) -> list[str]:
    """`count` new verification codes that no certificate uses yet."""
    codes: set[str] = set()
    while len(codes) < count:
        codes.add(_new_code())
    clashes = set(Certificate.objects.filter(code__in=codes).values_list("code", flat=True))
    while clashes:
        codes -= clashes
        while len(codes) < count:
            codes.add(_new_code())
        clashes = set(Certificate.objects.filter(code__in=codes).values_list("code", flat=True))
    return sorted(codes)


def _certificates(entries: list[Entry]) -> None:
    codes = free_codes(len(entries))
    Certificate.objects.bulk_create(Certificate(entry=e, code=c) for e, c in zip(entries, codes, strict=True))


@transaction.atomic
def decision_revoke(*, by, decision: Decision, reason: str, revoking_decision: str) -> Decision:
    """Withdraw an issued decision (never delete it): its titles stop counting, its certificates show
    as revoked on the verification page."""
    if decision.status != DecisionStatus.ISSUED:
        raise RecognitionError(_("Only an issued decision can be revoked."))
    reason, revoking_decision = clean(reason), clean(revoking_decision)
    if not reason or not revoking_decision:
        raise RecognitionError(_("Give the reason and the number of the revoking decision."))
    decision.status, decision.revoke_reason, decision.revoked_by_decision = (
        DecisionStatus.REVOKED,
        reason,
        revoking_decision,
    )
    decision.revoked_by, decision.revoked_at = by, timezone.now()
    decision.save(update_fields=["status", "revoke_reason", "revoked_by_decision", "revoked_by", "revoked_at"])
    Event.objects.bulk_create(
        Event(
            assessment_id=e.assessment_id,
            actor=by,
            kind=EventKind.RECOGNITION_REVOKED,
            old=decision.number_text,
            reason=reason,
        )
        for e in decision.entries.all()
        if e.is_listed
    )
    return decision


@transaction.atomic
def scan_attach(*, by, decision: Decision, upload) -> Decision:
    """The scan of the signed paper: a PDF or a photo, checked by content like evidence."""
    if decision.status == DecisionStatus.DRAFT:
        raise RecognitionError(_("Attach the signed scan after issuing the decision."))
    try:
        checked = check(upload)
    except UploadRefused as error:
        raise RecognitionError(str(error)) from None
    if not (checked.is_picture or checked.extension == "pdf"):
        raise RecognitionError(_("The scan must be a PDF or a photo."))
    decision.scan.save(storage_name(checked, folder="decisions"), upload, save=False)
    decision.save(update_fields=["scan"])
    return decision


def next_number(commune: Area, year: int) -> str:
    """A suggestion: one above the highest number the commune issued in the year (numbers are usually
    taken from the commune's register; this is only a default)."""
    numbers = Decision.objects.filter(commune=commune, year=year).exclude(status=DecisionStatus.DRAFT)
    highest = max((int(n) for n in numbers.values_list("number", flat=True) if n.isdigit()), default=0)
    return str(highest + 1)


# --- A commune's paperwork: its certificate paper and its own decision template ---------------------


@transaction.atomic
def layout_save(*, by, commune: Area, positions: dict[str, dict[str, int]]) -> CertificateLayout:
    """Where each field goes on the commune's pre-printed paper (mm from the top-left corner, pt)."""
    for name, place in positions.items():
        if name not in OVERLAY_FIELDS or set(place) - {"x", "y", "size"}:
            raise RecognitionError(_("Unknown field on the certificate: %(name)s.") % {"name": name})
        x, y, size = place.get("x", 0), place.get("y", 0), place.get("size", 12)
        if not (0 <= x <= PAPER_MM[0] and 0 <= y <= PAPER_MM[1] and FONT_PT[0] <= size <= FONT_PT[1]):
            raise RecognitionError(_("The position of “%(name)s” is off the paper.") % {"name": name})
    layout, _created = CertificateLayout.objects.update_or_create(commune=commune, defaults={"positions": positions})
    return layout


@transaction.atomic
def template_set(*, by, commune: Area, upload) -> DecisionTemplate:
    """The commune's own decision template, replacing any earlier one once a trial rendering works."""
    try:
        checked = check(upload)
    except UploadRefused as error:
        raise RecognitionError(str(error)) from None
    if checked.extension != "docx":
        raise RecognitionError(_("The template must be a Word document (.docx)."))
    try:
        check_template(upload)
    except TemplateProblem as error:
        raise RecognitionError(str(error)) from None
    template = DecisionTemplate.objects.filter(commune=commune).first() or DecisionTemplate(commune=commune)
    old = template.file.name if template.pk else ""
    template.file.save(storage_name(checked, folder="templates"), upload, save=False)
    template.original_name, template.uploaded_by = checked.original_name, by
    template.save()
    if old:
        transaction.on_commit(lambda: template.file.storage.delete(old))
    return template


@transaction.atomic
def template_remove(*, by, commune: Area) -> None:
    """Back to the default template."""
    template = DecisionTemplate.objects.filter(commune=commune).first()
    if template is not None:
        name, storage = template.file.name, template.file.storage
        template.delete()
        transaction.on_commit(lambda: storage.delete(name))

"""The decision list, the new-decision page and the draft's page: who sees what, who may act."""

import datetime

from django.urls import reverse

from recognition import services
from recognition.enums import DecisionStatus
from recognition.models import Decision


def messages_of(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


# --- The list ----------------------------------------------------------------------------------------


def test_the_list_needs_a_login(client, world):
    response = client.get(reverse("recognition:list"))
    assert response.status_code == 302 and reverse("login") in response.url


def test_the_list_shows_the_decisions_in_scope_only(client_for, issued_decision, approved):
    url = reverse("recognition:list")
    assert "12/QĐ-UBND" in client_for(approved.world.viewer_a).get(url).content.decode()
    other = client_for(approved.world.officer_b).get(url)
    assert "12/QĐ-UBND" not in other.content.decode() and other.context["page_obj"].paginator.count == 0


def test_the_list_filters_by_year_title_and_status(client_for, issued_decision, approved):
    client = client_for(approved.world.officer_a)
    url = reverse("recognition:list")
    assert (
        client.get(url, {"year": 2026, "title": "family", "status": "issued"}).context["page_obj"].paginator.count == 1
    )
    assert client.get(url, {"status": "revoked"}).context["page_obj"].paginator.count == 0
    assert client.get(url, {"year": "nonsense"}).context["page_obj"].paginator.count == 1  # a bad value is ignored


def test_the_list_takes_a_fixed_number_of_queries(client_for, issued_decision, approved, django_assert_max_num_queries):
    client = client_for(approved.world.officer_a)
    client.get(reverse("recognition:list"))  # warm the session
    with django_assert_max_num_queries(12):
        response = client.get(reverse("recognition:list"))
    assert response.status_code == 200


def test_the_list_answers_only_get(client_for, world):
    assert client_for(world.officer_a).post(reverse("recognition:list")).status_code == 405


# --- A new decision ------------------------------------------------------------------------------------


def test_the_new_decision_page_needs_a_login(client, world):
    assert client.get(reverse("recognition:new")).status_code == 302


def test_a_viewer_may_not_prepare_a_decision(client_for, approved):
    assert client_for(approved.world.viewer_a).get(reverse("recognition:new")).status_code == 403


def test_the_new_decision_page_lists_the_campaign_waiting_in_the_officers_commune(client_for, approved):
    response = client_for(approved.world.officer_a).get(reverse("recognition:new"))
    (work,) = response.context["work"]
    assert work.campaign == approved.campaign and work.commune == approved.world.commune_a and work.waiting == 4


def test_an_officer_of_another_commune_cannot_prepare_it(client_for, approved):
    client = client_for(approved.world.officer_b)
    assert client.get(reverse("recognition:new")).context["work"] == []
    data = {"campaign": approved.campaign.pk, "commune": approved.world.commune_a.pk}
    assert client.post(reverse("recognition:new"), data).status_code == 404
    assert not Decision.objects.exists()


def test_preparing_a_decision_makes_a_draft_of_the_approved_list_once(client_for, approved):
    client = client_for(approved.world.officer_a)
    data = {"campaign": approved.campaign.pk, "commune": approved.world.commune_a.pk}
    response = client.post(reverse("recognition:new"), data)
    decision = Decision.objects.get()
    assert response.url == reverse("recognition:detail", args=[decision.pk])
    assert decision.entries.count() == 4 and decision.created_by == approved.world.officer_a
    # A second press opens the same draft instead of making another.
    assert client.post(reverse("recognition:new"), data).url == response.url
    assert Decision.objects.count() == 1


def test_the_new_decision_page_refuses_other_methods(client_for, approved):
    assert client_for(approved.world.officer_a).put(reverse("recognition:new")).status_code == 405


# --- The draft -----------------------------------------------------------------------------------------


def test_the_draft_page_needs_a_login(client, draft_decision):
    assert client.get(reverse("recognition:detail", args=[draft_decision.pk])).status_code == 302


def test_the_draft_is_not_found_outside_the_commune(client_for, draft_decision, approved):
    assert (
        client_for(approved.world.officer_b).get(reverse("recognition:detail", args=[draft_decision.pk])).status_code
        == 404
    )


def test_a_viewer_reads_the_draft_without_a_form(client_for, draft_decision, approved):
    response = client_for(approved.world.viewer_a).get(reverse("recognition:detail", args=[draft_decision.pk]))
    assert response.status_code == 200 and "form" not in response.context
    assert "Nguyễn Văn An" in response.content.decode()


def test_the_officer_gets_the_next_free_number_suggested(client_for, draft_decision, approved):
    response = client_for(approved.world.officer_a).get(reverse("recognition:detail", args=[draft_decision.pk]))
    assert response.context["form"]["number"].value() == "1"
    assert "Căn cứ Luật Tổ chức chính quyền địa phương;" in response.context["form"]["legal_bases"].value()


def _text(**changes) -> dict:
    return {
        "number": "15",
        "symbol": "QĐ-UBND",
        "date": "20/12/2026",
        "place": "An Hòa",
        "subject_line": "Về việc công nhận danh hiệu “Gia đình học tập” năm 2026",
        "signer_name": "Nguyễn Thị Hương",
        "signer_capacity": "KT. CHỦ TỊCH\r\nPHÓ CHỦ TỊCH",
        "legal_bases": "Căn cứ A;\r\n\r\nCăn cứ B;",
        "recipients": "Như Điều 3;\r\nLưu: VT.",
        **changes,
    }


def test_the_officer_saves_the_drafts_text(client_for, draft_decision, approved):
    response = client_for(approved.world.officer_a).post(reverse("recognition:edit", args=[draft_decision.pk]), _text())
    assert response.status_code == 302
    draft_decision.refresh_from_db()
    assert draft_decision.number_text == "15/QĐ-UBND" and draft_decision.date == datetime.date(2026, 12, 20)
    assert draft_decision.legal_bases == ["Căn cứ A;", "Căn cứ B;"]
    assert draft_decision.signer_capacity.splitlines() == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]


def test_a_bad_date_is_shown_on_the_form(client_for, draft_decision, approved):
    client = client_for(approved.world.officer_a)
    response = client.post(reverse("recognition:edit", args=[draft_decision.pk]), _text(date="31/02/2026"))
    assert response.status_code == 200 and response.context["form"].errors["date"]


def test_editing_needs_the_capability_the_scope_and_a_post(client_for, draft_decision, approved):
    url = reverse("recognition:edit", args=[draft_decision.pk])
    assert client_for(approved.world.viewer_a).post(url, _text()).status_code == 403
    assert client_for(approved.world.officer_b).post(url, _text()).status_code == 404
    assert client_for(approved.world.officer_a).get(url).status_code == 405


def test_an_issued_decision_cannot_be_edited(client_for, issued_decision, approved):
    client = client_for(approved.world.officer_a)
    response = client.post(reverse("recognition:edit", args=[issued_decision.pk]), _text(number="99"), follow=True)
    assert "không thể sửa" in messages_of(response)
    issued_decision.refresh_from_db()
    assert issued_decision.number == "12"


def test_leaving_out_needs_a_reason_and_putting_back_lists_again(client_for, draft_decision, approved):
    client = client_for(approved.world.officer_a)
    entry = draft_decision.entries.get(assessment__subject_name="Lê Văn Cường")
    url = reverse("recognition:entry_exclude", args=[draft_decision.pk, entry.pk])
    response = client.post(url, {"reason": "  "}, follow=True)
    assert "Lê Văn Cường" in messages_of(response)
    client.post(url, {"reason": "Chuyển đi nơi khác"})
    entry.refresh_from_db()
    assert entry.excluded_reason == "Chuyển đi nơi khác"
    client.post(reverse("recognition:entry_include", args=[draft_decision.pk, entry.pk]))
    entry.refresh_from_db()
    assert entry.is_listed


def test_an_entry_is_found_only_through_its_decision(client_for, draft_decision, approved):
    client = client_for(approved.world.officer_a)
    entry = draft_decision.entries.first()
    assert client.post(reverse("recognition:entry_exclude", args=[draft_decision.pk + 1, entry.pk])).status_code == 404
    assert (
        client_for(approved.world.viewer_a)
        .post(reverse("recognition:entry_include", args=[draft_decision.pk, entry.pk]))
        .status_code
        == 403
    )
    assert client.get(reverse("recognition:entry_include", args=[draft_decision.pk, entry.pk])).status_code == 405


# --- Issuing -------------------------------------------------------------------------------------------


def test_issuing_asks_for_the_confirmation(client_for, draft_decision, approved):
    services.decision_update(
        by=None, decision=draft_decision, number="3", date=datetime.date(2026, 12, 20), signer_name="X"
    )
    client = client_for(approved.world.officer_a)
    response = client.post(reverse("recognition:issue", args=[draft_decision.pk]), follow=True)
    assert response.context["messages"] and Decision.objects.get().status == DecisionStatus.DRAFT
    client.post(reverse("recognition:issue", args=[draft_decision.pk]), {"confirm": "on"})
    assert Decision.objects.get().status == DecisionStatus.ISSUED


def _dated(approved, **fields) -> Decision:
    decision = services.decision_create(by=None, campaign=approved.campaign, commune=approved.world.commune_a)
    text = {"number": "14", "date": datetime.date(2026, 12, 28), "signer_name": "Nguyễn Thị Hương", **fields}
    return services.decision_update(by=None, decision=decision, **text)


def _issue(client, decision: Decision):
    response = client.post(reverse("recognition:issue", args=[decision.pk]), {"confirm": "on"}, follow=True)
    decision.refresh_from_db()
    return messages_of(response)


def test_a_decision_without_a_number_is_not_issued(client_for, approved):
    decision = _dated(approved, number="")
    assert "số, ngày" in _issue(client_for(approved.world.officer_a), decision) and decision.is_draft


def test_an_empty_list_is_not_issued(client_for, approved):
    decision = _dated(approved)
    decision.entries.update(excluded_reason="Thử")
    assert "không có ai" in _issue(client_for(approved.world.officer_a), decision) and decision.is_draft


def test_a_number_used_in_the_same_commune_and_year_is_not_issued_again(client_for, approved):
    client = client_for(approved.world.officer_a)
    first = _dated(approved, number="12")
    first.entries.filter(assessment__subject_name="Lê Văn Cường").update(excluded_reason="Xét bổ sung")
    _issue(client, first)
    supplementary = _dated(approved, number="12")
    assert supplementary.entries.get().assessment.subject_name == "Lê Văn Cường"
    assert "12/QĐ-UBND" in _issue(client, supplementary) and supplementary.is_draft


def test_a_subject_the_council_did_not_approve_is_not_issued(client_for, approved):
    decision = _dated(approved)
    approved.campaign.assessments.filter(subject_name="Nguyễn Văn An").update(status="village_reviewed")
    assert "Nguyễn Văn An" in _issue(client_for(approved.world.officer_a), decision) and decision.is_draft


def test_issuing_needs_the_capability_and_a_post(client_for, draft_decision, approved):
    url = reverse("recognition:issue", args=[draft_decision.pk])
    assert client_for(approved.world.viewer_a).post(url, {"confirm": "on"}).status_code == 403
    assert client_for(approved.world.officer_b).post(url, {"confirm": "on"}).status_code == 404
    assert client_for(approved.world.officer_a).get(url).status_code == 405

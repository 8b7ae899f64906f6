"""The public verification page: no login, only what the certificate shows, one plain "not found" for
unknown and malformed codes, and a throttle on guessing."""

import pytest
from django.urls import reverse

from recognition import services
from recognition.views.verify import LIMIT


def main(response) -> str:
    return response.content.decode().split("<main", 1)[1]


@pytest.fixture
def code(issued_decision) -> str:
    return issued_decision.entries.get(assessment__subject_name="Nguyễn Văn An").certificate.code


def test_a_valid_code_shows_what_the_certificate_shows_without_a_login(client, code):
    response = client.get(reverse("verification:code", args=[code]))
    assert response.status_code == 200
    page = response.content.decode()
    for shown in (
        "Gia đình ông/bà Nguyễn Văn An",
        "Gia đình học tập",
        "2026",
        "Phường An Hòa",
        "12/QĐ-UBND",
        "20/12/2026",
    ):
        assert shown in page
    # Nothing the certificate does not show: not the village, the points, nor the other households.
    for hidden in ("Tổ dân phố Đông", "90", "Trần Thị Bình"):
        assert hidden not in main(response)
    assert response.context["found"].revoked is False


def test_a_typed_code_is_normalised_and_sent_to_its_address(client, code):
    typed = code.replace("-", " ").lower()
    response = client.get(reverse("verification:form"), {"code": typed})
    assert response.status_code == 302 and response.url == reverse("verification:code", args=[code])


@pytest.mark.parametrize("typed", ["ZZZZ-ZZZZ", "K7Q4-9MZ0", "<script>", "x" * 15])
def test_unknown_and_malformed_codes_answer_the_same_plain_not_found(client, issued_decision, typed):
    by_address = client.get(reverse("verification:code", args=[typed]))
    by_form = client.get(reverse("verification:form"), {"code": typed})
    for response in (by_address, by_form) if services.normalise_code(typed) == "" else (by_address,):
        assert response.status_code == 404
        assert response.context["not_found"] and "found" not in response.context
        assert typed not in main(response)  # (the header's language switch keeps the address)


def test_a_revoked_title_shows_as_revoked(client, code, issued_decision):
    services.decision_revoke(by=None, decision=issued_decision, reason="Sai sót", revoking_decision="20/QĐ-UBND")
    response = client.get(reverse("verification:code", args=[code]))
    assert response.status_code == 200 and response.context["found"].revoked
    assert "thu hồi" in response.content.decode()
    assert "Sai sót" not in response.content.decode()  # the reason stays inside the commune


def test_a_draft_has_no_certificates_to_verify(client, draft_decision):
    assert client.get(reverse("verification:code", args=["ABCD-EFGH"])).status_code == 404


def test_guessing_is_throttled_per_address(client, code):
    for n in range(LIMIT):
        client.get(reverse("verification:code", args=[f"ZZZZ-ZZ{n % 10}Z"]))
    throttled = client.get(reverse("verification:code", args=[code]))
    assert throttled.status_code == 429 and throttled["Retry-After"]
    assert "quá nhiều" in throttled.content.decode()
    assert client.get(reverse("verification:form"), {"code": "bad"}).status_code == 429
    # Another address is not held back.
    assert client.get(reverse("verification:code", args=[code]), REMOTE_ADDR="10.0.0.9").status_code == 200


def test_the_empty_form_is_not_counted(client, code):
    for _n in range(LIMIT + 5):
        assert client.get(reverse("verification:form")).status_code == 200
    assert client.get(reverse("verification:code", args=[code])).status_code == 200


def test_the_verification_page_answers_only_get(client, code):
    assert client.post(reverse("verification:code", args=[code])).status_code == 405
    assert client.post(reverse("verification:form")).status_code == 405

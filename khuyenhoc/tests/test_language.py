from django.urls import reverse


def test_vietnamese_is_served_whatever_the_browser_asks(client, db):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "Đăng nhập" in response.content.decode()
    assert response["Content-Language"] == "vi"


def test_english_is_one_click_away(client, db):
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("login")})
    assert response.status_code == 302
    body = client.get(reverse("login")).content.decode()
    assert "Log in" in body and "Login name" in body


def test_dates_are_written_day_first(db):
    import datetime

    from django.template import Context, Template

    rendered = Template('{{ day|date:"SHORT_DATE_FORMAT" }}').render(Context({"day": datetime.date(2025, 7, 1)}))
    assert rendered == "01/07/2025"

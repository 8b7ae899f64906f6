"""Steps the browser tests share: a phone-sized screen and logging in through the real form."""

from tests.world import PASSWORD

PHONE = {"width": 360, "height": 740}


def log_in(page, live_server, username: str, start: str = "/") -> None:
    """Open `start` on a phone-sized screen, log in on the form it leads to, and wait to be back on it."""
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + start)
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(live_server.url + start)

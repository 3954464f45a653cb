"""Helpers shared by the browser (Playwright) tests."""

from core.testing.world import PASSWORD


def log_in(page, username: str, password: str = PASSWORD) -> None:
    """Log in through the login page, as a person does: one way in for every browser test.

    Waits until the browser has left the login page, so the next step starts on the logged-in
    page and a refused login fails here rather than as a puzzling locator timeout later.
    """
    page.goto("/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)

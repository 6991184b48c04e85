"""Steps the browser tests share."""


def log_in(page, live_server, user, password="test-password-123"):
    """Sign in through the portal's own login page and wait until it has redirected."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", password)
    page.click("main form button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    return page

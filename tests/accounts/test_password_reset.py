"""A user who forgot the password resets it by mail, end to end, in Chinese, in the portal's
layout; and the mail settings come from the environment."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.urls import reverse

from tests.factories import UserFactory

BASE_DIR = Path(settings.BASE_DIR)


def test_a_user_resets_a_forgotten_password_by_mail_and_logs_in_with_the_new_one(
    client, db, mailoutbox
):
    user = UserFactory(username="zhangsan", email="zhangsan@example.gov.cn")

    login_page = client.get(reverse("login"))
    assert reverse("password_reset") in login_page.content.decode()

    form = client.get(reverse("password_reset"))
    assert form.status_code == 200
    assert "找回密码" in form.content.decode()
    assert 'class="navbar' in form.content.decode()  # the portal's layout, not the admin's

    response = client.post(reverse("password_reset"), {"email": "zhangsan@example.gov.cn"})
    assert response.status_code == 302
    done = client.get(response["Location"])
    assert "邮件" in done.content.decode()

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["zhangsan@example.gov.cn"]
    assert mail.from_email == settings.DEFAULT_FROM_EMAIL
    assert "重置密码" in mail.subject
    assert "zhangsan" in mail.body
    assert "重置" in mail.body
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", mail.body)
    assert link, mail.body

    # The link redirects to the confirmation form (the token moves to the session).
    confirm = client.get(link.group(1), follow=True)
    assert confirm.status_code == 200
    assert "设置新密码" in confirm.content.decode()
    set_password_url = confirm.redirect_chain[-1][0]
    response = client.post(
        set_password_url,
        {"new_password1": "Qinghe-2017-new", "new_password2": "Qinghe-2017-new"},
    )
    assert response.status_code == 302
    complete = client.get(response["Location"])
    assert "密码已重置" in complete.content.decode()

    client.logout()
    old = client.post(reverse("login"), {"username": "zhangsan", "password": "test-password-123"})
    assert old.status_code == 200  # the login form again: the old password no longer works
    response = client.post(
        reverse("login"), {"username": "zhangsan", "password": "Qinghe-2017-new"}
    )
    assert response.status_code == 302
    assert client.get(reverse("dashboard:start"), follow=True).context["user"] == user


def test_a_reset_for_an_unknown_address_sends_nothing_and_says_the_same(client, db, mailoutbox):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.gov.cn"})
    assert response.status_code == 302
    assert mailoutbox == []


def test_an_invalid_reset_link_says_so_in_chinese(client, db):
    response = client.get(
        reverse("password_reset_confirm", kwargs={"uidb64": "MQ", "token": "bad-token"})
    )
    assert response.status_code == 200
    assert "链接无效" in response.content.decode()


def mail_settings(**env) -> dict:
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({k: getattr(s, k) for k in ('EMAIL_BACKEND', 'EMAIL_HOST', "
        "'EMAIL_PORT', 'EMAIL_HOST_USER', 'EMAIL_HOST_PASSWORD', 'EMAIL_USE_TLS', "
        "'DEFAULT_FROM_EMAIL', 'SERVER_EMAIL')}))"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("EMAIL_", "DEFAULT_FROM"))}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env={**clean, "DJANGO_SETTINGS_MODULE": "jiyuan_portal.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )

    return json.loads(result.stdout)


def test_mail_goes_to_the_console_by_default():
    values = mail_settings()
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"


def test_mail_settings_come_from_the_environment():
    values = mail_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="mail.example.gov.cn",
        EMAIL_PORT="587",
        EMAIL_HOST_USER="portal",
        EMAIL_HOST_PASSWORD="secret",
        EMAIL_USE_TLS="1",
        DEFAULT_FROM_EMAIL="济源市攻坚方案平台 <portal@example.gov.cn>",
    )
    assert values == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "mail.example.gov.cn",
        "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "portal",
        "EMAIL_HOST_PASSWORD": "secret",
        "EMAIL_USE_TLS": True,
        "DEFAULT_FROM_EMAIL": "济源市攻坚方案平台 <portal@example.gov.cn>",
        "SERVER_EMAIL": "济源市攻坚方案平台 <portal@example.gov.cn>",
    }

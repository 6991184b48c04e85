"""Production starts: with the README's production settings, ``collectstatic`` writes the
manifest, gunicorn serves the login page with hashed static URLs, and WhiteNoise serves them.

Each step is a separate process, as on a server; nothing here shares this process's settings.
"""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
STARTUP_SECONDS = 60


def production_environment(var_dir: Path) -> dict:
    """The README's production variables, with every path (database, static root, broker)
    inside a temporary directory. SQLite keeps this test independent of any server."""
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="test-production-secret-key-" + "x" * 40,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        JIYUAN_VAR_DIR=str(var_dir),
        DATABASE_URL=f"sqlite:///{var_dir / 'db.sqlite3'}",
        CELERY_BROKER_URL="memory://",
        DJANGO_SETTINGS_MODULE="jiyuan_portal.settings",
    )
    return env


def manage(env: dict, *args: str) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> tuple[int, dict, bytes]:
    """GET as the TLS-terminating proxy would forward it (``X-Forwarded-Proto: https``)."""
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture
def production_server(tmp_path):
    """collectstatic and migrate with production settings, then gunicorn on a free loopback
    port; yields its base URL and always stops it."""
    env = production_environment(tmp_path)
    manage(env, "collectstatic", "--noinput", "-v0")
    manage(env, "migrate", "--noinput", "-v0")
    port = free_port()
    log = (tmp_path / "gunicorn.log").open("w")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "jiyuan_portal.wsgi",
            "--workers",
            "1",
            "--bind",
            f"127.0.0.1:{port}",
            # Several servers (other test runs) must not share one control socket.
            "--no-control-socket",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            assert server.poll() is None, (tmp_path / "gunicorn.log").read_text()
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                assert time.monotonic() < deadline, "gunicorn did not start in time"
                time.sleep(0.2)
        yield base_url
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=15)
        log.close()


def test_collectstatic_succeeds_with_production_settings(tmp_path):
    env = production_environment(tmp_path)
    manage(env, "collectstatic", "--noinput", "-v0")
    assert (tmp_path / "static" / "staticfiles.json").exists()


def test_gunicorn_serves_the_login_page_and_its_hashed_static_files(production_server):
    status, headers, body = fetch(f"{production_server}/accounts/login/")
    assert status == 200, body.decode(errors="replace")
    page = body.decode()
    hashed = r"/static/vendor/bootstrap/bootstrap{}\.[0-9a-f]{{12}}\.{}"
    stylesheet = re.search('href="(' + hashed.format(r"\.min", "css") + ')"', page)
    assert stylesheet, "the login page does not reference a hashed stylesheet"
    assert re.search('src="' + hashed.format(r"\.bundle\.min", "js") + '"', page)

    status, headers, body = fetch(production_server + stylesheet.group(1))
    assert status == 200
    assert headers["Content-Type"].startswith("text/css")
    assert "immutable" in headers.get("Cache-Control", "")  # WhiteNoise, for hashed names
    assert b".btn" in body

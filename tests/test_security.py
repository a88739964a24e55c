"""Headers, same-origin assets, socket limits and logs without client addresses."""

from __future__ import annotations

import logging
import re
import subprocess
import sys
from pathlib import Path

import pytest
from flask import Flask

from facilitator import ROOT, create_app
from facilitator.config import TestingConfig
from facilitator.extensions import db, socketio
from facilitator.logs import NoAddressFilter, ServerLog, scrub_addresses
from facilitator.models import ListeningSession

PAGES = ["/", "/join", "/login", "/setup"]


def test_every_page_has_a_strict_content_security_policy(client, ls: ListeningSession) -> None:
    for url in [*PAGES, f"/j/{ls.code}", f"/d/{ls.code}"]:
        response = client.get(url)
        csp = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "*" not in csp
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "no-referrer"


def _files(*patterns: str) -> list[Path]:
    return [p for pattern in patterns for p in ROOT.glob(pattern)]


def test_templates_have_no_inline_script_style_or_handlers() -> None:
    for path in _files("templates/**/*.html"):
        html = path.read_text()
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag or 'type="application/json"' in tag, (path, tag)
        assert not re.search(r"\son[a-z]+\s*=", html), path
        assert not re.search(r"\sstyle\s*=", html), path
        assert "<style" not in html, path


def test_nothing_is_loaded_from_another_origin() -> None:
    for path in _files("templates/**/*.html", "static/js/*.js", "static/css/*.css"):
        text = path.read_text()
        assert not re.search(r"""(src|href|action)\s*=\s*["'](https?:)?//""", text), path
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", text), path
        assert not re.search(r"@import", text), path


def test_socket_limits_and_origins(app: Flask) -> None:
    eio = socketio.server.eio
    assert eio.max_http_buffer_size == 16 * 1024
    assert eio.cors_allowed_origins != "*"


def test_configured_origins_are_the_only_ones(tmp_path, monkeypatch) -> None:
    class Config(TestingConfig):
        DATABASE_URL = f"sqlite:///{tmp_path}/o.db"
        PUBLIC_URL = "http://192.0.2.10:5000/"

    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path / "instance"))
    create_app(Config)
    assert socketio.server.eio.cors_allowed_origins == ["http://192.0.2.10:5000"]
    db.engine.dispose()


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('client=10.0.0.7 request="GET /"', 'client=[address removed] request="GET /"'),
        ("(123) accepted ('192.168.1.44', 51234)", "(123) accepted ('[address removed]', 51234)"),
        ("from fe80::1ff:fe23:4567:890a port 5", "from [address removed] port 5"),
        ("(7) accepted ('::ffff:192.168.1.23', 5)", "(7) accepted ('[address removed]', 5)"),
        ("peer ::1 closed", "peer [address removed] closed"),
        (
            "server=10.0.0.2:5000 client=192.168.1.23:44250 socket shutdown error",
            "server=[address removed] client=[address removed] socket shutdown error",
        ),
        ("client=[fe80::1]:44250 gone", "client=[[address removed]]:44250 gone"),
        ("GET /j/ABCDEFG HTTP/1.1 200 1234 0.002", "GET /j/ABCDEFG HTTP/1.1 200 1234 0.002"),
    ],
)
def test_addresses_are_scrubbed_from_log_lines(line: str, expected: str) -> None:
    assert scrub_addresses(line) == expected


def test_log_filter_and_server_log_drop_addresses(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("access")
    logger.addFilter(NoAddressFilter())
    try:
        with caplog.at_level(logging.DEBUG, logger="access"):
            server_log = ServerLog()
            server_log.debug("(1) accepted ('203.0.113.9', 40000)")
            server_log.error(
                'I/O error while discarding request body. client=203.0.113.9 request="POST /"'
            )
            server_log.info('"GET /d/ABCDEFG HTTP/1.1" 200 10 0.001\n')
    finally:
        logger.filters.clear()
    text = caplog.text
    assert "203.0.113.9" not in text and "accepted" not in text
    assert "client=[address removed]" in text and "GET /d/ABCDEFG" in text


def test_instance_secret_is_generated_once_and_private(tmp_path, monkeypatch) -> None:
    class Config(TestingConfig):
        SECRET_KEY = None
        DATABASE_URL = f"sqlite:///{tmp_path}/s.db"

    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path / "instance"))
    first = create_app(Config).config["SECRET_KEY"]
    second = create_app(Config).config["SECRET_KEY"]
    assert first == second and len(first) == 64
    assert (tmp_path / "instance" / "secret_key").stat().st_mode & 0o077 == 0
    db.engine.dispose()


def test_csp_allows_websockets_to_this_host_only(client) -> None:
    csp = client.get("/join", headers={"Host": "192.0.2.5:5000"}).headers["Content-Security-Policy"]
    assert "connect-src 'self' ws://192.0.2.5:5000 wss://192.0.2.5:5000" in csp
    odd = client.get("/join", headers={"Host": "x; script-src *"}).headers[
        "Content-Security-Policy"
    ]
    assert "connect-src 'self';" in odd + ";" and "script-src *" not in odd


def test_quick_exit_page_is_neutral_and_forgets_the_device(app, ls) -> None:
    from tests.conftest import phone

    browser = phone(app, ls.code)
    response = browser.get("/bye")
    assert ls.title not in response.get_data(as_text=True)
    assert "Common Ground" not in response.get_data(as_text=True)
    assert browser.get_cookie("cg_device") is None


def test_only_device_tokens_this_server_issued_are_accepted(app, ls) -> None:
    from facilitator.extensions import socketio as sio
    from facilitator.privacy import is_issued_token, new_device_token

    secret = app.config["SECRET_KEY"]
    assert is_issued_token(new_device_token(secret), secret)
    assert not is_issued_token(new_device_token("another server"), secret)
    assert not is_issued_token("A" * 22 + "." + "B" * 22, secret)
    browser = app.test_client()
    browser.set_cookie("cg_device", "A" * 22 + "." + "B" * 22)
    forged = sio.test_client(
        app, flask_test_client=browser, auth={"role": "participant", "code": ls.code}
    )
    assert not forged.is_connected()
    browser.get(f"/j/{ls.code}")  # the page replaces it with an issued one
    assert is_issued_token(browser.get_cookie("cg_device").value, secret)


def test_run_py_scrubs_addresses_from_everything_written_to_stdout_and_stderr() -> None:
    """Not only log records: eventlet writes some errors to sys.stderr itself."""
    script = (
        "import sys, run\n"
        "run.scrub_output('stderr'); run.scrub_output('stdout')\n"
        "sys.stderr.write('server=10.0.0.2:5000 client=192.168.1.23:44250 socket shutdown"
        " error: [Errno 107]\\n')\n"
        "print('peer', ('::ffff:10.1.2.3', 51234))\n"
        "raise RuntimeError('from 172.16.0.9')\n"
    )
    result = subprocess.run(  # noqa: S603 - our own run.py, a fixed script
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    output = result.stdout + result.stderr
    assert "socket shutdown error" in output and "RuntimeError" in output
    for address in ("10.0.0.2", "192.168.1.23", "10.1.2.3", "172.16.0.9"):
        assert address not in output

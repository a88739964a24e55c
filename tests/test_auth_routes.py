"""First-run set-up, sign in and out, throttling, CSRF."""

from __future__ import annotations

import secrets

import pytest
from argon2 import PasswordHasher
from flask import Flask
from sqlalchemy import select

from facilitator import create_app, offload
from facilitator.config import TestingConfig
from facilitator.extensions import db
from facilitator.models import User
from facilitator.services import accounts
from facilitator.services.accounts import create_user
from tests.conftest import PASSWORD, login


def test_first_run_redirects_to_setup_and_creates_admin_once(client) -> None:
    assert client.get("/login").headers["Location"].endswith("/setup")
    short = client.post("/setup", data={"username": "ana", "password": "short", "confirm": "short"})
    assert short.status_code == 200 and b"12" in short.data
    response = client.post(
        "/setup", data={"username": "ana", "password": PASSWORD, "confirm": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/facilitator/").status_code == 200
    user = db.session.scalar(select(User))
    assert user.is_admin and user.password_hash.startswith("$argon2id$")
    # Once an account exists, set-up is closed to everyone.
    other = client.application.test_client()
    assert other.get("/setup").headers["Location"].endswith("/login")
    assert (
        other.post(
            "/setup", data={"username": "eve", "password": PASSWORD, "confirm": PASSWORD}
        ).status_code
        == 302
    )
    assert db.session.scalar(select(User).where(User.username == "eve")) is None


def test_wrong_password_and_unknown_user_get_the_same_answer(client, admin) -> None:
    wrong = login(client, password="not the password at all")
    unknown = login(client, username="nobody")
    assert wrong.status_code == unknown.status_code == 200
    assert b"do not match" in wrong.data and b"do not match" in unknown.data
    assert client.get("/facilitator/").status_code == 302


def test_login_is_throttled_per_username(client, admin) -> None:
    for _ in range(5):
        assert login(client, password="wrong wrong wrong").status_code == 200
    assert login(client).status_code == 429  # even the right password, for a while
    # Another account name is not blocked by someone hammering this one.
    assert login(client, username="someone-else", password="x" * 12).status_code == 200


def test_facilitator_pages_need_login(client, ls) -> None:
    for url in ("/facilitator/", f"/facilitator/sessions/{ls.id}", "/facilitator/sessions/new"):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_logout_really_ends_the_session(app: Flask, staff) -> None:
    cookie = staff.get_cookie("session")
    assert cookie is not None
    assert staff.post("/logout").status_code == 302
    replay = app.test_client()
    replay.set_cookie("session", cookie.value)
    assert replay.get("/facilitator/").status_code == 302


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example/x",
        "/%09/evil.example",
        "/%0a/evil.example",
        "https://evil.example",
        "/\\evil",
    ],
)
def test_next_parameter_cannot_redirect_off_site(client, admin, target: str) -> None:
    response = client.post(
        f"/login?next={target}", data={"username": "facilitator", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/facilitator/"


def test_next_parameter_keeps_local_pages(client, admin) -> None:
    response = client.post(
        "/login?next=/facilitator/sessions/new",
        data={"username": "facilitator", "password": PASSWORD},
    )
    assert response.headers["Location"] == "/facilitator/sessions/new"


def test_forms_need_csrf_tokens_when_enabled(tmp_path, monkeypatch) -> None:
    class Config(TestingConfig):
        WTF_CSRF_ENABLED = True
        DATABASE_URL = f"sqlite:///{tmp_path}/csrf.db"

    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path / "instance"))
    app = create_app(Config)
    db.create_all()
    client = app.test_client()
    response = client.post(
        "/setup", data={"username": "ana", "password": PASSWORD, "confirm": PASSWORD}
    )
    assert response.status_code == 400
    page = client.get("/setup").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    response = client.post(
        "/setup",
        data={"username": "ana", "password": PASSWORD, "confirm": PASSWORD, "csrf_token": token},
    )
    assert response.status_code == 302
    db.session.remove()
    db.engine.dispose()


def test_session_cookie_is_httponly_and_samesite(client, admin) -> None:
    response = login(client)
    cookie = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("session="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_logout_ends_open_console_sockets(app: Flask, staff, ls) -> None:
    from tests.conftest import participant_socket, post, staff_socket

    console = staff_socket(app, staff, ls.id)
    other_console = staff_socket(app, staff, ls.id)
    concern_id = post(participant_socket(app, ls.code))["concern"]["id"]
    staff.post("/logout")
    assert not console.is_connected() and not other_console.is_connected()
    # A socket elsewhere (another server process) is refused at its next action.
    assert app.extensions["live"].presence.sids_of_user(1) == []
    with app.app_context():
        from facilitator.extensions import db
        from facilitator.models import Concern

        assert db.session.get(Concern, concern_id).status.value == "held"


def test_expired_form_token_keeps_the_participants_words(tmp_path, monkeypatch, ls) -> None:
    class Config(TestingConfig):
        WTF_CSRF_ENABLED = True
        DATABASE_URL = f"sqlite:///{tmp_path}/csrf2.db"

    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path / "instance2"))
    app = create_app(Config)
    db.create_all()
    from tests.conftest import make_session

    session = make_session(app)
    browser = app.test_client()
    browser.get(f"/j/{session.code}")
    response = browser.post(
        f"/j/{session.code}/concerns",
        data={"text": "Words typed before the page expired", "client_key": "k" * 22},
    )
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert "Words typed before the page expired" in body and "press Send again" in body
    db.session.remove()
    db.engine.dispose()


class CountingHasher(PasswordHasher):
    """Argon2 with tiny parameters, counting its verifications."""

    def __init__(self) -> None:
        super().__init__(time_cost=1, memory_cost=8, parallelism=1)
        self.checked = 0

    def verify(self, hash: str | bytes, password: str | bytes) -> bool:
        self.checked += 1
        return super().verify(hash, password)


@pytest.fixture
def cheap_hashes(monkeypatch):
    """Cheap hashes, so a test can send hundreds of sign-ins quickly."""
    cheap = CountingHasher()
    monkeypatch.setattr(accounts, "_hasher", cheap)
    monkeypatch.setattr(accounts, "_DUMMY_HASH", cheap.hash("dummy"))
    return cheap


def test_a_spray_of_made_up_names_locks_nobody_out(app: Flask, client, cheap_hashes) -> None:
    with app.app_context(), db.writing() as s:
        create_user(s, "facilitator", PASSWORD, is_admin=True)
    sprayed = [
        login(client, username=f"guess-{i}-{secrets.token_hex(4)}", password="x" * 12)
        for i in range(320)  # more than the old cap across all names (300 a minute)
    ]
    assert {r.status_code for r in sprayed} == {200}
    assert all(b"do not match" in r.data for r in sprayed)
    # Past the spray budget, made-up names cost no password check at all.
    assert cheap_hashes.checked == 60
    # The real facilitator, whose name nobody hammered, still gets in.
    assert login(client).status_code == 302


def test_known_names_are_always_checked_and_throttled_alike(
    app: Flask, client, admin, cheap_hashes
) -> None:
    app.config["LOGIN_SPRAY_RATE_LIMIT"] = "1/minute"
    for i in range(3):
        login(client, username=f"made-up-{i}", password="x" * 12)
    # The budget is spent, yet a known name still gets its check: the right password works.
    assert login(client).status_code == 302
    client.post("/logout")
    for name in ("facilitator", "made-up-0"):  # per name, and the same for both
        for _ in range(4):
            login(client, username=name, password="wrong wrong wrong")
        assert login(client, username=name).status_code == 429


def test_password_checks_go_through_the_thread_hook_holding_no_lock(
    app: Flask, client, admin
) -> None:
    """run.py hands the app eventlet's thread pool; Argon2 must go through it."""
    calls = []

    def hook(fn, *args):
        calls.append(fn.__name__)
        lock = db._write_lock  # SQLite's write lock: no post may wait behind a hash
        if lock is not None:
            assert lock.acquire(blocking=False)
            lock.release()
        return fn(*args)

    offload.init_app(app, hook)
    login(client, username="nobody", password="x" * 12)
    assert login(client).status_code == 302
    assert calls == ["password_matches", "password_matches"]

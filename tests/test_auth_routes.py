"""First-run set-up, sign in and out, throttling, CSRF."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import select

from facilitator import create_app
from facilitator.config import TestingConfig
from facilitator.extensions import db
from facilitator.models import User
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


def test_next_parameter_cannot_redirect_off_site(client, admin) -> None:
    response = client.post(
        "/login?next=//evil.example/x", data={"username": "facilitator", "password": PASSWORD}
    )
    assert response.headers["Location"] == "/facilitator/"


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

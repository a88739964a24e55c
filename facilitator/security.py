"""Response headers, the participant device cookie, and HTTP error pages."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from flask import Flask, Request, Response, current_app, render_template, request
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError

from facilitator.errors import DomainError
from facilitator.privacy import DEVICE_COOKIE, Device, is_issued_token, new_device_token

_HOST_RE = re.compile(r"[A-Za-z0-9.\-]+(:\d{1,5})?|\[[0-9A-Fa-f:.]+\](:\d{1,5})?")

# Everything comes from this origin; nothing inline can run.
CSP_DIRECTIVES = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
]


def _csp() -> str:
    # 'self' covers same-origin WebSocket URLs only in newer browsers; older Safari
    # needs this host's ws:/wss: origin spelled out (and only this host's).
    host = request.host
    connect = "connect-src 'self'"
    if _HOST_RE.fullmatch(host):  # the Host header is the client's: never echo junk
        connect += f" ws://{host} wss://{host}"
    return "; ".join([*CSP_DIRECTIVES, connect])


DEVICE_COOKIE_MAX_AGE = 60 * 60 * 24 * 30
# Blueprints whose forms anyone on the network can send, without an account.
PUBLIC_BLUEPRINTS = frozenset({"participant", "auth"})


class SizedRequest(Request):
    """A request whose body limit depends on who may send it.

    Forms anyone can send (a participant's post, sign-in) get ``PUBLIC_MAX_REQUEST_BYTES``;
    the rest ``MAX_CONTENT_LENGTH``. A property rather than a ``before_request`` hook:
    CSRF protection reads the form in the app's first hook, before any blueprint's.
    """

    @property
    def max_content_length(self) -> int | None:
        limit = super().max_content_length
        if self._max_content_length is not None or not current_app:
            return limit
        if self.blueprint in PUBLIC_BLUEPRINTS:
            public = current_app.config["PUBLIC_MAX_REQUEST_BYTES"]
            return public if limit is None else min(limit, public)
        return limit

    @max_content_length.setter
    def max_content_length(self, value: int | None) -> None:
        self._max_content_length = value


def device_token_from_cookie() -> str | None:
    token = request.cookies.get(DEVICE_COOKIE)
    return token if is_issued_token(token, current_app.config["SECRET_KEY"]) else None


def device_from_cookie() -> Device | None:
    """The phone this request comes from, if it carries a device token this server issued."""
    token = device_token_from_cookie()
    return Device(token, current_app.config["SECRET_KEY"]) if token else None


def ensure_device_cookie(response: Response, token: str | None) -> str:
    """Give a phone its random device token (an HttpOnly cookie) if it has none."""
    if token is None:
        token = new_device_token(current_app.config["SECRET_KEY"])
    response.set_cookie(
        DEVICE_COOKIE,
        token,
        max_age=DEVICE_COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure,
    )
    return token


def csrf_error_page() -> tuple[str, int]:
    """The page for a form whose CSRF token expired."""
    return (
        render_template(
            "error.html",
            title=_("Please try again"),
            message=_("The form had expired. Go back, reload the page and send it again."),
        ),
        400,
    )


# For responses that do not come from a Flask view: Socket.IO's long-polling and
# handshake answers (python-engineio answers them before Flask sees the request).
BARE_RESPONSE_HEADERS = [
    ("X-Content-Type-Options", "nosniff"),
    ("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "no-referrer"),
]


def with_security_headers(wsgi_app: Callable[..., Any]) -> Callable[..., Any]:
    """WSGI middleware: every response gets the headers above unless it has its own."""

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        def start(status: str, headers: list[tuple[str, str]], *exc_info: Any) -> Any:
            present = {name.lower() for name, _value in headers}
            headers = headers + [
                (name, value)
                for name, value in BARE_RESPONSE_HEADERS
                if name.lower() not in present
            ]
            return start_response(status, headers, *exc_info)

        return wsgi_app(environ, start)

    return app


def init_app(app: Flask) -> None:
    app.request_class = SizedRequest
    # Outside Socket.IO's middleware (create_app calls this after socketio.init_app).
    app.wsgi_app = with_security_headers(app.wsgi_app)  # type: ignore[method-assign]

    @app.after_request
    def _headers(response: Response) -> Response:
        response.headers.setdefault("Content-Security-Policy", _csp())
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()"
        )
        if request.endpoint != "static":
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    @app.context_processor
    def _template_helpers() -> dict[str, object]:
        return {"current_locale": lambda: str(get_locale() or "en")}

    @app.errorhandler(DomainError)
    def _domain_error(error: DomainError) -> tuple[str, int]:
        return render_template(
            "error.html", title=_("Something was not right"), message=error.message
        ), error.http_status

    @app.errorhandler(CSRFError)
    def _csrf_error(error: CSRFError) -> tuple[str, int]:
        # The participant blueprint has its own handler, which keeps a post's draft.
        return csrf_error_page()

    @app.errorhandler(404)
    def _not_found(_error: Exception) -> tuple[str, int]:
        return render_template(
            "error.html", title=_("Page not found"), message=_("There is nothing at this address.")
        ), 404

    @app.errorhandler(413)
    def _too_large(_error: Exception) -> tuple[str, int]:
        # The body was never read, so there is no draft to give back.
        if request.blueprint == "participant":
            message = _(
                "Your post was too long to send: a post can have up to %(limit)s characters. "
                "Go back, shorten it and send it again.",
                limit=f"{current_app.config['CONCERN_MAX_CHARS']:,}",
            )
        else:
            message = _("That was more than this page accepts. Go back and send less.")
        return render_template("error.html", title=_("Too long to send"), message=message), 413

    @app.errorhandler(429)
    def _too_many(_error: Exception) -> tuple[str, int]:
        return (
            render_template(
                "error.html",
                title=_("Please wait"),
                message=_("Too many attempts. Please wait a minute and try again."),
            ),
            429,
        )

    @app.errorhandler(500)
    def _server_error(_error: Exception) -> tuple[str, int]:
        return render_template(
            "error.html", title=_("Something went wrong"), message=_("Please try again.")
        ), 500

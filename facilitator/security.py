"""Response headers, the participant device cookie, and HTTP error pages."""

from __future__ import annotations

import re

from flask import Flask, Response, current_app, render_template, request
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError

from facilitator.errors import DomainError
from facilitator.privacy import DEVICE_COOKIE, is_issued_token, new_device_token

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


def device_token_from_cookie() -> str | None:
    token = request.cookies.get(DEVICE_COOKIE)
    return token if is_issued_token(token, current_app.config["SECRET_KEY"]) else None


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


def init_app(app: Flask) -> None:
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

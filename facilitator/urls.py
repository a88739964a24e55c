"""Addresses of a session's public pages, on the configured public origin."""

from __future__ import annotations

from flask import current_app, url_for


def join_url(code: str) -> str:
    """The URL phones open (it goes into the QR code), on ``PUBLIC_URL`` when set."""
    public = current_app.config.get("PUBLIC_URL")
    path = url_for("participant.session", code=code)
    return (
        public.rstrip("/") + path
        if public
        else url_for("participant.session", code=code, _external=True)
    )


def display_url(code: str) -> str:
    """The projector page's path (the console opens it on the same origin)."""
    return url_for("display.show", code=code)

"""Reading a post's text, for the commands that store one (a phone's, or staff's for
someone without a phone)."""

from __future__ import annotations

from typing import Any

from flask import current_app

from facilitator.i18n import ui_language
from facilitator.offload import run_in_thread
from facilitator.services.concerns import PostText, read_post


def read_text(data: dict[str, Any]) -> PostText:
    """Read a post's text off the event loop, before any write lock is taken.

    The safety check runs a sentence model: inside the write transaction it would make
    every other post in the room wait behind this one.
    """
    return run_in_thread(
        read_post,
        data.get("text"),
        current_app.config["CONCERN_MAX_CHARS"],
        ui_language(data.get("ui_language")),
        tuple(current_app.config["LANGUAGES"]),
    )

"""Rate limits on Flask-Limiter's storage: per device for participants, and sign-in.

Participants are keyed on a device hash, never an IP address: a whole room of phones
shares one venue IP, and blocking it would silence everyone. Sign-in attempts are
limited per username (a decorator on the view); across usernames nothing is refused, so
a spray of made-up names cannot lock the facilitators out (see
:func:`spend_unknown_login_check`).
"""

from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _
from limits import parse_many

from facilitator.errors import RateLimited
from facilitator.extensions import limiter

_CONFIG_KEYS = {
    "post": "POST_RATE_LIMIT",
    "support": "SUPPORT_RATE_LIMIT",
    "feedback": "FEEDBACK_RATE_LIMIT",
}


def hit_device_limit(kind: str, device_key: str) -> None:
    """Count one ``kind`` action for this device; raise ``RateLimited`` past the limit."""
    for item in parse_many(current_app.config[_CONFIG_KEYS[kind]]):
        if not limiter.limiter.hit(item, "device", kind, device_key):
            raise RateLimited(
                "rate_limited",
                _("You are sending very quickly. Please wait a moment; nothing you wrote is lost."),
            )


def spend_unknown_login_check() -> bool:
    """Whether a sign-in with a username that does not exist may cost a password check.

    Such checks (against a dummy hash, so that they take as long as real ones) are
    counted across all names; past ``LOGIN_SPRAY_RATE_LIMIT`` they are skipped and the
    answer is the same failure after the same time. A spray then costs no CPU, and a
    real facilitator's sign-in is never refused because of it.
    """
    return all(
        limiter.limiter.hit(item, "login", "unknown-names")
        for item in parse_many(current_app.config["LOGIN_SPRAY_RATE_LIMIT"])
    )

"""Per-device rate limits for participants, on Flask-Limiter's storage.

Keyed on the device's per-session hash, never an IP address: a whole room of phones
shares one venue IP, and blocking it would silence everyone.
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

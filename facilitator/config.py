"""Configuration: one class fed by environment variables, plus a testing variant."""

from __future__ import annotations

import os


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return default if value in (None, "") else int(value)


class Config:
    """Settings for a real deployment. Every value can be set from the environment.

    The README lists each setting. Defaults are safe for a laptop on a venue network:
    an embedded SQLite database in the instance folder, no message queue.
    """

    # Generated once and kept in the instance folder when unset (see create_app).
    SECRET_KEY: str | None = os.environ.get("SECRET_KEY") or None
    # SQLite in the instance folder when unset (see create_app).
    DATABASE_URL: str | None = os.environ.get("DATABASE_URL") or None
    # Redis URL for the Socket.IO message queue when running several server processes.
    SOCKETIO_MESSAGE_QUEUE: str | None = os.environ.get("SOCKETIO_MESSAGE_QUEUE") or None
    # Redis URL for theme analysis jobs (RQ; run `python -m facilitator.worker`). Unset: a
    # redis:// SOCKETIO_MESSAGE_QUEUE is used, else run.py's own worker process.
    JOBS_REDIS_URL: str | None = os.environ.get("JOBS_REDIS_URL") or None
    # The Redis pub/sub channel of that queue. Channels are shared by every database of
    # a Redis server, so two deployments (or test runs) on one Redis need different ones.
    SOCKETIO_CHANNEL: str = os.environ.get("SOCKETIO_CHANNEL", "flask-socketio")
    # Storage for rate limits; memory:// keeps them in this process only.
    RATELIMIT_STORAGE_URI: str = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    # The origin browsers use to reach this server, e.g. "http://192.168.1.20:5000".
    # Socket.IO refuses handshakes from any other origin. Unset: the origin of the
    # request itself is accepted only when it matches the Host header.
    PUBLIC_URL: str | None = os.environ.get("PUBLIC_URL") or None
    # Origins allowed to open a Socket.IO connection (comma-separated). Unset: PUBLIC_URL,
    # or else only the origin matching the request's Host header. Never "*".
    SOCKETIO_ALLOWED_ORIGINS: tuple[str, ...] = tuple(
        o.strip().rstrip("/")
        for o in os.environ.get("SOCKETIO_ALLOWED_ORIGINS", "").split(",")
        if o.strip()
    )
    # "threading" for tests and `flask run`; run.py starts eventlet.
    SOCKETIO_ASYNC_MODE: str = "threading"
    SESSION_COOKIE_SECURE: bool = _env_bool("SESSION_COOKIE_SECURE", False)
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    PERMANENT_SESSION_LIFETIME = 12 * 3600
    WTF_CSRF_TIME_LIMIT = 12 * 3600
    BABEL_DEFAULT_LOCALE = "en"
    LANGUAGES = ("en", "es")

    # Concern rules.
    CONCERN_MAX_CHARS: int = _env_int("CONCERN_MAX_CHARS", 1000)
    # Largest request body, in bytes: the facilitator's forms (session texts, resources).
    MAX_CONTENT_LENGTH: int = _env_int("MAX_REQUEST_BYTES", 1024 * 1024)
    # Largest request body of the forms anyone on the network can send (join, post,
    # "me too", sign-in): a post of CONCERN_MAX_CHARS four-byte characters, percent-encoded
    # (12 bytes each), with room for the other fields. Bigger ones get a 413 page unread.
    PUBLIC_MAX_REQUEST_BYTES: int = _env_int(
        "PUBLIC_MAX_REQUEST_BYTES", max(16 * 1024, 12 * CONCERN_MAX_CHARS + 4096)
    )
    # Largest Socket.IO message accepted, in bytes; bigger ones close the connection.
    SOCKETIO_MAX_MESSAGE_BYTES: int = _env_int("SOCKETIO_MAX_MESSAGE_BYTES", 16 * 1024)
    # Engine.IO heartbeat (seconds): a phone gone without a goodbye is dropped after at
    # most interval + timeout, which keeps the console's connected count within 10 s.
    SOCKETIO_PING_INTERVAL: float = float(os.environ.get("SOCKETIO_PING_INTERVAL", "5"))
    SOCKETIO_PING_TIMEOUT: float = float(os.environ.get("SOCKETIO_PING_TIMEOUT", "4"))
    # Concern changes (approved, hidden, edited, pinned) reach participants and displays
    # at once when the room was quiet; while changes keep coming, one message per window
    # (twice what a fan-out's sends take, between these two bounds, in seconds), so a burst
    # costs a bounded share of the server's time, not one send per phone per change.
    LIVE_BATCH_INTERVAL: float = float(os.environ.get("LIVE_BATCH_INTERVAL", "0.25"))
    LIVE_BATCH_MIN_GAP: float = float(os.environ.get("LIVE_BATCH_MIN_GAP", "0.05"))
    # "Me too" tallies reach participants and the display at most this often (seconds).
    TALLY_INTERVAL: float = float(os.environ.get("TALLY_INTERVAL", "1.0"))
    # Per-device limits (keyed on the device hash, never an IP address: a whole room
    # shares one venue IP).
    POST_RATE_LIMIT: str = os.environ.get("POST_RATE_LIMIT", "6/minute;40/hour")
    SUPPORT_RATE_LIMIT: str = os.environ.get("SUPPORT_RATE_LIMIT", "60/minute")
    # "Did this answer your concern?" answers on the public report-back, per device.
    FEEDBACK_RATE_LIMIT: str = os.environ.get("FEEDBACK_RATE_LIMIT", "20/minute;100/hour")
    LOGIN_RATE_LIMIT: str = os.environ.get("LOGIN_RATE_LIMIT", "5/minute;30/hour")
    # Password checks spent on usernames that do not exist, across all names. Past it
    # they are answered alike without the check: a spray costs no CPU and refuses nobody.
    LOGIN_SPRAY_RATE_LIMIT: str = os.environ.get("LOGIN_SPRAY_RATE_LIMIT", "60/minute")
    # Retention (docs/privacy.md): a session's raw posts are deleted this many days after
    # its theme summary is approved (0: at the first check after approval). Checked at
    # start-up by facilitator.retention.configure: a whole number, 0 or more.
    RETENTION_DAYS: str | int = os.environ.get("RETENTION_DAYS", "90")
    # Seconds between two checks for due sessions, inside the server.
    RETENTION_CHECK_SECONDS: str | float = os.environ.get("RETENTION_CHECK_SECONDS", "3600")
    TESTING = False


class TestingConfig(Config):
    """Fresh database per test, no outside services, no CSRF tokens to scrape."""

    TESTING = True
    SECRET_KEY = "testing-secret-key-not-for-production"  # noqa: S105 - tests only
    DATABASE_URL = os.environ.get("TEST_DATABASE_URL") or None
    SOCKETIO_MESSAGE_QUEUE = None
    JOBS_REDIS_URL = None
    RATELIMIT_STORAGE_URI = "memory://"
    WTF_CSRF_ENABLED = False
    # Tests flush room updates by hand (``app.extensions["live"].batcher.flush()``).
    LIVE_BATCH_INTERVAL = 3600.0
    LIVE_BATCH_MIN_GAP = 3600.0
    TALLY_INTERVAL = 3600.0

"""Common Ground's web app: listening sessions, live moderation and the projector display."""

from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path
from typing import Any

from flask import Flask

from facilitator.config import Config

ROOT = Path(__file__).resolve().parent.parent


def create_app(config: type[Config] | dict[str, Any] | None = None) -> Flask:
    """Build the app. ``config`` is a config class or a dict of overrides."""
    app = Flask(
        __name__,
        instance_path=os.environ.get("INSTANCE_PATH") or str(ROOT / "instance"),
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    app.config.from_object(Config)
    if isinstance(config, dict):
        app.config.update(config)
    elif config is not None:
        app.config.from_object(config)
    from facilitator import retention

    retention.configure(app)  # a bad RETENTION_DAYS stops start-up with a reason
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret(Path(app.instance_path) / "secret_key")
    app.config["SQLALCHEMY_DATABASE_URI"] = app.config.get("DATABASE_URL") or (
        "sqlite:///" + str(Path(app.instance_path) / "commonground.db")
    )

    # Blueprints first: importing them registers their Socket.IO handlers, and
    # Flask-SocketIO hands a new server only the handlers it knew before init_app.
    _register_blueprints(app)
    _init_extensions(app)
    _register_security(app)
    from facilitator import cli, offload

    offload.init_app(app)  # run.py replaces the hook with eventlet's thread pool

    cli.init_app(app)
    return app


def _instance_secret(path: Path) -> str:
    """Generate the secret key once and keep it, readable by this user only."""
    if path.exists():
        return path.read_text().strip()
    value = secrets.token_hex(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(value)
    return value


def _init_extensions(app: Flask) -> None:
    from facilitator import i18n, live
    from facilitator.extensions import csrf, db, limiter, login_manager, socketio
    from facilitator.live.packets import CheckedPacket
    from facilitator.live.queue import WatchedRedisManager
    from facilitator.live.resync import resync_screens

    db.init_app(app)
    csrf.init_app(app)
    i18n.init_app(app, ROOT / "translations")
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    # Flask-Login's session protection hashes the client's IP address into the cookie.
    # We keep no addresses; logout instead rotates a per-user nonce (see auth.routes).
    login_manager.session_protection = None

    queue = app.config.get("SOCKETIO_MESSAGE_QUEUE")
    origins = app.config.get("SOCKETIO_ALLOWED_ORIGINS")
    if not origins and app.config.get("PUBLIC_URL"):
        origins = [app.config["PUBLIC_URL"].rstrip("/")]
    socketio.init_app(
        app,
        async_mode=app.config.get("SOCKETIO_ASYNC_MODE", "threading"),
        # Several processes: a Redis queue watched for outages (live/queue.py).
        client_manager=(
            WatchedRedisManager(queue, channel=app.config["SOCKETIO_CHANNEL"]) if queue else None
        ),
        # Never "*". None: python-engineio accepts only the origin matching the Host header.
        cors_allowed_origins=list(origins) if origins else None,
        max_http_buffer_size=app.config["SOCKETIO_MAX_MESSAGE_BYTES"],
        # Malformed events answered, Engine.IO's own packets untouched (live/packets.py).
        serializer=CheckedPacket,
        # A phone that vanishes (no close frame, as on venue Wi-Fi) is noticed within
        # ping_interval + ping_timeout seconds, so the console's count drops soon after.
        ping_interval=app.config["SOCKETIO_PING_INTERVAL"],
        ping_timeout=app.config["SOCKETIO_PING_TIMEOUT"],
        manage_session=False,
        # Loggers of our own, not True/False: with a bool, python-socketio adds a handler
        # of its own that would bypass the address filter (see facilitator.logs).
        logger=_quiet_logger("socketio.server"),
        engineio_logger=_quiet_logger("engineio.server"),
        always_connect=False,
    )
    live.init_app(app)
    app.extensions["live"].resync = lambda: resync_screens(app)


def _quiet_logger(name: str) -> logging.Logger:
    logger = logging.getLogger(name)
    if logger.level == logging.NOTSET:
        logger.setLevel(logging.WARNING)  # their INFO level logs every packet
    return logger


def _register_blueprints(app: Flask) -> None:
    from facilitator.admin import bp as admin_bp
    from facilitator.auth import bp as auth_bp
    from facilitator.committee import bp as committee_bp
    from facilitator.display import bp as display_bp
    from facilitator.health import bp as health_bp
    from facilitator.live import events as _live_events  # noqa: F401 - connect, errors
    from facilitator.participant import bp as participant_bp
    from facilitator.report import bp as report_bp
    from facilitator.sessions import bp as sessions_bp
    from facilitator.themes import bp as themes_bp

    app.register_blueprint(auth_bp)
    app.register_blueprint(participant_bp)
    app.register_blueprint(report_bp)
    app.register_blueprint(display_bp)
    app.register_blueprint(health_bp)
    app.register_blueprint(sessions_bp, url_prefix="/facilitator")
    app.register_blueprint(themes_bp, url_prefix="/facilitator")
    app.register_blueprint(admin_bp, url_prefix="/admin")
    app.register_blueprint(committee_bp, url_prefix="/committee")


def _register_security(app: Flask) -> None:
    from facilitator.security import init_app

    init_app(app)
    # Werkzeug's request log starts with the client address; this app logs none.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)

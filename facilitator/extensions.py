"""Extensions, created unbound and attached to an app in ``create_app``."""

from __future__ import annotations

from flask_babel import Babel
from flask_limiter import Limiter
from flask_login import LoginManager
from flask_socketio import SocketIO
from flask_wtf import CSRFProtect

from facilitator.db import Database


def _no_default_key() -> str:
    # Limits are only ever applied with an explicit key (a username, a device hash).
    # The default would be the client's IP address, which this app never uses.
    return "unkeyed"


db = Database()
socketio = SocketIO()
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
limiter = Limiter(key_func=_no_default_key, default_limits=[], headers_enabled=False)

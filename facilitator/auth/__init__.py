"""Facilitator accounts: first-run set-up, sign in, sign out."""

from flask import Blueprint

bp = Blueprint("auth", __name__)

from facilitator.auth import routes  # noqa: E402,F401

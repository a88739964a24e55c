"""Participants: join by code, post, "me too", withdraw. No account, no name."""

from flask import Blueprint

bp = Blueprint("participant", __name__)

from facilitator.participant import events, routes  # noqa: E402,F401

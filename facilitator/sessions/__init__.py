"""Facilitators: create and run listening sessions, moderate live."""

from flask import Blueprint

bp = Blueprint("sessions", __name__)

from facilitator.sessions import events, routes  # noqa: E402,F401

"""Themes: find a session's themes, review and edit them live, approve, export, project."""

from flask import Blueprint

bp = Blueprint("themes", __name__)

from facilitator.themes import events, routes  # noqa: E402,F401

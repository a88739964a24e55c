"""The committee workspace: an initiative's sessions, action items and what waits on whom.

Committee members see only the initiatives they belong to; administrators see all.
"""

from flask import Blueprint

bp = Blueprint("committee", __name__)

from facilitator.committee import routes  # noqa: E402,F401

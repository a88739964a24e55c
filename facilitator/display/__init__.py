"""The projector display: read-only, large type, live."""

from flask import Blueprint

bp = Blueprint("display", __name__)

from facilitator.display import routes  # noqa: E402,F401

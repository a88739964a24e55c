"""``/healthz`` for the load balancer in front of several server processes."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("health", __name__)

from facilitator.health import routes  # noqa: E402, F401 - registers the view on bp

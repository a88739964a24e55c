"""The public report-back: "What we heard" and "What we are doing", for residents.

Read-only, no account, works with JavaScript off. A closed session's join link
(``/j/<code>``) leads here; an initiative has its own page and an Atom feed.
"""

from flask import Blueprint

bp = Blueprint("report", __name__)

from facilitator.report import routes  # noqa: E402,F401

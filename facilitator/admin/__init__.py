"""Administration: accounts and their roles, initiatives and their members, the audit log.

Only administrators reach these pages; everything here can be done without a command line.
"""

from flask import Blueprint

bp = Blueprint("admin", __name__)

from facilitator.admin import routes  # noqa: E402,F401

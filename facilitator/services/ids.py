"""Row ids that arrive from outside (socket payloads, form fields, URLs)."""

from __future__ import annotations

from flask_babel import gettext as _

from facilitator.errors import DomainError

# PostgreSQL's INTEGER. Checked before any query: SQLite cannot even bind 2**63 or more
# (OverflowError), and an id nobody can have needs no database to answer.
MAX_ID = 2**31 - 1


def is_id(value: object) -> bool:
    """Whether ``value`` could be a row id: an int (not a bool) from 1 to ``MAX_ID``."""
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_ID


def check_id(value: object, what: str = "concern") -> int:
    """``value`` if it could be a row id; else a ``bad_payload`` error naming ``what``."""
    if not is_id(value):
        raise DomainError("bad_payload", _("The %(what)s id must be a positive number.", what=what))
    return value  # type: ignore[return-value]

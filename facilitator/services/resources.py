"""Local support resources for a session: who to call, and when that was last checked."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from facilitator.errors import DomainError
from facilitator.models import ListeningSession, SupportResource

MAX_RESOURCES = 30
STALE_AFTER_DAYS = 90


def parse_resources(text: str, today: date) -> list[dict[str, object]]:
    """Read "Name | phone or link | last verified (YYYY-MM-DD) | note" lines.

    Raises a ``DomainError`` naming the first bad line, so the facilitator can fix it;
    nothing is saved until every line is right.
    """
    rows: list[dict[str, object]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split("|")]
        if len(parts) < 3 or not parts[0] or not parts[1]:
            raise DomainError(
                "bad_resource",
                _(
                    "Line %(n)s: write the name, the phone number or link, and the date it "
                    "was last checked, separated by |.",
                    n=number,
                ),
            )
        try:
            verified = date.fromisoformat(parts[2])
        except ValueError as exc:
            raise DomainError(
                "bad_resource",
                _("Line %(n)s: write the date it was last checked as YYYY-MM-DD.", n=number),
            ) from exc
        if verified > today:
            raise DomainError(
                "bad_resource", _("Line %(n)s: the date it was checked is in the future.", n=number)
            )
        if len(parts[0]) > 200 or len(parts[1]) > 200 or len("|".join(parts[3:])) > 500:
            raise DomainError("bad_resource", _("Line %(n)s is too long.", n=number))
        rows.append(
            {
                "name": parts[0],
                "contact": parts[1],
                "verified_on": verified,
                "note": " | ".join(parts[3:]),
            }
        )
    if len(rows) > MAX_RESOURCES:
        raise DomainError("bad_resource", _("List at most %(n)s resources.", n=MAX_RESOURCES))
    return rows


def set_support_resources(
    db: Session, ls: ListeningSession, text: str, today: date
) -> list[SupportResource]:
    """Replace the session's local resources with the ones in ``text``."""
    rows = parse_resources(text, today)
    db.execute(delete(SupportResource).where(SupportResource.session_id == ls.id))
    resources = [
        SupportResource(session_id=ls.id, position=i, **row)  # type: ignore[arg-type]
        for i, row in enumerate(rows)
    ]
    db.add_all(resources)
    db.flush()
    return resources


def support_resources(db: Session, ls: ListeningSession) -> list[SupportResource]:
    return list(
        db.scalars(
            select(SupportResource)
            .where(SupportResource.session_id == ls.id)
            .order_by(SupportResource.position)
        )
    )


def as_lines(resources: list[SupportResource]) -> str:
    """The resources back as editable lines."""
    return "\n".join(
        " | ".join(p for p in (r.name, r.contact, r.verified_on.isoformat(), r.note) if p)
        for r in resources
    )

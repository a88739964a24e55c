"""A session's concerns as CSV for the committee: redacted, and safe to open in Excel."""

from __future__ import annotations

import csv
import io
import unicodedata

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator.models import Concern, ConcernStatus, ListeningSession, Prompt
from facilitator.services.retention import check_posts_kept
from facilitator.services.text import strip_invisible_start

COLUMNS = [
    "id",
    "prompt",
    "text",
    # "Me too" taps by others (authors not counted): the number every screen shows, and
    # what analysis reads as a concern's support.
    "me_too",
    "status",
    "hide_reason",
    "merged_into",
    "on_behalf",
    "language",
    "posted_at",
]
# A cell starting with one of these is a formula to a spreadsheet (docs/domain.md).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """The value as text, with a leading apostrophe if a spreadsheet would run it.

    Spreadsheets read a full-width "＝" as "=" and skip a zero-width space before it,
    so the check looks at the NFKC form after any invisible leading characters (tab
    and CR count as formula starts themselves, so they are looked at first).
    """
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START):
        return "'" + text
    seen = strip_invisible_start(unicodedata.normalize("NFKC", text))
    return "'" + text if seen.startswith(_FORMULA_START) else text


def unsafe_cell(text: str) -> str:
    """The inverse of :func:`safe_cell`: a cell read back from our own export loses the
    apostrophe the export added, and nothing else."""
    if text.startswith("'") and safe_cell(text[1:]) == text:
        return text[1:]
    return text


def concerns_csv(db: Session, ls: ListeningSession) -> str:
    """Every concern but withdrawn ones and those held for the safety moderator.

    The text is what the room may see (redacted, or the facilitator's edit), never the
    original; times are to the minute; nothing identifies or links a participant.
    Refused (``posts_purged``) once the session's raw posts are purged: an empty file
    would look like a fault.
    """
    check_posts_kept(ls)
    prompts = {p.id: p.text for p in db.scalars(select(Prompt).where(Prompt.session_id == ls.id))}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for c in db.scalars(select(Concern).where(Concern.session_id == ls.id).order_by(Concern.id)):
        if c.status == ConcernStatus.WITHDRAWN:
            continue
        if c.safety_only:
            continue
        row = [
            c.id,
            prompts.get(c.prompt_id, ""),
            c.shown_text,
            c.support_count,
            c.status.value,
            c.hide_reason.value if c.hide_reason else "",
            c.merged_into_id or "",
            "yes" if c.on_behalf else "",
            c.language or "",
            c.to_public_dict()["created_at"],
        ]
        writer.writerow([safe_cell(v) for v in row])
    # A byte-order mark, so spreadsheet programs read the UTF-8 (Lakota, Vietnamese...).
    return "\ufeff" + out.getvalue()

"""What the live layer sends: the payload of each message kind, built in one place.

Socket handlers, broadcasts and HTTP views that hand the same data to a page's script
all build it here, so a screen gets the same shape whichever way it asked.
"""

from __future__ import annotations

from typing import Any

from facilitator.extensions import db
from facilitator.live import get_live
from facilitator.live.batcher import staff_counts
from facilitator.live.presence import Role
from facilitator.models import ListeningSession
from facilitator.services.concerns import (
    all_concerns,
    moderation_summary,
    shown_concerns,
)
from facilitator.services.themes import (
    displayed_run,
    fold_public,
    latest_run,
    member_rows,
    summary_dict,
)
from facilitator.theme_models import ThemeRun
from facilitator.urls import display_url, join_url


def session_payload(ls: ListeningSession) -> dict[str, Any]:
    """The session as every screen sees it: framing, prompts, status and its addresses."""
    data = ls.to_dict()
    data["join_url"] = join_url(ls.code)
    data["display_url"] = display_url(ls.code)
    return data


def counts_payload(ls: ListeningSession) -> dict[str, Any]:
    """The facilitators' counts: posts by state, taps, and phones connected now."""
    return staff_counts(db.session, ls, get_live().presence)


def snapshot(ls: ListeningSession, role: Role, *, safety: bool = False) -> dict[str, Any]:
    """The whole state a screen needs; clients replace theirs with it on every (re)connect.

    ``safety``: the facilitator is a safety moderator and sees posts held for safety.
    """
    s = db.session
    data: dict[str, Any] = {"session": session_payload(ls)}
    if role == Role.FACILITATOR:
        data["concerns"] = [c.to_dict() for c in all_concerns(s, ls) if safety or not c.safety_only]
        data["counts"] = counts_payload(ls)
        run = latest_run(s, ls)
        data["theme_job"] = run.job_dict() if run else None
        data["display"] = display_payload(ls)
    else:
        data["concerns"] = [c.to_public_dict() for c in shown_concerns(s, ls)]
        data["moderation"] = moderation_summary(s, ls)
        data["display"] = display_payload(ls)
    return data


def theme_run_payload(run: ThemeRun) -> dict[str, Any]:
    """A run as the facilitators' themes view sees it, with each member's shown text."""
    data = run.to_dict()
    concerns = member_rows(db.session, run)
    data["concerns"] = {
        str(m.concern_id): {
            "text": concerns[m.concern_id].shown_text if m.concern_id in concerns else "",
            "supporters": m.supporters,
            "on_behalf": m.on_behalf,
            "status": concerns[m.concern_id].status.value if m.concern_id in concerns else "",
        }
        for m in run.members
    }
    return data


def display_payload(ls: ListeningSession) -> dict[str, Any]:
    """What the projector shows: live concerns, or "What we heard" (folded for the public)."""
    run = displayed_run(db.session, ls)
    if run is None:
        return {"mode": "concerns", "themes": None}
    return {"mode": "themes", "run_id": run.id, "themes": fold_public(summary_dict(run))}

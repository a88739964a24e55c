"""One helper per message kind. Call them only after the commit succeeded.

Each helper builds its own payload from the committed rows, so a caller never hands it
a stale or partial one. Facilitators hear at once; phones and displays hear through the
room batcher (:mod:`facilitator.live.batcher`), which reads the state as it is when it
flushes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from facilitator.extensions import socketio
from facilitator.live import get_live
from facilitator.live.payloads import (
    display_payload,
    session_payload,
    theme_run_payload,
)
from facilitator.live.presence import author_room, public_room, safety_room, staff_room
from facilitator.models import Concern, ConcernStatus, ListeningSession
from facilitator.services.concerns import Tally
from facilitator.theme_models import ThemeRun

Change = tuple[Concern, ConcernStatus | None]  # a concern and its status before (None: new)


def concern_changed(concern: Concern, was: ConcernStatus | None) -> None:
    """Tell everyone who should know that ``concern`` was posted or changed state.

    ``was`` is its status before the change (None for a new post).
    """
    concerns_changed([(concern, was)])


def concerns_changed(changes: Iterable[Change]) -> None:
    """Several concerns of one session changed in one transaction (a merge, a withdrawal
    that also updates its group's head): each is announced, the counts once."""
    changes = list(changes)
    if not changes:
        return
    batcher = get_live().batcher
    for concern, was in changes:
        sid = concern.session_id
        # A post held for safety is for the safety moderators' eyes only.
        staff = safety_room(sid) if concern.safety_only else staff_room(sid)
        socketio.emit("concern", concern.to_dict(), to=staff)
        batcher.concern(sid, concern.id, room_sees_it=ConcernStatus.SHOWN in (concern.status, was))
        if was is not None and was != concern.status and concern.author_hash is not None:
            socketio.emit("my_concern", _author_view(concern), to=author_room(concern.id))
        batcher.counts(sid)  # the facilitators' counts, with the next flush


def _author_view(concern: Concern) -> dict[str, Any]:
    data = concern.to_author_dict()
    data.pop("text")
    return data


def support_changed(concern: Tally) -> None:
    """A "me too" was counted: staff see the count at once, the room with the next tallies."""
    socketio.emit(
        "support",
        {"concern_id": concern.id, "support": concern.support_count},
        to=staff_room(concern.session_id),
    )
    get_live().batcher.tally(concern.session_id, concern.id)  # only shown concerns take one


def session_changed(ls: ListeningSession) -> None:
    """The session's framing, prompt or status changed: every screen gets it at once."""
    payload = session_payload(ls)
    socketio.emit("session", payload, to=public_room(ls.id))
    socketio.emit("session", payload, to=staff_room(ls.id))


def theme_job(run: ThemeRun) -> None:
    """A theme run's job state (queued, running at a stage, done, failed, cancelled)."""
    socketio.emit("theme_job", run.job_dict(), to=staff_room(run.session_id))


def theme_run_changed(run: ThemeRun) -> None:
    """A run's themes were edited, approved or discarded: every console redraws it."""
    socketio.emit("theme_run", theme_run_payload(run), to=staff_room(run.session_id))


def display_changed(ls: ListeningSession) -> None:
    """The projector switched between live concerns and "What we heard"."""
    payload = display_payload(ls)
    socketio.emit("display_mode", payload, to=public_room(ls.id))
    socketio.emit("display_mode", payload, to=staff_room(ls.id))

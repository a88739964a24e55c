"""A "me too" racing a merge or a withdrawal on PostgreSQL, in two real transactions.

A tap locks only its group's head row (``support_concern``); merges and withdrawals lock
the rows they recount (``lock_concerns``). Each test holds one side's transaction open in
the main thread and runs the other in a thread, which must wait for the lock and
then count every tap exactly once. SQLite serialises every write, so there is no race
to test there.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator.errors import Conflict
from facilitator.extensions import db
from facilitator.models import Concern, ListeningSession, Support, User
from facilitator.privacy import Device, new_client_key, new_device_token
from facilitator.services.concerns import (
    approve_concern,
    merge_concerns,
    post_concern,
    read_post,
    support_concern,
    withdraw_concern,
)
from tests.conftest import database_url

pytestmark = pytest.mark.skipif(
    not database_url("").startswith("postgres"), reason="row locks: PostgreSQL only"
)


def device() -> Device:
    return Device(new_device_token("secret"), "secret")


@contextmanager
def transaction(app: Flask) -> Iterator[Session]:
    """A session of its own on the app's engine, in a request context (for messages)."""
    with app.test_request_context(), Session(db.engine, expire_on_commit=False) as s:
        yield s


def shown(app: Flask, ls: ListeningSession, admin: User, author: Device) -> int:
    with transaction(app) as s:
        session = s.get(ListeningSession, ls.id)
        concern, _ = post_concern(
            s,
            session,
            client_key=new_client_key(),
            text=read_post("More lighting on Elm Street"),
            device=author,
        )
        s.flush()
        approve_concern(s, concern, s.get(User, admin.id))
        s.commit()
        return concern.id


class Other:
    """Run ``work(session)`` and commit it in a thread; keep what it raised."""

    def __init__(self, app: Flask, work: Callable[[Session, ListeningSession], Any], ls_id: int):
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, args=(app, work, ls_id))
        self.thread.start()

    def _run(self, app: Flask, work: Callable[..., Any], ls_id: int) -> None:
        try:
            with transaction(app) as s:
                work(s, s.get(ListeningSession, ls_id))
                s.commit()
        except BaseException as exc:  # reported by finish()
            self.error = exc

    def waits(self) -> bool:
        time.sleep(0.5)
        return self.thread.is_alive()

    def finish(self) -> None:
        self.thread.join(timeout=10)
        assert not self.thread.is_alive(), "the other transaction never finished"
        if self.error is not None:
            raise self.error


def counts(app: Flask, *ids: int) -> list[int]:
    with transaction(app) as s:
        return [s.get(Concern, i).support_count for i in ids]


def supports_on(app: Flask, concern_id: int) -> int:
    with transaction(app) as s:
        return len(s.scalars(select(Support.id).where(Support.concern_id == concern_id)).all())


def test_a_tap_in_flight_on_the_target_is_kept_by_a_merge(
    app: Flask, ls: ListeningSession, admin: User
) -> None:
    target, source = shown(app, ls, admin, device()), shown(app, ls, admin, device())
    first, second = device(), device()
    with transaction(app) as s:
        support_concern(s, s.get(ListeningSession, ls.id), source, first)
        s.commit()
    with transaction(app) as s:
        support_concern(s, s.get(ListeningSession, ls.id), target, second)  # holds the row
        merge = Other(
            app,
            lambda o, session: merge_concerns(o, session, target, [source], o.get(User, admin.id)),
            ls.id,
        )
        assert merge.waits(), "the merge must wait for the tap on its target"
        s.commit()
    merge.finish()
    assert counts(app, target) == [2]  # the tap in flight and the source's, both kept


def test_a_tap_on_a_head_being_merged_counts_on_the_new_head(
    app: Flask, ls: ListeningSession, admin: User
) -> None:
    target, source = shown(app, ls, admin, device()), shown(app, ls, admin, device())
    with transaction(app) as s:
        merge_concerns(s, s.get(ListeningSession, ls.id), target, [source], s.get(User, admin.id))
        tap = Other(app, lambda o, session: support_concern(o, session, source, device()), ls.id)
        assert tap.waits(), "the tap must wait for the merge of its concern"
        s.commit()
    tap.finish()
    assert counts(app, target, source) == [1, 0]
    assert (supports_on(app, target), supports_on(app, source)) == (1, 0)


def test_a_tap_in_flight_passes_to_the_heir_of_a_withdrawn_head(
    app: Flask, ls: ListeningSession, admin: User
) -> None:
    author = device()
    head, member = shown(app, ls, admin, author), shown(app, ls, admin, device())
    with transaction(app) as s:
        merge_concerns(s, s.get(ListeningSession, ls.id), head, [member], s.get(User, admin.id))
        s.commit()
    with transaction(app) as s:
        support_concern(s, s.get(ListeningSession, ls.id), head, device())  # holds the row
        withdrawal = Other(
            app, lambda o, session: withdraw_concern(o, session, head, author), ls.id
        )
        assert withdrawal.waits(), "the withdrawal must wait for the tap on its group"
        s.commit()
    withdrawal.finish()
    assert counts(app, member) == [1]  # the heir keeps the tap
    assert supports_on(app, member) == 1


def test_two_taps_of_one_device_at_once_count_once(
    app: Flask, ls: ListeningSession, admin: User
) -> None:
    concern, tapper = shown(app, ls, admin, device()), device()
    with transaction(app) as s:
        support_concern(s, s.get(ListeningSession, ls.id), concern, tapper)
        again = Other(app, lambda o, session: support_concern(o, session, concern, tapper), ls.id)
        assert again.waits()
        s.commit()
    with pytest.raises(Conflict) as refused:
        again.finish()
    assert refused.value.code == "already_supported"
    assert counts(app, concern) == [1]


def test_taps_on_different_concerns_do_not_wait_for_each_other(
    app: Flask, ls: ListeningSession, admin: User
) -> None:
    one, two = shown(app, ls, admin, device()), shown(app, ls, admin, device())
    with transaction(app) as s:
        support_concern(s, s.get(ListeningSession, ls.id), one, device())
        other = Other(app, lambda o, session: support_concern(o, session, two, device()), ls.id)
        started = time.monotonic()
        other.thread.join(timeout=5)
        assert not other.thread.is_alive(), "a tap on another concern waited for this one"
        assert time.monotonic() - started < 5
        other.finish()
        s.commit()
    assert counts(app, one, two) == [1, 1]

"""Action-item rules: reasons for declines, joint sign-off, transitions, overdue, publishing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from flask import Flask
from sqlalchemy import select

from facilitator.errors import DomainError
from facilitator.extensions import db
from facilitator.models import (
    Affiliation,
    Initiative,
    InitiativeMember,
    ItemStatus,
    OwnerRole,
    StatusChange,
    User,
)
from facilitator.services import action_items as items
from facilitator.services.accounts import Roles, create_user
from facilitator.services.action_items import ItemDetails
from tests.conftest import PASSWORD

TODAY = date(2027, 3, 1)


@pytest.fixture
def committee(app: Flask) -> dict[str, object]:
    """An initiative with a police member, a community member, a city member and an outsider."""
    with app.app_context(), db.writing() as s:
        initiative = Initiative(title="Rapid City 2027")
        s.add(initiative)
        s.flush()
        people = {}
        for name, side in (
            ("police", Affiliation.POLICE),
            ("community", Affiliation.COMMUNITY),
            ("city", Affiliation.CITY),
            ("outsider", Affiliation.COMMUNITY),
        ):
            user = create_user(
                s,
                name,
                PASSWORD,
                roles=Roles(is_facilitator=False, is_committee_member=True, affiliation=side),
            )
            if name != "outsider":
                s.add(InitiativeMember(initiative_id=initiative.id, user_id=user.id))
            people[name] = user.id
        people["initiative"] = initiative.id
        return people


def _user(s, ids, name: str) -> User:
    return s.get(User, ids[name])


def _details(**changes: object) -> ItemDetails:
    fields = {
        "title": "Release body camera footage within 30 days",
        "response_type": "change_policy",
        "owner_role": "joint",
        "summary": "Many people asked when video of a shooting is released, and by whom.",
        "quote": "Officer Smith told my son the video would never come out",
        "due_on": TODAY + timedelta(days=90),
    }
    return ItemDetails(**{**fields, **changes})


def _new(s, ids, **changes: object):
    initiative = s.get(Initiative, ids["initiative"])
    return items.create_item(s, initiative, _details(**changes), _user(s, ids, "police"), TODAY)


def test_a_new_item_is_proposed_with_a_redacted_quote_and_a_timeline(app, committee) -> None:
    with app.app_context(), db.writing() as s:
        item = _new(s, committee)
        assert item.status == ItemStatus.PROPOSED and item.published_at is None
        assert "Smith" not in item.quote and "[name]" in item.quote
        changes = s.scalars(select(StatusChange).where(StatusChange.item_id == item.id)).all()
        assert [(c.from_status, c.to_status) for c in changes] == [(None, ItemStatus.PROPOSED)]


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"title": ""}, "text_empty"),
        ({"title": "x" * 201}, "text_too_long"),
        ({"due_on": TODAY - timedelta(days=1)}, "due_in_past"),
        ({"response_type": "shrug"}, "bad_response_type"),
        ({"owner_role": "mayor"}, "bad_owner"),
        ({"lead_id": 999}, "bad_lead"),
    ],
)
def test_bad_items_are_refused_and_nothing_is_stored(app, committee, changes, code) -> None:
    with app.app_context():
        with pytest.raises(DomainError) as caught, db.writing() as s:
            _new(s, committee, **changes)
        assert caught.value.code == code
        assert db.session.scalars(select(StatusChange)).all() == []


def test_only_committee_members_of_the_initiative_touch_its_items(app, committee) -> None:
    with app.app_context(), db.writing() as s:
        item = _new(s, committee)
        for call in (
            lambda: items.change_status(s, item, "accepted", _user(s, committee, "outsider")),
            lambda: items.publish_item(s, item, _user(s, committee, "outsider"), TODAY),
            lambda: items.update_item(s, item, _details(), _user(s, committee, "outsider")),
        ):
            with pytest.raises(DomainError) as caught:
                call()
            assert caught.value.code == "not_on_committee"


def test_a_joint_item_needs_police_and_community_to_accept_and_to_confirm_done(
    app, committee
) -> None:
    with app.app_context(), db.writing() as s:
        item = _new(s, committee)
        police, community, city = (_user(s, committee, n) for n in ("police", "community", "city"))
        with pytest.raises(DomainError) as caught:
            items.publish_item(s, item, police, TODAY)
        assert caught.value.code == "joint_not_accepted"
        first = items.change_status(s, item, "accepted", police, why="We can do this by June")
        assert not first.changed and first.waiting_for == Affiliation.COMMUNITY
        assert item.status == ItemStatus.PROPOSED
        with pytest.raises(DomainError) as caught:
            items.change_status(s, item, "accepted", police)
        assert caught.value.code == "already_signed"
        with pytest.raises(DomainError) as caught:
            items.change_status(s, item, "accepted", city)
        assert caught.value.code == "sign_off_side"
        second = items.change_status(s, item, "accepted", community, why="Agreed")
        assert second.changed and item.status == ItemStatus.ACCEPTED
        items.publish_item(s, item, police, TODAY)
        assert item.published_at is not None and item.reported_back_on == TODAY
        items.change_status(s, item, "in_progress", police, why="Policy drafted", progress=40)
        assert item.progress == 40
        assert not items.change_status(s, item, "done", community).changed
        assert items.change_status(s, item, "done", police).changed
        assert item.status == ItemStatus.DONE and item.progress == 100
        timeline = [(c.to_status, c.why) for c in item.changes]
        assert timeline[1:] == [
            (ItemStatus.ACCEPTED, "Agreed"),
            (ItemStatus.IN_PROGRESS, "Policy drafted"),
            (ItemStatus.DONE, ""),
        ]


def test_declining_needs_a_public_reason_and_transitions_are_checked(app, committee) -> None:
    with app.app_context(), db.writing() as s:
        item = _new(s, committee, owner_role="police")
        police = _user(s, committee, "police")
        with pytest.raises(DomainError) as caught:
            items.change_status(s, item, "done", police)
        assert caught.value.code == "bad_transition"
        assert "Proposed" in caught.value.message and "Done" in caught.value.message
        with pytest.raises(DomainError) as caught:
            items.change_status(s, item, "declined", police, why="   ")
        assert caught.value.code == "decline_needs_reason"
        with pytest.raises(DomainError) as caught:
            items.change_status(s, item, "archived", police)
        assert caught.value.code == "bad_status"
        with pytest.raises(DomainError) as caught:
            items.change_status(s, item, "accepted", police, progress=120)
        assert caught.value.code == "bad_progress"
        assert item.status == ItemStatus.PROPOSED
        # One member accepts an item that is not joint.
        assert items.change_status(s, item, "accepted", police).changed
        items.change_status(s, item, "declined", police, why="The state law does not allow it")
        assert item.decline_reason == "The state law does not allow it"


def test_the_queue_shows_what_waits_on_whom_and_what_is_overdue(app, committee) -> None:
    with app.app_context(), db.writing() as s:
        initiative = s.get(Initiative, committee["initiative"])
        police = _user(s, committee, "police")
        proposed = _new(s, committee, title="Proposed", owner_role="police")
        half = _new(s, committee, title="Half signed")
        items.change_status(s, half, "accepted", police)
        late = _new(s, committee, title="Late", owner_role=OwnerRole.POLICE.value)
        items.change_status(s, late, "accepted", police)
        later = TODAY + timedelta(days=200)
        queue = {
            (w.item.title, w.reason, w.side) for w in items.waiting_queue(s, initiative, later)
        }
        assert queue == {
            ("Proposed", "overdue", None),
            ("Half signed", "overdue", None),
            ("Late", "overdue", None),
        }
        queue = {
            (w.item.title, w.reason, w.side) for w in items.waiting_queue(s, initiative, TODAY)
        }
        assert queue == {
            ("Proposed", "accept", None),
            ("Half signed", "sign_off", Affiliation.COMMUNITY),
            ("Late", "publish", None),
        }
        assert late.is_overdue(later) and not proposed.is_overdue(TODAY)

"""The committee workspace in the browser's terms: pages, forms, rules, exports."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask
from sqlalchemy import select

from facilitator.extensions import db
from facilitator.models import ActionItem, Affiliation, Initiative, InitiativeMember, ItemStatus
from facilitator.services.accounts import Roles, create_user
from tests.conftest import PASSWORD, login


@pytest.fixture
def members(app: Flask, admin) -> dict[str, object]:
    """An initiative with a police and a community member, each with a signed-in browser."""
    with app.app_context(), db.writing() as s:
        initiative = Initiative(title="Rapid City 2027")
        other = Initiative(title="Somewhere else")
        s.add_all([initiative, other])
        s.flush()
        for name, side in (("police", Affiliation.POLICE), ("community", Affiliation.COMMUNITY)):
            user = create_user(
                s,
                name,
                PASSWORD,
                roles=Roles(is_facilitator=False, is_committee_member=True, affiliation=side),
            )
            s.add(InitiativeMember(initiative_id=initiative.id, user_id=user.id))
        ids = {"initiative": initiative.id, "other": other.id}
    browsers = {}
    for name in ("police", "community"):
        browsers[name] = app.test_client()
        assert login(browsers[name], name).status_code == 302
    return {**ids, **browsers}


def _propose(browser, initiative_id: int, **fields: object):
    due = (datetime.now(UTC).date() + timedelta(days=60)).isoformat()
    data = {
        "title": "Release body camera footage within 30 days",
        "summary": "People asked when and how video is released.",
        "quote": "call me at 612-555-0147 about the video",
        "response_type": "change_policy",
        "owner_role": "joint",
        "lead": "0",
        "due_on": due,
        **fields,
    }
    return browser.post(f"/committee/{initiative_id}/items/new", data=data)


def _item(app: Flask) -> ActionItem:
    with app.app_context():
        return db.session.scalars(select(ActionItem)).one()


def test_members_propose_accept_jointly_and_publish(app: Flask, members) -> None:
    police, community = members["police"], members["community"]
    base = f"/committee/{members['initiative']}"
    assert police.get(base + "/").status_code == 200
    assert _propose(police, members["initiative"]).status_code == 302
    item = _item(app)
    assert "555-0147" not in item.quote
    page = f"{base}/items/{item.id}"
    waiting = police.post(page + "/status", data={"status": "accepted", "why": "We can"})
    assert waiting.status_code == 302
    assert _item(app).status == ItemStatus.PROPOSED
    refused = police.post(page + "/publish", follow_redirects=True).get_data(as_text=True)
    assert "accepted it" in refused and _item(app).published_at is None
    community.post(page + "/status", data={"status": "accepted", "why": "Agreed"})
    assert _item(app).status == ItemStatus.ACCEPTED
    assert police.post(page + "/publish").status_code == 302
    assert _item(app).published_at is not None
    workspace = police.get(base + "/").get_data(as_text=True)
    assert "Public" in workspace and "Accepted" in workspace


def test_bad_requests_are_refused_with_specific_messages(app: Flask, members) -> None:
    police = members["police"]
    past = (datetime.now(UTC).date() - timedelta(days=1)).isoformat()
    page = _propose(police, members["initiative"], due_on=past).get_data(as_text=True)
    assert "in the past" in page
    assert "Release body camera footage" in page  # what was typed is kept
    _propose(police, members["initiative"], owner_role="police")
    item = _item(app)
    url = f"/committee/{members['initiative']}/items/{item.id}/status"
    done = police.post(url, data={"status": "done"}, follow_redirects=True).get_data(as_text=True)
    assert "cannot go from" in done
    decline = police.post(url, data={"status": "declined", "why": ""}, follow_redirects=True)
    assert "why the item is declined" in decline.get_data(as_text=True)
    assert _item(app).status == ItemStatus.PROPOSED


def test_a_member_of_one_initiative_cannot_touch_another(app: Flask, members) -> None:
    police = members["police"]
    for url in ("/", "/items/new", "/items.csv", "/initiative.json", "/report"):
        assert police.get(f"/committee/{members['other']}{url}").status_code == 403
    assert _propose(police, members["other"]).status_code == 403
    assert app.test_client().get(f"/committee/{members['initiative']}/").status_code == 302


def test_exports_are_formula_safe_and_complete(app: Flask, members) -> None:
    police = members["police"]
    _propose(police, members["initiative"], title='=HYPERLINK("http://evil")')
    rows = list(
        csv.DictReader(
            io.StringIO(
                police.get(f"/committee/{members['initiative']}/items.csv")
                .get_data(as_text=True)
                .lstrip("\ufeff")
            )
        )
    )
    assert rows[0]["title"].startswith("'=") and rows[0]["status"] == "proposed"
    data = json.loads(police.get(f"/committee/{members['initiative']}/initiative.json").data)
    assert data["initiative"]["title"] == "Rapid City 2027"
    assert data["action_items"][0]["timeline"][0]["to"] == "proposed"
    report = police.get(f"/committee/{members['initiative']}/report").get_data(as_text=True)
    assert "Committee report" in report

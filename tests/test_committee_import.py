"""Action items imported from a CSV in the export's columns: all rows, or none."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask
from sqlalchemy import func, select

from facilitator.extensions import db
from facilitator.models import (
    ActionItem,
    Affiliation,
    Initiative,
    InitiativeMember,
    ItemStatus,
    User,
)
from facilitator.services import action_items as items
from facilitator.services.accounts import Roles, create_user
from facilitator.services.action_items import ItemDetails
from tests.conftest import PASSWORD, login

FUTURE = (datetime.now(UTC).date() + timedelta(days=60)).isoformat()
PAST = (datetime.now(UTC).date() - timedelta(days=1)).isoformat()


@pytest.fixture
def two_initiatives(app: Flask) -> dict[str, int]:
    """Two initiatives; a police member of both (display name "Sgt. Ramos")."""
    with app.app_context(), db.writing() as s:
        first, second = Initiative(title="One"), Initiative(title="Two")
        s.add_all([first, second])
        s.flush()
        member = create_user(
            s,
            "ramos",
            PASSWORD,
            display_name="Sgt. Ramos",
            roles=Roles(
                is_facilitator=False, is_committee_member=True, affiliation=Affiliation.POLICE
            ),
        )
        for initiative in (first, second):
            s.add(InitiativeMember(initiative_id=initiative.id, user_id=member.id))
        return {"first": first.id, "second": second.id}


def _upload(client, initiative_id: int, body: bytes, name: str = "items.csv"):
    return client.post(
        f"/committee/{initiative_id}/items/import",
        data={"file": (io.BytesIO(body), name)},
        content_type="multipart/form-data",
        follow_redirects=True,
    )


def _count(app: Flask, initiative_id: int) -> int:
    with app.app_context():
        return db.session.scalar(
            select(func.count())
            .select_from(ActionItem)
            .where(ActionItem.initiative_id == initiative_id)
        )


def test_the_export_reads_back_as_it_was_written(app, client, two_initiatives) -> None:
    today = datetime.now(UTC).date()
    with app.app_context(), db.writing() as s:
        ramos = s.scalar(select(User).where(User.username == "ramos"))
        items.create_item(
            s,
            s.get(Initiative, two_initiatives["first"]),
            ItemDetails(
                title='=HYPERLINK("x") is what the form said',
                title_es="Luces de la calle",
                response_type="resource",
                owner_role="joint",
                summary="Residents said the corner is dark.",
                quote="+1 from everyone on my block",
                lead_id=ramos.id,
                due_on=today + timedelta(days=30),
                we_did="Twelve lights were replaced.",
            ),
            ramos,
            today,
        )
    login(client, "ramos")
    exported = client.get(f"/committee/{two_initiatives['first']}/items.csv").get_data()
    page = _upload(client, two_initiatives["second"], exported).get_data(as_text=True)
    assert "Action items proposed from the file: 1." in page
    with app.app_context():
        copy = db.session.scalar(
            select(ActionItem).where(ActionItem.initiative_id == two_initiatives["second"])
        )
        assert copy.title == '=HYPERLINK("x") is what the form said'  # the apostrophe is gone
        assert copy.quote == "+1 from everyone on my block"
        assert (copy.title_es, copy.summary, copy.we_did) == (
            "Luces de la calle",
            "Residents said the corner is dark.",
            "Twelve lights were replaced.",
        )
        assert copy.lead.username == "ramos" and copy.status == ItemStatus.PROPOSED
        assert copy.due_on == today + timedelta(days=30)


def test_a_wrong_line_imports_nothing_and_every_wrong_line_is_named(
    app, client, two_initiatives
) -> None:
    login(client, "ramos")
    body = (
        "title,response_type,owner,lead,due_on\n"
        f"Good one,explain,police,Sgt. Ramos,{FUTURE}\n"
        f"Bad type,shrug,police,,{FUTURE}\n"
        f"Past date,explain,police,,{PAST}\n"
        "Bad date,explain,police,,next week\n"
        f"Stranger lead,explain,police,Nobody Here,{FUTURE}\n"
        ",,,,\n"
    ).encode()
    page = _upload(client, two_initiatives["first"], body).get_data(as_text=True)
    assert "Nothing was imported." in page
    for line in (3, 4, 5, 6):
        assert f"Line {line}:" in page
    assert "Line 2:" not in page and "Line 7:" not in page
    assert "Write the due date as YYYY-MM-DD" in page
    assert _count(app, two_initiatives["first"]) == 0


@pytest.mark.parametrize(
    ("body", "name", "message"),
    [
        (b"title,owner\nX,police\n", "items.csv", "The file has no column response_type."),
        (b"title,response_type,owner\n", "items.csv", "The file holds no action items."),
        (
            "title,response_type,owner\nÉ,explain,police\n".encode("latin-1"),
            "items.csv",
            "not UTF-8",
        ),
        (b"title,response_type,owner\nX,explain,police\n", "items.xlsx", "must be a .csv file"),
    ],
)
def test_bad_files_get_specific_errors(app, client, two_initiatives, body, name, message) -> None:
    login(client, "ramos")
    page = _upload(client, two_initiatives["first"], body, name).get_data(as_text=True)
    assert message in page
    assert _count(app, two_initiatives["first"]) == 0


def test_only_the_initiatives_committee_imports(app, client, two_initiatives) -> None:
    with app.app_context(), db.writing() as s:
        create_user(
            s,
            "outsider",
            PASSWORD,
            roles=Roles(
                is_facilitator=False, is_committee_member=True, affiliation=Affiliation.CITY
            ),
        )
    login(client, "outsider")
    body = b"title,response_type,owner\nX,explain,police\n"
    assert _upload(client, two_initiatives["first"], body).status_code == 403
    assert _count(app, two_initiatives["first"]) == 0

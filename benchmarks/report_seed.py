"""A realistic, large public report-back, for the report benchmarks.

One initiative with ``sessions`` closed listening sessions, each with an approved theme
summary of ``themes`` themes (concerns, "me too" taps, a run found, reviewed and approved),
and ``items`` published action items, each answering one to three of those themes, with
milestones and a timeline of several status changes. Everything is written through the
same services the app uses.
"""

from __future__ import annotations

import os
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

from facilitator import create_app
from facilitator.extensions import db
from facilitator.migrate import upgrade_database
from facilitator.models import (
    Affiliation,
    Concern,
    ConcernStatus,
    InitiativeMember,
    ListeningSession,
    Support,
)
from facilitator.privacy import new_client_key
from facilitator.services import action_items as items
from facilitator.services.accounts import Roles, create_user
from facilitator.services.action_items import ItemDetails
from facilitator.services.initiatives import InitiativeDetails, assign_session, create_initiative
from facilitator.services.sessions import SessionDetails, create_session, transition_session
from facilitator.services.themes import (
    analysis_input,
    approve_summary,
    claim_run,
    request_run,
    store_result,
)

PASSWORD = "benchmark password, not for use"  # noqa: S105 - a throwaway local account
TOPICS = [
    "Release body camera footage within 30 days",
    "Street lights on the east side",
    "A civilian oversight board with subpoena power",
    "Spanish-speaking officers at every shift",
    "Grief counselling for families",
    "Youth programs at the community centre",
    "Traffic stops: publish the data every quarter",
    "Mental-health co-responders on crisis calls",
    "Meet with residents every month",
    "Name the officers after a use of force",
]


def _approved_themes(s, ls: ListeningSession, admin, rng: random.Random, themes: int) -> list[int]:
    """Concerns in ``themes`` groups of 3 to 12, taps on them, and an approved run of them;
    returns the themes' ids."""
    groups = []
    for t in range(themes):
        ids = []
        for n in range(rng.randrange(3, 13)):
            concern = Concern(
                session_id=ls.id,
                client_key=new_client_key(),
                text=f"{TOPICS[t % len(TOPICS)]}: what we need, in our own words ({n}).",
                status=ConcernStatus.SHOWN,
                prompt_id=ls.current_prompt_id,
                redactions=[],
                safety_kinds=[],
            )
            s.add(concern)
            s.flush()
            for tap in range(rng.randrange(0, 6)):
                s.add(Support(concern_id=concern.id, supporter_hash=f"{concern.id:08d}{tap:056d}"))
            ids.append(concern.id)
        groups.append(ids)
    s.flush()
    run = request_run(s, ls, admin)
    claim_run(s, run.id)
    s.refresh(run)
    result = {
        "themes": [
            {
                "id": f"theme-{n + 1}",
                "label": f"{TOPICS[n % len(TOPICS)]} ({n + 1})",
                "keywords": ["footage", "lights"],
                "members": group,
                "quotes": ["We asked for this after the last shooting and nothing changed."],
                "category": f"T{n % 9 + 1}",
                "category_confidence": 0.6,
                "sentiment": {"label": "negative"},
            }
            for n, group in enumerate(groups)
        ],
        "other": [],
        "flagged": [],
        "meta": {"backend": "benchmark"},
    }
    store_result(s, run, result, analysis_input(s, ls), duration=1.0, model_version="benchmark")
    for theme in run.themes:
        theme.summary = "Residents asked for this at the session, in several ways. " * 2
    approve_summary(s, run, run.revision, admin)
    return [theme.id for theme in run.themes]


def seed_report(
    instance: Path, database_url: str, sessions: int = 10, count: int = 100, themes: int = 15
) -> int:
    """Create the initiative (migrating the database first); return its id."""
    os.environ["INSTANCE_PATH"] = str(instance)
    app = create_app({"DATABASE_URL": database_url})
    upgrade_database(app)
    rng = random.Random(7)
    today = datetime.now(UTC).date()
    tag = f"{rng.randrange(10**6):06d}"
    with app.app_context(), db.writing() as s:
        admin = create_user(s, f"bench-admin-{tag}", PASSWORD, is_admin=True)
        initiative = create_initiative(
            s,
            InitiativeDetails(
                title="Rapid City listening sessions 2027",
                title_es="Sesiones de escucha de Rapid City 2027",
                description="What residents said after the shooting, and what is being done.",
            ),
            admin,
        )
        police, community = (
            create_user(
                s,
                f"bench-{side.value}-{tag}",
                PASSWORD,
                roles=Roles(is_facilitator=False, is_committee_member=True, affiliation=side),
            )
            for side in (Affiliation.POLICE, Affiliation.COMMUNITY)
        )
        for member in (police, community):
            s.add(InitiativeMember(initiative_id=initiative.id, user_id=member.id))
        theme_ids: list[int] = []
        for n in range(sessions):
            ls = create_session(
                s,
                SessionDetails(
                    title=f"Listening session {n + 1}",
                    purpose="",
                    ground_rules="",
                    prompts=["What needs to change?"],
                ),
                admin,
            )
            assign_session(s, ls, initiative, admin)
            transition_session(s, ls, "open", admin)
            theme_ids += _approved_themes(s, ls, admin, rng, themes)
            transition_session(s, ls, "close", admin)
        for n in range(count):
            item = items.create_item(
                s,
                initiative,
                ItemDetails(
                    title=f"{TOPICS[n % len(TOPICS)]} ({n + 1})",
                    title_es=f"Acción {n + 1}",
                    response_type=rng.choice(["change_policy", "train", "resource", "explain"]),
                    owner_role=rng.choice(["police", "community", "joint"]),
                    summary="Many residents said this at several sessions, in their own words. "
                    * 3,
                    quote="We asked for this after the last shooting and nothing changed.",
                    due_on=today + timedelta(days=rng.randrange(10, 200)),
                    we_did="The department wrote a draft and met with the families twice.",
                    theme_ids=rng.sample(theme_ids, k=min(len(theme_ids), rng.randrange(1, 4))),
                ),
                police,
                today,
            )
            signers = (police, community) if item.owner_role.value == "joint" else (police,)
            for who in signers:
                items.change_status(s, item, "accepted", who, why="Agreed at the committee meeting")
            if item.status.value == "accepted" and rng.random() < 0.7:
                items.change_status(s, item, "in_progress", police, why="Work started", progress=40)
            for m in range(3):
                items.add_milestone(
                    s, item, f"Step {m + 1}", today + timedelta(days=30 * m), police
                )
            items.publish_item(s, item, police, today)
        initiative_id = initiative.id
    db.session.remove()
    db.engine.dispose()
    return initiative_id

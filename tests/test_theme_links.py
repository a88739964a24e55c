"""Approved themes across sessions: link suggestions, decisions, topics, action items that
answer themes, and "What we heard" on the public report-back."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from flask import Flask
from sqlalchemy import delete, select

from analysis import LINK_THRESHOLD, model_available
from facilitator.commands import themes as theme_commands
from facilitator.commands.links import index_initiative
from facilitator.errors import Conflict, DomainError
from facilitator.extensions import db
from facilitator.models import (
    Affiliation,
    Concern,
    Initiative,
    InitiativeMember,
    ListeningSession,
    Support,
    User,
)
from facilitator.services import action_items as items
from facilitator.services import theme_links as links
from facilitator.services import themes as theme_service
from facilitator.services.accounts import Roles, create_user
from facilitator.services.action_items import ItemDetails
from facilitator.services.sessions import transition_session
from facilitator.theme_models import LinkStatus, Theme, ThemeLink, ThemeRun
from tests.conftest import PASSWORD, login, make_session
from tests.themes_helpers import add_concern, stored_run

needs_model = pytest.mark.skipif(not model_available(), reason="needs the sentence model")

CAMERAS = [
    "release the body camera video of the shooting now",
    "we need to see the bodycam footage, not in six months",
    "why is the camera video still secret",
    "show the families the body cam recordings",
    "publish the police camera footage so we know the truth",
]
LIGHTS = [
    "the street lights on our block have been out for months",
    "it is so dark at night, fix the broken lamps",
    "we need more lighting in the park and on the corners",
    "las luces de la calle no funcionan y da miedo caminar de noche",
    "install lights by the bus stop, people get robbed in the dark",
]


def _session_with_themes(app: Flask, admin: User, initiative_id: int | None, title: str):
    """A closed session (in ``initiative_id`` if given) with two stored themes, cameras
    then lights, each with five posts; returns (session, run)."""
    ls = make_session(app, by=admin)
    with app.app_context():
        with db.writing() as s:
            session = s.get(ListeningSession, ls.id)
            session.title = title
            if initiative_id is not None:
                session.initiative_id = initiative_id
        session = db.session.get(ListeningSession, ls.id)
        groups = [
            [add_concern(session, t) for t in CAMERAS],
            [add_concern(session, t) for t in LIGHTS],
        ]
        run = stored_run(app, session, admin, groups)
        with db.writing() as s:
            transition_session(s, s.get(ListeningSession, ls.id), "close", admin)
        return db.session.get(ListeningSession, ls.id), run


def _approve(app: Flask, ls: ListeningSession, run: ThemeRun, admin: User) -> None:
    with app.app_context():
        session = db.session.get(ListeningSession, ls.id)
        user = db.session.get(User, admin.id)
        current = db.session.get(ThemeRun, run.id)
        theme_commands.approve(session, user, current.id, current.revision)


@pytest.fixture
def two_sessions(app: Flask, admin: User) -> dict[str, object]:
    """Two closed sessions of one initiative, both with approved themes, and a community
    and a police committee member."""
    first, run_a = _session_with_themes(app, admin, None, "Session one")
    second, run_b = _session_with_themes(app, admin, first.initiative_id, "Session two")
    with app.app_context(), db.writing() as s:
        for name, side in (("police", Affiliation.POLICE), ("community", Affiliation.COMMUNITY)):
            user = create_user(
                s,
                name,
                PASSWORD,
                roles=Roles(is_facilitator=False, is_committee_member=True, affiliation=side),
            )
            s.add(InitiativeMember(initiative_id=first.initiative_id, user_id=user.id))
    _approve(app, first, run_a, admin)
    _approve(app, second, run_b, admin)
    with app.app_context():
        themes = {
            (t.run_id, t.key): t.id
            for t in db.session.scalars(select(Theme).where(Theme.run_id.in_([run_a.id, run_b.id])))
        }
    return {
        "initiative": first.initiative_id,
        "first": first.id,
        "second": second.id,
        "codes": (first.code, second.code),
        "runs": (run_a.id, run_b.id),
        "cameras": (themes[(run_a.id, "theme-1")], themes[(run_b.id, "theme-1")]),
        "lights": (themes[(run_a.id, "theme-2")], themes[(run_b.id, "theme-2")]),
    }


def _member(name: str) -> User:
    return db.session.scalar(select(User).where(User.username == name))


def _initiative(ids) -> Initiative:
    return db.session.get(Initiative, ids["initiative"])


# --- Side by side, suggestions, decisions --------------------------------------------


def test_the_approved_summaries_are_side_by_side_in_session_order(app, two_sessions) -> None:
    with app.app_context():
        blocks = links.approved_themes(db.session, _initiative(two_sessions))
        assert [b.session.title for b in blocks] == ["Session one", "Session two"]
        assert [len(b.themes) for b in blocks] == [2, 2]
        theme = blocks[0].themes[0]
        assert (theme.size, theme.supporters, theme.quote) == (5, 5, "Quote 1a")


@needs_model
def test_approval_suggests_links_between_themes_about_the_same_thing(app, two_sessions) -> None:
    with app.app_context():
        found = {
            frozenset((link.theme_a_id, link.theme_b_id)): link
            for link in links.links_of(db.session, _initiative(two_sessions))
        }
        assert set(found) == {
            frozenset(two_sessions["cameras"]),
            frozenset(two_sessions["lights"]),
        }
        assert all(link.status == LinkStatus.SUGGESTED for link in found.values())
        assert all(link.similarity >= LINK_THRESHOLD for link in found.values())
        centroid = db.session.get(Theme, two_sessions["cameras"][0]).centroid
        assert centroid is not None and len(centroid) == 512


@needs_model
def test_confirmed_links_make_a_topic_with_support_per_session(app, two_sessions) -> None:
    with app.app_context():
        initiative = _initiative(two_sessions)
        cameras = frozenset(two_sessions["cameras"])
        with db.writing() as s:
            for link in links.links_of(s, initiative):
                decision = "confirm" if {link.theme_a_id, link.theme_b_id} == cameras else "reject"
                links.decide(s, initiative, link, decision, _member("community"))
        blocks = links.approved_themes(db.session, initiative)
        topics = links.topics(links.links_of(db.session, initiative), links.by_id(blocks))
        assert len(topics) == 1
        sessions = [b.session for b in blocks]
        assert topics[0].support_by_session(sessions) == [5, 5]
        # A rejected pair is never suggested again.
        assert index_initiative(initiative) == 0
        rejected = [
            link
            for link in links.links_of(db.session, initiative)
            if link.status == LinkStatus.REJECTED
        ]
        assert len(rejected) == 1


def test_linking_by_hand_checks_the_two_themes(app, two_sessions) -> None:
    a1, b1 = two_sessions["cameras"]
    a2, _ = two_sessions["lights"]
    with app.app_context(), db.writing() as s:
        initiative = _initiative(two_sessions)
        approved = links.by_id(links.approved_themes(s, initiative))
        member = _member("police")
        with pytest.raises(DomainError) as same:
            links.link_themes(s, initiative, approved, a1, a2, member)
        assert same.value.code == "same_session"
        with pytest.raises(DomainError) as unknown:
            links.link_themes(s, initiative, approved, a1, "999999", member)
        assert unknown.value.code == "theme_not_approved"
        link = links.link_themes(s, initiative, approved, b1, a1, member)
        assert (link.theme_a_id, link.status) == (min(a1, b1), LinkStatus.CONFIRMED)
        with pytest.raises(Conflict):
            links.link_themes(s, initiative, approved, a1, b1, member)


@pytest.mark.parametrize(
    ("category", "session", "support", "code"),
    [
        ("T10", None, None, "bad_category"),
        ("", "x", None, "bad_session"),
        ("", "", "-1", "bad_support"),
    ],
)
def test_bad_filters_get_specific_errors(category, session, support, code) -> None:
    with pytest.raises(DomainError) as caught:
        links.ThemeFilter.parse(category, session, support)
    assert caught.value.code == code


def test_filters_keep_what_was_asked_for(app, two_sessions) -> None:
    with app.app_context():
        blocks = links.approved_themes(db.session, _initiative(two_sessions))
        only_second = links.ThemeFilter.parse("", str(two_sessions["second"]), "0").apply(blocks)
        assert [b.session.id for b in only_second] == [two_sessions["second"]]
        assert links.ThemeFilter.parse("T4", "", "6").apply(blocks)[0].themes == []
        assert len(links.ThemeFilter.parse("T4", "", "5").apply(blocks)[0].themes) == 2
        assert links.ThemeFilter.parse("none", "", "").apply(blocks)[0].themes == []


def test_after_the_purge_a_centroid_is_made_of_the_approved_text(app, two_sessions) -> None:
    with app.app_context():
        run = db.session.get(ThemeRun, two_sessions["runs"][0])
        with db.writing() as s:
            ids = [m.concern_id for m in run.members]
            s.execute(delete(Support).where(Support.concern_id.in_(ids)))
            s.execute(delete(Concern).where(Concern.id.in_(ids)))
        db.session.expire_all()
        run = db.session.get(ThemeRun, two_sessions["runs"][0])
        texts = links.centroid_texts(db.session, run)
        assert texts[two_sessions["cameras"][0]] == ["Theme 1", "Quote 1a"]  # label, quote


# --- Action items that answer themes ---------------------------------------------------


def test_an_item_answers_approved_themes_of_its_own_initiative_only(
    app, admin, two_sessions
) -> None:
    other, other_run = _session_with_themes(app, admin, None, "Elsewhere")
    _approve(app, other, other_run, admin)
    today = datetime.now(UTC).date()
    with app.app_context(), db.writing() as s:
        foreign = s.scalar(select(Theme.id).where(Theme.run_id == other_run.id))
        with pytest.raises(DomainError) as caught:
            items.create_item(
                s,
                _initiative(two_sessions),
                ItemDetails(
                    title="Cameras",
                    response_type="explain",
                    owner_role="police",
                    theme_ids=[foreign],
                ),
                _member("police"),
                today,
            )
        assert caught.value.code == "theme_not_approved"


def test_publishing_needs_the_items_themes_to_be_approved(app, admin, two_sessions) -> None:
    today = datetime.now(UTC).date()
    with app.app_context():
        with db.writing() as s:
            item = items.create_item(
                s,
                _initiative(two_sessions),
                ItemDetails(
                    title="Release footage within 30 days",
                    response_type="change_policy",
                    owner_role="police",
                    theme_ids=list(two_sessions["cameras"]),
                ),
                _member("police"),
                today,
            )
            items.change_status(s, item, "accepted", _member("police"), why="Agreed")
            item_id = item.id
        # A facilitator edits the first session's themes after approval: no longer approved.
        with db.writing() as s:
            run = s.get(ThemeRun, two_sessions["runs"][0])
            theme = s.get(Theme, two_sessions["cameras"][0])
            theme_service.rename_theme(s, run, theme, s.get(User, admin.id), label="Video")
        with db.writing() as s:
            item = items.get_item(s, _initiative(two_sessions), item_id)
            with pytest.raises(Conflict) as caught:
                items.publish_item(s, item, _member("police"), today)
            assert caught.value.code == "themes_not_approved"
            assert item.published_at is None
        # Approved again: it may be published.
        run = db.session.get(ThemeRun, two_sessions["runs"][0])
        with db.writing() as s:
            theme_service.approve_summary(
                s, s.get(ThemeRun, run.id), run.revision, s.get(User, admin.id)
            )
        with db.writing() as s:
            item = items.get_item(s, _initiative(two_sessions), item_id)
            items.publish_item(s, item, _member("police"), today)
            assert item.published_at is not None


def test_the_draft_from_themes_takes_counts_quote_and_the_usual_owner(app, two_sessions) -> None:
    with app.app_context():
        approved = links.by_id(links.approved_themes(db.session, _initiative(two_sessions)))
        draft = items.draft_from_themes([approved[i] for i in two_sessions["cameras"]])
        assert draft.title == "Theme 1"
        assert draft.owner_role == "joint" and draft.response_type == "resource"  # T4's usual
        assert 'Session one: 5 concerns, 0 "me too" about Theme 1.' in draft.summary
        assert draft.quote == "Quote 1a"
        assert list(draft.theme_ids) == list(two_sessions["cameras"])


# --- Pages ----------------------------------------------------------------------------


def test_the_themes_page_is_for_the_initiatives_committee(app, client, two_sessions) -> None:
    url = f"/committee/{two_sessions['initiative']}/themes"
    login(client, "police")
    page = client.get(url)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Session one" in html and "Session two" in html and "Theme 2" in html
    bad = client.get(url + "?category=T42")
    assert "Choose a category from T1 to T9, or none." in bad.get_data(as_text=True)
    with app.app_context(), db.writing() as s:
        create_user(
            s,
            "stranger",
            PASSWORD,
            roles=Roles(
                is_facilitator=False, is_committee_member=True, affiliation=Affiliation.CITY
            ),
        )
    client.post("/logout")
    login(client, "stranger")
    assert client.get(url).status_code == 403


def test_a_member_links_by_hand_and_drafts_an_item_from_the_page(app, client, two_sessions) -> None:
    login(client, "community")
    a, b = two_sessions["lights"]
    base = f"/committee/{two_sessions['initiative']}"
    done = client.post(
        base + "/themes/links", data={"first": a, "second": b}, follow_redirects=True
    )
    assert "The themes are linked." in done.get_data(as_text=True)
    with app.app_context():
        link = db.session.scalar(
            select(ThemeLink).where(
                ThemeLink.theme_a_id == min(a, b), ThemeLink.theme_b_id == max(a, b)
            )
        )
        assert link.status == LinkStatus.CONFIRMED
    draft = client.get(base + f"/items/new?themes={a}&themes={b}").get_data(as_text=True)
    assert "Theme 2" in draft and "Quote 2a" in draft
    boxes = re.findall(r'<input[^>]*name="themes"[^>]*>', draft)
    ticked = sorted(
        int(re.search(r'value="(\d+)"', box).group(1)) for box in boxes if "checked" in box
    )
    assert ticked == sorted((a, b))


def test_the_report_back_shows_what_we_heard_folded_and_in_spanish(
    app, client, two_sessions
) -> None:
    a, _ = two_sessions["cameras"]
    login(client, "community")
    saved = client.post(
        f"/committee/{two_sessions['initiative']}/themes/{a}/spanish",
        data={"label_es": "Video de las cámaras", "summary_es": "Quieren ver el video."},
        follow_redirects=True,
    )
    assert "The Spanish version is saved." in saved.get_data(as_text=True)
    client.post("/logout")
    with app.app_context():
        # A third theme of four supporters: folded into "other concerns" in public.
        ls = db.session.get(ListeningSession, two_sessions["first"])
        ids = [add_concern(ls, f"a rare worry number {n}") for n in range(4)]
    _restore_with_small_theme(app, two_sessions, ids)
    resident = app.test_client()
    html = resident.get(f"/j/{two_sessions['codes'][0]}").get_data(as_text=True)
    assert "Theme 1" in html and "Theme 2" in html
    assert "Small theme" not in html
    assert "Other concerns: 4 concerns" in html
    resident.set_cookie("cg_lang", "es")
    spanish = resident.get(f"/j/{two_sessions['codes'][0]}").get_data(as_text=True)
    assert "Video de las cámaras" in spanish and "Quieren ver el video." in spanish


def _restore_with_small_theme(app: Flask, ids_: dict, small: list[int]) -> None:
    """Re-run the first session with a third, small theme and approve it."""
    with app.app_context():
        ls = db.session.get(ListeningSession, ids_["first"])
        admin = db.session.scalar(select(User).where(User.username == "facilitator"))
        old = db.session.get(ThemeRun, ids_["runs"][0])
        groups = [
            [m.concern_id for m in t.members] for t in sorted(old.themes, key=lambda t: t.key)
        ] + [small]
        run = stored_run(app, ls, admin, groups)
        with db.writing() as s:
            r = s.get(ThemeRun, run.id)
            small_theme = next(t for t in r.themes if t.key == "theme-3")
            theme_service.rename_theme(
                s, r, small_theme, s.get(User, admin.id), label="Small theme"
            )
        with db.writing() as s:
            r = s.get(ThemeRun, run.id)
            theme_service.approve_summary(s, r, r.revision, s.get(User, admin.id))
        # Spanish versions were written for the old run's theme: carry them in this test.
        with db.writing() as s:
            new_theme = s.scalar(
                select(Theme).where(Theme.run_id == run.id, Theme.key == "theme-1")
            )
            old_theme = s.get(Theme, ids_["cameras"][0])
            new_theme.label_es, new_theme.summary_es = old_theme.label_es, old_theme.summary_es


def test_the_initiative_page_lists_each_sessions_themes(app, two_sessions) -> None:
    html = app.test_client().get(f"/i/{two_sessions['initiative']}").get_data(as_text=True)
    assert html.count("What we heard: 2 themes") == 2


def test_a_session_without_approved_themes_says_so(app, admin) -> None:
    ls, _run = _session_with_themes(app, admin, None, "Not yet")
    html = app.test_client().get(f"/j/{ls.code}").get_data(as_text=True)
    assert "The organisers have not published the themes of this session yet." in html


def test_a_milestone_is_marked_done_once_and_shows_its_date_publicly(
    app, client, two_sessions
) -> None:
    today = datetime.now(UTC).date()
    with app.app_context(), db.writing() as s:
        item = items.create_item(
            s,
            _initiative(two_sessions),
            ItemDetails(title="Fix the lights", response_type="resource", owner_role="police"),
            _member("police"),
            today,
        )
        milestone = items.add_milestone(s, item, "Survey the block", today, _member("police"))
        items.change_status(s, item, "accepted", _member("police"), why="Agreed")
        items.publish_item(s, item, _member("police"), today)
        item_id, milestone_id = item.id, milestone.id
    login(client, "police")
    url = f"/committee/{two_sessions['initiative']}/items/{item_id}/milestones/{milestone_id}/done"
    assert "Milestone marked done." in client.post(url, follow_redirects=True).get_data(
        as_text=True
    )
    again = client.post(url, follow_redirects=True).get_data(as_text=True)
    assert "This milestone is already marked done." in again
    missing = client.post(url.rsplit("/", 2)[0] + "/999999/done", follow_redirects=True)
    assert "This item has no such milestone." in missing.get_data(as_text=True)
    public = app.test_client().get(f"/i/{two_sessions['initiative']}").get_data(as_text=True)
    assert f"done {today.isoformat()}" in public


def test_a_small_themes_centroid_is_made_of_its_approved_text_not_its_posts(
    app, admin, two_sessions
) -> None:
    with app.app_context():
        ls = db.session.get(ListeningSession, two_sessions["first"])
        ids = [add_concern(ls, f"a private worry number {n}") for n in range(4)]
        run = stored_run(app, ls, admin, [ids])
        texts = links.centroid_texts(db.session, db.session.get(ThemeRun, run.id))
        assert list(texts.values()) == [["Theme 1", "Quote 1a"]]

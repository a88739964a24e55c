"""Themes services: the adapter's rules, every edit and its audit entry, carry-over,
approval and the public folding rule."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import select

from analysis import LabelContext, find_themes, is_junk_label
from facilitator.errors import DomainError
from facilitator.extensions import db
from facilitator.models import Concern, ConcernStatus, ListeningSession, ModerationAction, User
from facilitator.services import themes as service
from facilitator.theme_models import RunStatus, Theme, ThemeRun
from tests.themes_helpers import add_concern, stored_run


def _audit(ls: ListeningSession) -> list[str]:
    return list(
        db.session.scalars(
            select(ModerationAction.action)
            .where(ModerationAction.session_id == ls.id)
            .order_by(ModerationAction.id)
        )
    )


def test_adapter_takes_only_what_the_room_agreed_to_show(app: Flask, ls, admin: User) -> None:
    with app.app_context():
        shown = add_concern(
            ls,
            "Call me at 612-555-0199 about the lights",
            support_count=3,
            redactions=[{"start": 11, "end": 23, "kind": "phone"}],
        )
        edited = add_concern(ls, "orig words", display_text="Edited words")
        behalf = add_concern(ls, "Entered for a neighbour", on_behalf=True)
        head = add_concern(ls, "Streets are dark", support_count=4)
        add_concern(ls, "Merged away", ConcernStatus.MERGED, merged_into_id=head)
        add_concern(ls, "Held for review", ConcernStatus.HELD)
        add_concern(ls, "Held for safety", ConcernStatus.HELD, safety_kinds=["self_harm"])
        add_concern(ls, "Hidden", ConcernStatus.HIDDEN)
        add_concern(ls, "Withdrawn", ConcernStatus.WITHDRAWN)
        data = service.analysis_input(db.session, db.session.get(ListeningSession, ls.id))
    by_id = {c.id: c for c in data.concerns}
    assert sorted(by_id) == sorted([shown, edited, behalf, head])
    assert "612" not in by_id[shown].text and by_id[shown].support == 3  # taps by others
    assert by_id[edited].text == "Edited words"
    assert data.on_behalf == {behalf}
    # Supporters: the post itself and its "me too" taps.
    assert data.supporters[head] == 5 and by_id[head].support == 4
    assert by_id[head].prompt == "What should change after what happened?"


def test_the_adapter_passes_prompts_and_titles_so_no_label_repeats_them(
    app: Flask, ls, admin: User
) -> None:
    with app.app_context(), db.writing() as s:
        session = s.get(ListeningSession, ls.id)
        session.title_es = "Sesión de escucha"
        session.initiative.title = "Baton Rouge listening sessions 2027"
        session.prompts[0].text_es = "¿Qué debería cambiar?"
    texts = [
        "in baton rouge they stop us for window tint and search the car",
        "baton rouge police pull people over for a broken headlight",
        "every traffic stop in baton rouge ends with a search of the car",
        "baton rouge streets are dark at night, the lights are out",
        "fix the broken street lights in baton rouge",
        "no street lights on our block in baton rouge",
    ]
    with app.app_context():
        for text in texts:
            add_concern(ls, text)
        data = service.analysis_input(db.session, db.session.get(ListeningSession, ls.id))
    assert data.prompts == ["What should change after what happened?", "¿Qué debería cambiar?"]
    assert data.title == "Listening session Sesión de escucha Baton Rouge listening sessions 2027"
    result = find_themes(data.concerns, prompts=data.prompts, title=data.title)
    context = LabelContext.build(data.prompts, data.title)
    assert result.themes
    for theme in result.themes:
        assert not is_junk_label(theme.label, context), theme.label
        assert "baton" not in theme.label.casefold()


def test_a_second_request_while_one_runs_is_refused(app: Flask, ls, admin: User) -> None:
    with app.app_context(), db.writing() as s:
        session = s.get(ListeningSession, ls.id)
        run = service.request_run(s, session, admin)
        with pytest.raises(DomainError) as exc:
            service.request_run(s, session, admin)
        assert exc.value.code == "run_in_progress"
        service.cancel_run(s, run, admin)
        assert run.status == RunStatus.CANCELLED
        assert service.request_run(s, session, admin).number == 2


def test_every_edit_bumps_the_revision_and_is_audited(app: Flask, ls, admin: User) -> None:
    with app.app_context():
        ids = [add_concern(ls, f"Concern {n}") for n in range(7)]
        run = stored_run(app, ls, admin, [ids[:3], ids[3:6]], other=[ids[6]])
        with db.writing() as s:
            run = s.get(ThemeRun, run.id)
            user = s.get(User, admin.id)
            first, second = service.themes_in_order(run)
            service.rename_theme(s, run, first, user, label="  Street  lights ", summary="Dark.")
            assert first.label == "Street lights" and first.edited == ["label", "summary"]
            service.move_concern(s, run, ids[6], first.id, user)
            service.move_concern(s, run, ids[0], None, user)
            service.set_category(s, run, first, "T3", user)
            service.set_category(s, run, second, None, user)
            service.set_quote(s, run, first, "Quote 1b", user)
            with pytest.raises(DomainError):
                service.set_quote(s, run, first, "Made-up quote", user)
            created = service.split_theme(s, run, first, [[ids[1]], [ids[2], ids[6]]], user)
            assert created[0].parent_id == first.id and created[0].size == 2
            service.merge_themes(s, run, second, created[0], user)
            assert second.size == 5
            assert run.revision == 8
        log = _audit(ls)
        assert log[log.index("themes_requested") + 1 :] == [
            "theme_renamed",
            "theme_concern_moved",
            "theme_concern_moved",
            "theme_category",
            "theme_category",
            "theme_quote",
            "theme_split",
            "themes_merged",
        ]


def test_moving_a_withdrawn_concern_or_editing_a_discarded_run_changes_nothing(
    app: Flask, ls, admin: User
) -> None:
    with app.app_context():
        ids = [add_concern(ls, f"Concern {n}") for n in range(3)]
        run = stored_run(app, ls, admin, [ids])
        with db.writing() as s:
            concern = s.get(Concern, ids[0])
            concern.status = ConcernStatus.WITHDRAWN
        with pytest.raises(DomainError) as exc, db.writing() as s:
            service.move_concern(s, s.get(ThemeRun, run.id), ids[0], None, admin)
        assert exc.value.code == "concern_not_shown"
        with db.writing() as s:
            service.discard_run(s, s.get(ThemeRun, run.id), admin)
        with pytest.raises(DomainError) as exc, db.writing() as s:
            r = s.get(ThemeRun, run.id)
            service.rename_theme(s, r, r.themes[0], admin, label="New")
        assert exc.value.code == "run_discarded"
        assert db.session.get(ThemeRun, run.id).themes[0].label == "Theme 1"


def test_approval_freezes_text_and_needs_the_current_revision(app: Flask, ls, admin: User) -> None:
    with app.app_context():
        ids = [add_concern(ls, f"Concern {n}", support_count=2) for n in range(4)]
        run = stored_run(app, ls, admin, [ids[:3]], other=[ids[3]])
        with db.writing() as s:
            r = s.get(ThemeRun, run.id)
            service.approve_summary(s, r, 0, admin)
            assert r.approved and r.approved_summary["themes"][0]["quote"] == "Quote 1a"
            assert r.approved_summary["themes"][0]["supporters"] == 9  # 3 posts, 2 taps each
            service.rename_theme(s, r, r.themes[0], admin, label="Renamed")
            assert not r.approved  # a change needs a new approval
        with pytest.raises(DomainError) as exc, db.writing() as s:
            service.approve_summary(s, s.get(ThemeRun, run.id), 0, admin)
        assert exc.value.code == "summary_out_of_date"
        assert "themes_approved" in _audit(ls)


def test_edits_carry_over_where_members_still_match(app: Flask, ls, admin: User) -> None:
    with app.app_context():
        ids = [add_concern(ls, f"Concern {n}") for n in range(8)]
        old = stored_run(app, ls, admin, [ids[:4], ids[4:7]], other=[ids[7]])
        with db.writing() as s:
            r = s.get(ThemeRun, old.id)
            a, b = sorted(r.themes, key=lambda t: t.position)
            service.rename_theme(s, r, a, admin, label="Lights", summary="About lights.")
            service.rename_theme(s, r, b, admin, label="Buses")
            service.move_concern(s, r, ids[7], a.id, admin)
        new = stored_run(app, ls, admin, [ids[:4], [ids[4], ids[7]]], other=ids[5:7])
        with app.app_context():
            r = db.session.get(ThemeRun, new.id)
            labels = sorted(t.label for t in r.themes)
            assert labels == ["Lights", "Theme 2"]
            lights = next(t for t in r.themes if t.label == "Lights")
            assert lights.summary == "About lights." and ids[7] in [
                m.concern_id for m in lights.members
            ]
            assert [n["theme"] for n in r.carry_notes] == ["Buses"]


def test_fold_public_is_the_one_rule() -> None:
    summary = {
        "themes": [
            {"id": "theme-1", "label": "Big", "size": 3, "supporters": 9, "quote": "q"},
            {"id": "theme-2", "label": "Small", "size": 2, "supporters": 4, "quote": "x"},
        ],
        "other": [11],
        "other_supporters": 1,
        "flagged": [12],
        "meta": {"run": 1},
    }
    public = service.fold_public(summary)
    assert [t["label"] for t in public["themes"]] == ["Big"]
    assert public["other"] == {"size": 3, "supporters": 5}
    assert "flagged" not in public and "members" not in public["themes"][0]
    assert public["meta"]["public"] is True


def test_too_few_or_identical_concerns_say_so(app: Flask, ls, admin: User) -> None:
    with app.app_context():
        add_concern(ls, "Only one")
        run = stored_run(app, ls, admin, [])
        assert "Not enough concerns" in run.notice
        for _ in range(3):
            add_concern(ls, "Same thing")
        with db.writing() as s:
            assert s.scalar(select(Theme).where(Theme.run_id == run.id)) is None

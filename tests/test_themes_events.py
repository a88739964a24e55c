"""Theme events: live for every facilitator, refused for participants and displays, and
the display's "What we heard" mode (two clients: a facilitator and a display)."""

from __future__ import annotations

from flask import Flask

from facilitator.extensions import db
from facilitator.theme_models import RunStatus, ThemeRun
from tests.conftest import display_socket, events, participant_socket, staff_socket
from tests.themes_helpers import add_concern, stored_run

EVENTS = [
    "find_themes",
    "cancel_themes",
    "theme_run",
    "edit_theme",
    "approve_themes",
    "discard_themes",
    "display_themes",
    "propose_split",
]


def test_participants_and_displays_get_not_allowed(app: Flask, ls) -> None:
    for sock in (participant_socket(app, ls.code), display_socket(app, ls.code)):
        for name in EVENTS:
            ack = sock.emit(name, {"run_id": 1}, callback=True)
            assert ack["error"]["code"] == "not_allowed", name
    with app.app_context():
        assert db.session.query(ThemeRun).count() == 0


def test_find_themes_twice_starts_one_job_and_both_consoles_hear(app: Flask, ls, staff) -> None:
    first, second = staff_socket(app, staff, ls.id), staff_socket(app, staff, ls.id)
    events(first), events(second)
    ack = first.emit("find_themes", {}, callback=True)
    assert ack["ok"] and ack["job"]["status"] == "queued"
    again = second.emit("find_themes", {}, callback=True)
    assert again["error"]["code"] == "run_in_progress"
    assert [j["status"] for j in events(second, "theme_job")][:1] == ["queued"]
    cancelled = second.emit("cancel_themes", {"run_id": ack["job"]["run_id"]}, callback=True)
    assert cancelled["job"]["status"] == "cancelled"
    with app.app_context():
        assert db.session.get(ThemeRun, ack["job"]["run_id"]).status == RunStatus.CANCELLED


def test_edits_reach_every_console_and_the_display_switches(app: Flask, ls, admin, staff) -> None:
    with app.app_context():
        ids = [add_concern(ls, f"Concern {n}", support_count=2) for n in range(5)]
        run = stored_run(app, ls, admin, [ids[:3], ids[3:4]], other=ids[4:])
        big = next(t.id for t in run.themes if t.key == "theme-1")
    first, second = staff_socket(app, staff, ls.id), staff_socket(app, staff, ls.id)
    display = display_socket(app, ls.code)
    assert events(display, "snapshot")[0]["display"]["mode"] == "concerns"
    events(first), events(second)
    ack = first.emit(
        "edit_theme",
        {"run_id": run.id, "action": "rename", "theme_id": big, "label": "Lights"},
        callback=True,
    )
    assert ack["ok"] and ack["revision"] == 1
    pushed = events(second, "theme_run")
    assert [t["label"] for t in pushed[-1]["themes"] if t["id"] == big] == ["Lights"]
    shown = first.emit("display_themes", {"run_id": run.id}, callback=True)
    assert shown["display"]["mode"] == "themes"
    public = events(display, "display_mode")[-1]["themes"]
    # 9 supporters (3 posts, 2 taps each) is shown; the 3-supporter theme is folded
    # into "other concerns" with the concern that fits no theme.
    assert [t["label"] for t in public["themes"]] == ["Lights"]
    assert public["other"] == {"size": 2, "supporters": 6}
    assert "members" not in public["themes"][0]
    page = app.test_client().get(f"/d/{ls.code}").get_data(as_text=True)
    assert "What we heard" in page and "Lights" in page
    spanish = app.test_client()
    spanish.set_cookie("cg_lang", "es")
    page = spanish.get(f"/d/{ls.code}").get_data(as_text=True)
    assert "Lo que escuchamos" in page and "Otras inquietudes" in page
    first.emit("display_themes", {"run_id": None}, callback=True)
    assert events(display, "display_mode")[-1]["mode"] == "concerns"


def test_approving_an_out_of_date_summary_is_refused(app: Flask, ls, admin, staff) -> None:
    with app.app_context():
        ids = [add_concern(ls, f"Concern {n}") for n in range(3)]
        run = stored_run(app, ls, admin, [ids])
        theme_id = run.themes[0].id
    console = staff_socket(app, staff, ls.id)
    console.emit(
        "edit_theme",
        {"run_id": run.id, "action": "category", "theme_id": theme_id, "category": "T2"},
        callback=True,
    )
    stale = console.emit("approve_themes", {"run_id": run.id, "revision": 0}, callback=True)
    assert stale["error"]["code"] == "summary_out_of_date"
    ok = console.emit("approve_themes", {"run_id": run.id, "revision": 1}, callback=True)
    assert ok["approved"]


def test_the_app_proposes_a_split(app: Flask, ls, admin, staff) -> None:
    texts = [
        "Streetlights are out on our block",
        "Broken street lights make it dark",
        "Fix the street lights please",
        "Police took an hour to come",
        "Slow police response when we call",
        "Nobody came for an hour after the call",
    ]
    with app.app_context():
        ids = [add_concern(ls, text) for text in texts]
        run = stored_run(app, ls, admin, [ids])
        theme_id = run.themes[0].id
    console = staff_socket(app, staff, ls.id)
    ack = console.emit("propose_split", {"run_id": run.id, "theme_id": theme_id}, callback=True)
    assert ack["ok"]
    # Either a partition of the theme into two or more groups, or [] ("tick them
    # yourself"): today's find_themes keeps six short concerns together.
    groups = ack["groups"]
    if groups:
        assert len(groups) >= 2 and sorted(i for g in groups for i in g) == sorted(ids)
    else:
        groups = [ids[:3], ids[3:]]
    split = console.emit(
        "edit_theme",
        {"run_id": run.id, "action": "split", "theme_id": theme_id, "groups": groups},
        callback=True,
    )
    assert split["ok"]

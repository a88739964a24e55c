"""Theme pages: the run view, and the approved summary's JSON, CSV and printable page."""

from __future__ import annotations

import csv
import io
import json

from flask import Flask

from facilitator.extensions import db
from facilitator.services import themes as service
from facilitator.theme_models import ThemeRun
from tests.themes_helpers import add_concern, stored_run


def _approved_run(app: Flask, ls, admin) -> ThemeRun:
    with app.app_context():
        ids = [add_concern(ls, f"Concern {n}", support_count=2) for n in range(5)]
        ids.append(add_concern(ls, '=HYPERLINK("http://x")', support_count=1))
        run = stored_run(app, ls, admin, [ids[:3], ids[3:5]], other=ids[5:])
        with db.writing() as s:
            r = s.get(ThemeRun, run.id)
            theme = next(t for t in r.themes if t.key == "theme-1")
            service.rename_theme(s, r, theme, admin, label="=cmd|' /C calc'!A0", summary="Sum.")
            service.approve_summary(s, r, r.revision, admin)
            first_member = r.members[0].concern_id
        run.first_member = first_member
        return run


def test_run_page_shows_chart_members_and_how_it_was_made(app: Flask, ls, admin, staff) -> None:
    run = _approved_run(app, ls, admin)
    page = staff.get(f"/facilitator/sessions/{ls.id}/themes").get_data(as_text=True)
    assert "<svg" in page and "Other concerns" in page and "backend lexical" in page
    assert f"#concern-{run.first_member}" in page
    assert "style=" not in page and "<script>" not in page
    assert staff.get(f"/facilitator/sessions/{ls.id}/themes/{run.id}").status_code == 200


def test_exports_of_the_approved_summary(app: Flask, ls, admin, staff) -> None:
    run = _approved_run(app, ls, admin)
    base = f"/facilitator/sessions/{ls.id}/themes/{run.id}"
    data = json.loads(staff.get(f"{base}/summary.json").get_data(as_text=True))
    # The stable keys of `python -m analysis themes --format json`, extended.
    assert {"themes", "other", "action_items", "flagged", "meta"} <= set(data)
    theme = data["themes"][0]
    assert {
        "id",
        "label",
        "keywords",
        "members",
        "size",
        "support",
        "supporters",
        "quotes",
        "category",
    } <= set(theme)
    assert theme["summary"] == "Sum." and data["meta"]["backend"] == "lexical"
    rows = list(csv.reader(io.StringIO(staff.get(f"{base}/summary.csv").get_data(as_text=True))))
    assert rows[0][0].lstrip("\ufeff") == "theme"
    assert rows[1][1].startswith("'=")  # formula-safe
    printable = staff.get(f"{base}/print").get_data(as_text=True)
    assert "What we heard" in printable and "Sum." in printable


def test_exports_need_an_approved_summary(app: Flask, ls, admin, staff) -> None:
    with app.app_context():
        ids = [add_concern(ls, f"Concern {n}") for n in range(3)]
        run = stored_run(app, ls, admin, [ids])
    base = f"/facilitator/sessions/{ls.id}/themes/{run.id}"
    assert staff.get(f"{base}/summary.json").status_code == 409


def test_console_has_the_find_themes_panel(app: Flask, ls, staff) -> None:
    page = staff.get(f"/facilitator/sessions/{ls.id}").get_data(as_text=True)
    assert 'id="t-find"' in page and "js/themes.js" in page

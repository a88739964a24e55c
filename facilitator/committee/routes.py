"""Committee pages: the workspace of an initiative, its action items, exports and report."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from facilitator.committee import bp
from facilitator.committee.forms import NO_LEAD, ItemForm, MilestoneForm, StatusForm
from facilitator.errors import DomainError
from facilitator.extensions import db
from facilitator.labels import (
    affiliation_labels,
    item_status_labels,
    owner_labels,
    response_type_labels,
)
from facilitator.models import ActionItem, Initiative, User
from facilitator.services import action_items as items
from facilitator.services import initiatives, reports
from facilitator.services.export import safe_cell


@bp.before_request
@login_required
def _require_login() -> None:
    """Every page here is for signed-in staff; each checks membership of its initiative."""


def _today() -> date:
    return datetime.now(UTC).date()


def _me() -> User:
    return current_user._get_current_object()


def _initiative(initiative_id: int) -> Initiative:
    initiative = initiatives.get_initiative(db.session, initiative_id)
    items.check_committee_member(db.session, initiative, _me())
    return initiative


def _labels() -> dict[str, dict[str, str]]:
    return {
        "status": item_status_labels(),
        "owner": owner_labels(),
        "response": response_type_labels(),
        "affiliation": affiliation_labels(),
    }


@bp.route("/")
def index() -> str:
    mine = [
        i
        for i in initiatives.initiatives_for(db.session, _me())
        if _me().is_admin or _me().is_committee_member
    ]
    return render_template("committee/index.html", initiatives=mine)


@bp.route("/<int:initiative_id>/")
def workspace(initiative_id: int) -> str:
    s = db.session
    initiative = _initiative(initiative_id)
    today = _today()
    return render_template(
        "committee/workspace.html",
        initiative=initiative,
        items=items.items_of(s, initiative),
        queue=items.waiting_queue(s, initiative, today),
        today=today,
        labels=_labels(),
    )


def _item_form(initiative: Initiative, item: ActionItem | None = None) -> ItemForm:
    form = ItemForm(obj=item) if item is not None and request.method == "GET" else ItemForm()
    members = initiatives.members(db.session, initiative)
    form.set_choices([(u.id, u.display_name) for u in members if u.is_active])
    if item is not None and request.method == "GET":
        form.lead.data = item.lead_id or NO_LEAD
        form.response_type.data = item.response_type.value
        form.owner_role.data = item.owner_role.value
    return form


@bp.route("/<int:initiative_id>/items/new", methods=["GET", "POST"])
def item_new(initiative_id: int) -> Response | str:
    initiative = _initiative(initiative_id)
    form = _item_form(initiative)
    if form.validate_on_submit():
        try:
            with db.writing() as s:
                item = items.create_item(s, initiative, form.details(), _me(), _today())
        except DomainError as exc:
            form.title.errors = [*form.title.errors, exc.message]
        else:
            flash(_("Action item proposed."), "success")
            return redirect(url_for("committee.item", initiative_id=initiative.id, item_id=item.id))
    return render_template("committee/item_edit.html", form=form, initiative=initiative, item=None)


@bp.route("/<int:initiative_id>/items/<int:item_id>", methods=["GET", "POST"])
def item(initiative_id: int, item_id: int) -> Response | str:
    initiative = _initiative(initiative_id)
    record = items.get_item(db.session, initiative, item_id)
    form = _item_form(initiative, record)
    if form.validate_on_submit():
        try:
            with db.writing() as s:
                items.update_item(s, record, form.details(), _me())
        except DomainError as exc:
            form.title.errors = [*form.title.errors, exc.message]
        else:
            flash(_("Saved."), "success")
            return redirect(url_for("committee.item", initiative_id=initiative.id, item_id=item_id))
    status_form = StatusForm(formdata=None)
    status_form.set_choices()
    return render_template(
        "committee/item.html",
        initiative=initiative,
        item=record,
        form=form,
        status_form=status_form,
        milestone_form=MilestoneForm(formdata=None),
        feedback=reports.feedback_tallies(db.session, record),
        today=_today(),
        labels=_labels(),
    )


def _back(initiative: Initiative, item_id: int) -> Response:
    return redirect(url_for("committee.item", initiative_id=initiative.id, item_id=item_id))


@bp.route("/<int:initiative_id>/items/<int:item_id>/status", methods=["POST"])
def item_status(initiative_id: int, item_id: int) -> Response:
    initiative = _initiative(initiative_id)
    record = items.get_item(db.session, initiative, item_id)
    form = StatusForm()
    form.set_choices()
    if not form.validate():
        flash(" ".join(e for errors in form.errors.values() for e in errors), "error")
        return _back(initiative, item_id)
    try:
        with db.writing() as s:
            result = items.change_status(
                s,
                record,
                form.status.data,
                _me(),
                why=form.why.data or "",
                progress=form.progress.data,
            )
    except DomainError as exc:
        flash(exc.message, "error")
    else:
        if result.changed:
            flash(_("Status changed."), "success")
        else:
            flash(
                _(
                    "Your sign-off is recorded. It now waits for a member from %(side)s.",
                    side=affiliation_labels()[result.waiting_for.value],
                ),
                "success",
            )
    return _back(initiative, item_id)


@bp.route("/<int:initiative_id>/items/<int:item_id>/milestones", methods=["POST"])
def item_milestone(initiative_id: int, item_id: int) -> Response:
    initiative = _initiative(initiative_id)
    record = items.get_item(db.session, initiative, item_id)
    form = MilestoneForm()
    if not form.validate():
        flash(" ".join(e for errors in form.errors.values() for e in errors), "error")
        return _back(initiative, item_id)
    try:
        with db.writing() as s:
            items.add_milestone(s, record, form.title.data, form.due_on.data, _me())
    except DomainError as exc:
        flash(exc.message, "error")
    else:
        flash(_("Milestone added."), "success")
    return _back(initiative, item_id)


@bp.route("/<int:initiative_id>/items/<int:item_id>/publish", methods=["POST"])
def item_publish(initiative_id: int, item_id: int) -> Response:
    initiative = _initiative(initiative_id)
    record = items.get_item(db.session, initiative, item_id)
    try:
        with db.writing() as s:
            if request.form.get("unpublish"):
                items.unpublish_item(s, record, _me())
                message = _("The item is no longer public.")
            else:
                items.publish_item(s, record, _me(), _today())
                message = _("Published: residents see it on the report-back.")
    except DomainError as exc:
        flash(exc.message, "error")
    else:
        flash(message, "success")
    return _back(initiative, item_id)


@bp.route("/<int:initiative_id>/items.csv")
def items_csv(initiative_id: int) -> Response:
    """The initiative's action items as CSV, safe to open in a spreadsheet."""
    initiative = _initiative(initiative_id)
    today = _today()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(items.ITEM_COLUMNS)
    for record in items.items_of(db.session, initiative):
        row = items.item_row(record, today)
        writer.writerow([safe_cell(row[c]) for c in items.ITEM_COLUMNS])
    response = Response("\ufeff" + out.getvalue(), mimetype="text/csv")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="common-ground-initiative-{initiative.id}-action-items.csv"'
    )
    return response


@bp.route("/<int:initiative_id>/initiative.json")
def initiative_json(initiative_id: int) -> Response:
    """The whole initiative: its sessions and action items with milestones and timelines."""
    initiative = _initiative(initiative_id)
    today = _today()
    data = {
        "initiative": {
            "id": initiative.id,
            "title": initiative.title,
            "title_es": initiative.title_es,
            "description": initiative.description,
            "description_es": initiative.description_es,
        },
        "sessions": [
            {"id": ls.id, "title": ls.title, "status": ls.status.value, "code": ls.code}
            for ls in initiative.sessions
        ],
        "action_items": [
            {
                **items.item_row(record, today),
                "milestones": [
                    {
                        "title": m.title,
                        "title_es": m.title_es,
                        "due_on": m.due_on.isoformat(),
                        "done_on": m.done_on.isoformat() if m.done_on else None,
                    }
                    for m in record.milestones
                ],
                "timeline": items.timeline(record),
            }
            for record in items.items_of(db.session, initiative)
        ],
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    response = Response(json.dumps(data, ensure_ascii=False, indent=2), mimetype="application/json")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="common-ground-initiative-{initiative.id}.json"'
    )
    return response


@bp.route("/<int:initiative_id>/report")
def report(initiative_id: int) -> str:
    """A printable committee report (a print stylesheet; nothing to run)."""
    initiative = _initiative(initiative_id)
    today = _today()
    return render_template(
        "committee/report.html",
        initiative=initiative,
        items=items.items_of(db.session, initiative),
        today=today,
        labels=_labels(),
    )

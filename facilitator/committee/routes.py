"""Committee pages: the workspace of an initiative, its action items, exports and report."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from facilitator.commands.links import index_initiative
from facilitator.committee import bp
from facilitator.committee.forms import (
    NO_LEAD,
    ImportForm,
    ItemForm,
    MilestoneForm,
    StatusForm,
)
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
from facilitator.services import theme_links as links
from facilitator.services.export import safe_cell
from facilitator.theme_models import LinkStatus


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
    every_item = items.items_of(s, initiative)
    answered = {theme.id for item in every_item for theme in item.themes}
    approved = links.by_id(links.approved_themes(s, initiative))
    return render_template(
        "committee/workspace.html",
        initiative=initiative,
        items=every_item,
        queue=items.waiting_queue(s, initiative, today),
        unanswered=[t for t in approved.values() if t.id not in answered],
        n_approved=len(approved),
        today=today,
        labels=_labels(),
    )


def _theme_choices(
    approved: dict[int, links.ApprovedTheme], item: ActionItem | None
) -> list[tuple[int, str]]:
    choices = [
        (t.id, _("%(session)s: %(label)s", session=t.session.title, label=t.label))
        for t in approved.values()
    ]
    for theme in item.themes if item is not None else []:
        if theme.id not in approved:  # its summary was edited or discarded since
            choices.append((theme.id, _("%(label)s (no longer approved)", label=theme.label)))
    return choices


def _item_form(
    initiative: Initiative, item: ActionItem | None = None, draft: items.ItemDetails | None = None
) -> ItemForm:
    source = item if item is not None else draft
    form = ItemForm(obj=source) if source is not None and request.method == "GET" else ItemForm()
    members = initiatives.members(db.session, initiative)
    approved = links.by_id(links.approved_themes(db.session, initiative))
    form.set_choices(
        [(u.id, u.display_name) for u in members if u.is_active], _theme_choices(approved, item)
    )
    if item is not None and request.method == "GET":
        form.lead.data = item.lead_id or NO_LEAD
        form.response_type.data = item.response_type.value
        form.owner_role.data = item.owner_role.value
        form.themes.data = [t.id for t in item.themes]
    elif draft is not None and request.method == "GET":
        form.lead.data = NO_LEAD
        form.themes.data = list(draft.theme_ids or [])
    return form


def _draft(initiative: Initiative) -> items.ItemDetails | None:
    """The analysis's draft for the themes picked on the themes page (``?themes=``)."""
    picked = request.args.getlist("themes", type=int)
    if not picked:
        return None
    approved = links.by_id(links.approved_themes(db.session, initiative))
    chosen = [approved[i] for i in dict.fromkeys(picked) if i in approved]
    if len(chosen) != len(set(picked)):
        flash(_("Some of the chosen themes are no longer approved; they were left out."), "error")
    return items.draft_from_themes(chosen) if chosen else None


@bp.route("/<int:initiative_id>/items/new", methods=["GET", "POST"])
def item_new(initiative_id: int) -> Response | str:
    initiative = _initiative(initiative_id)
    form = _item_form(initiative, draft=_draft(initiative) if request.method == "GET" else None)
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


@bp.route(
    "/<int:initiative_id>/items/<int:item_id>/milestones/<int:milestone_id>/done",
    methods=["POST"],
)
def milestone_done(initiative_id: int, item_id: int, milestone_id: int) -> Response:
    initiative = _initiative(initiative_id)
    record = items.get_item(db.session, initiative, item_id)
    try:
        with db.writing() as s:
            items.complete_milestone(s, record, milestone_id, _me(), _today())
    except DomainError as exc:
        flash(exc.message, "error")
    else:
        flash(_("Milestone marked done."), "success")
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


@bp.route("/<int:initiative_id>/items/import", methods=["GET", "POST"])
def items_import(initiative_id: int) -> Response | str:
    """Propose action items from a CSV in the export's columns (all rows, or none)."""
    initiative = _initiative(initiative_id)
    form = ImportForm()
    if form.validate_on_submit():
        raw = form.file.data.read()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            form.file.errors = [
                _("The file is not UTF-8 text. Save it as CSV UTF-8 and try again.")
            ]
        else:
            try:
                with db.writing() as s:
                    created = items.import_items(s, initiative, text, _me(), _today())
            except DomainError as exc:
                form.file.errors = [exc.message]
            else:
                flash(_("Action items proposed from the file: %(n)s.", n=len(created)), "success")
                return redirect(url_for("committee.workspace", initiative_id=initiative.id))
    return render_template("committee/item_import.html", form=form, initiative=initiative)


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


# --- Themes across sessions ---------------------------------------------------------


def _back_to_themes(initiative: Initiative) -> Response:
    return redirect(url_for("committee.themes", initiative_id=initiative.id))


@bp.route("/<int:initiative_id>/themes")
def themes(initiative_id: int) -> str:
    """The approved summaries side by side, link suggestions, and linked topics charted."""
    s = db.session
    initiative = _initiative(initiative_id)
    blocks = links.approved_themes(s, initiative)
    approved = links.by_id(blocks)
    try:
        chosen = links.ThemeFilter.parse(
            request.args.get("category"), request.args.get("session"), request.args.get("support")
        )
    except DomainError as exc:
        flash(exc.message, "error")
        chosen = links.ThemeFilter()
    every_link = links.links_of(s, initiative)
    sessions = [b.session for b in blocks]
    return render_template(
        "committee/themes.html",
        initiative=initiative,
        blocks=chosen.apply(blocks),
        sessions=sessions,
        chosen=chosen,
        approved=approved,
        suggestions=[
            link
            for link in every_link
            if link.status == LinkStatus.SUGGESTED
            and link.theme_a_id in approved
            and link.theme_b_id in approved
        ],
        topics=links.topics(every_link, approved),
        unindexed=len(links.runs_missing_centroids(s, initiative)),
        categories=links.CATEGORIES,
    )


@bp.route("/<int:initiative_id>/themes/suggest", methods=["POST"])
def themes_suggest(initiative_id: int) -> Response:
    initiative = _initiative(initiative_id)
    added = index_initiative(initiative)
    flash(
        _("New link suggestions: %(n)s.", n=added) if added else _("No new link suggestions."),
        "success",
    )
    return _back_to_themes(initiative)


@bp.route("/<int:initiative_id>/themes/links", methods=["POST"])
def themes_link(initiative_id: int) -> Response:
    """Link two themes by hand, or confirm, reject or undo a link (``link`` and ``decision``)."""
    initiative = _initiative(initiative_id)
    try:
        with db.writing() as s:
            if request.form.get("link"):
                link = links.get_link(s, initiative, request.form.get("link", type=int))
                links.decide(s, initiative, link, request.form.get("decision"), _me())
                confirmed = link.status == LinkStatus.CONFIRMED
            else:
                approved = links.by_id(links.approved_themes(s, initiative))
                links.link_themes(
                    s,
                    initiative,
                    approved,
                    request.form.get("first"),
                    request.form.get("second"),
                    _me(),
                )
                confirmed = True
    except DomainError as exc:
        flash(exc.message, "error")
    else:
        flash(_("The themes are linked.") if confirmed else _("The link is rejected."), "success")
    return _back_to_themes(initiative)


@bp.route("/<int:initiative_id>/themes/<int:theme_id>/spanish", methods=["POST"])
def theme_spanish(initiative_id: int, theme_id: int) -> Response:
    """The committee's Spanish label and summary of an approved theme, for the public page."""
    initiative = _initiative(initiative_id)
    try:
        with db.writing() as s:
            approved = links.by_id(links.approved_themes(s, initiative))
            if theme_id not in approved:
                raise DomainError(
                    "theme_not_approved",
                    _("Choose a theme from the approved summaries of this initiative."),
                )
            links.translate_theme(
                s,
                initiative,
                approved[theme_id],
                request.form.get("label_es", ""),
                request.form.get("summary_es", ""),
                _me(),
            )
    except DomainError as exc:
        flash(exc.message, "error")
    else:
        flash(_("The Spanish version is saved."), "success")
    return redirect(url_for("committee.themes", initiative_id=initiative.id) + f"#theme-{theme_id}")

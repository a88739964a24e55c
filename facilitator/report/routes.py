"""Report-back pages: a closed session's, an initiative's, its Atom feed, and answers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from feedgen.feed import FeedGenerator
from flask import (
    Response,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _

from facilitator.errors import DomainError
from facilitator.extensions import db
from facilitator.labels import hide_reasons, item_status_labels, owner_labels
from facilitator.models import ActionItem, Initiative, ListeningSession, as_utc
from facilitator.privacy import rate_limit_key
from facilitator.ratelimit import hit_device_limit
from facilitator.report import bp
from facilitator.security import device_from_cookie, ensure_device_cookie
from facilitator.services import action_items, reports
from facilitator.services.concerns import moderation_summary
from facilitator.services.resources import support_resources


def localizer() -> Callable[[Any, str], str]:
    """``localized(record, field)``: the Spanish version of a field for a Spanish reader,
    where one was written. The locale is read once per page, not once per field."""
    spanish = str(get_locale() or "en") == "es"

    def localized(record: Any, field: str) -> str:
        if spanish:
            text = getattr(record, f"{field}_es", "")
            if text:
                return text
        return getattr(record, field)

    return localized


def _context(initiative: Initiative | None) -> dict[str, Any]:
    s = db.session
    device = device_from_cookie()
    published = action_items.items_of(s, initiative, public_only=True) if initiative else []
    sessions = reports.reported_sessions(initiative) if initiative else []
    return {
        "initiative": initiative,
        "items": published,
        "heard": reports.heard(s, initiative, sessions, published) if initiative else {},
        "answered": reports.answered_ids(s, published, device),
        "today": datetime.now(UTC).date(),
        "updated": reports.last_updated(s, initiative) if initiative else None,
        "status_labels": item_status_labels(),
        "owner_labels": owner_labels(),
        "localized": localizer(),
    }


def session_report(ls: ListeningSession) -> Response:
    """What a closed session's join link shows: what was heard, what is being done."""
    s = db.session
    html = render_template(
        "report/session.html",
        ls=ls,
        moderation=moderation_summary(s, ls),
        hide_reasons=hide_reasons(),
        resources=[r.to_dict() for r in support_resources(s, ls)],
        **_context(ls.initiative),
    )
    response = make_response(html)
    device = device_from_cookie()
    ensure_device_cookie(response, device.token if device else None)
    return response


@bp.route("/i/<int:initiative_id>")
def initiative(initiative_id: int) -> Response:
    record = reports.public_initiative(db.session, initiative_id)
    html = render_template(
        "report/initiative.html",
        sessions=reports.reported_sessions(record),
        **_context(record),
    )
    response = make_response(html)
    device = device_from_cookie()
    ensure_device_cookie(response, device.token if device else None)
    return response


@bp.route("/i/<int:initiative_id>/items/<int:item_id>/feedback", methods=["POST"])
def feedback(initiative_id: int, item_id: int) -> Response:
    """ "Did this answer your concern?": yes, partly or no, once per device."""
    s = db.session
    record = reports.public_initiative(s, initiative_id)
    item = reports.public_item(s, record, item_id)
    back = request.form.get("back") or url_for("report.initiative", initiative_id=record.id)
    if not back.startswith("/") or back.startswith("//"):
        back = url_for("report.initiative", initiative_id=record.id)
    device = device_from_cookie()
    if device is None:
        flash(_("Your browser did not keep this page's cookie. Please reload the page."), "error")
        return redirect(back + f"#item-{item.id}")
    try:
        # One budget per phone for all report-backs, under the rate-limit key family
        # (never the same value as a stored hash; scope 0 is no session).
        hit_device_limit("feedback", rate_limit_key(device.secret_key, 0, device.token))
        with db.writing() as w:
            counted = reports.answer_feedback(w, item, device, request.form.get("answer"))
    except DomainError as exc:
        flash(exc.message, "error")
    else:
        flash(
            _("Thank you. Your answer is counted.")
            if counted
            else _("You have already answered for this item. Thank you."),
            "success",
        )
    return redirect(back + f"#item-{item.id}")


@bp.route("/i/<int:initiative_id>/feed.atom")
def feed(initiative_id: int) -> Response:
    """An Atom feed of the initiative's public updates, for residents and local press."""
    record = reports.public_initiative(db.session, initiative_id)
    page = url_for("report.initiative", initiative_id=record.id, _external=True)
    generator = FeedGenerator()
    generator.id(page)
    generator.title(record.title)
    generator.link(href=page, rel="alternate")
    generator.link(href=url_for("report.feed", initiative_id=record.id, _external=True), rel="self")
    generator.language(str(get_locale() or "en"))
    updated = reports.last_updated(db.session, record) or record.created_at
    generator.updated(as_utc(updated))
    labels = item_status_labels()
    localized = localizer()
    for item in action_items.items_of(db.session, record, public_only=True):
        entry = generator.add_entry(order="append")
        entry.id(f"{page}#item-{item.id}")
        entry.title(f"{localized(item, 'title')} ({labels[item.status.value]}, {item.progress}%)")
        entry.link(href=f"{page}#item-{item.id}")
        entry.updated(as_utc(item.updated_at))
        entry.published(as_utc(item.published_at or item.created_at))
        entry.content(_entry_text(item, localized), type="text")
    response = Response(generator.atom_str(pretty=True), mimetype="application/atom+xml")
    return response


def _entry_text(item: ActionItem, localized: Callable[[Any, str], str]) -> str:
    parts = [localized(item, "summary"), localized(item, "we_did")]
    if item.decline_reason:
        parts.append(_("Why it was declined:") + " " + localized(item, "decline_reason"))
    return "\n\n".join(p for p in parts if p)

"""The display page. It shows only what the room may see, and no participant identifier."""

from __future__ import annotations

from flask import render_template, url_for

from facilitator.display import bp
from facilitator.extensions import db
from facilitator.labels import hide_reasons
from facilitator.live.payloads import display_payload
from facilitator.services.concerns import moderation_summary, shown_concerns
from facilitator.services.sessions import find_session_by_code
from facilitator.urls import join_url


@bp.route("/d/<code>")
def show(code: str) -> str:
    ls = find_session_by_code(db.session, code)
    return render_template(
        "display/show.html",
        ls=ls,
        prompt=ls.current_prompt,
        concerns=[c.to_public_dict() for c in shown_concerns(db.session, ls)],
        moderation=moderation_summary(db.session, ls),
        hide_reasons=hide_reasons(),
        display=display_payload(ls),
        join_url=join_url(ls.code),
        qr_url=url_for("participant.qr_svg", code=ls.code),
    )

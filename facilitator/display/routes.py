"""The display page. It shows only what the room may see, and no participant identifier.

Its language: ``?show=en``, ``?show=es`` or ``?show=both`` (English with Spanish under
it), else the page's language as for every page. The texts the facilitator wrote are
shown in their Spanish version where there is one.
"""

from __future__ import annotations

from typing import Any

from flask import render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from facilitator.display import bp
from facilitator.extensions import db
from facilitator.i18n import ui_language
from facilitator.labels import display_status_messages, hide_reasons
from facilitator.live.payloads import display_payload
from facilitator.services.concerns import moderation_summary, shown_concerns
from facilitator.services.sessions import find_session_by_code
from facilitator.urls import join_url

SHOW = ("en", "es", "both")
SECOND = "es"  # the language shown under English with ?show=both


def _second_strings() -> dict[str, Any]:
    """The display's own words in the second language (call inside ``force_locale``)."""
    return {
        "status_msgs": display_status_messages(),
        "held": _("%(n)s waiting for review", n="%(n)s"),
        "hidden": _("%(n)s not shown", n="%(n)s"),
        "reasons": hide_reasons(),
        "join": _("Join anonymously"),
        "no_signup": _("No sign-up. Not a police report."),
        "empty": _("Scan the code to share your concern."),
    }


@bp.route("/d/<code>")
def show(code: str) -> str:
    ls = find_session_by_code(db.session, code)
    show = request.args.get("show")
    show = show if show in SHOW else ui_language()
    first = "en" if show == "both" else show
    second = None
    if show == "both":
        with force_locale(SECOND):
            second = _second_strings()
    with force_locale(first):
        return render_template(
            "display/show.html",
            ls=ls,
            prompt=ls.current_prompt,
            concerns=[c.to_public_dict() for c in shown_concerns(db.session, ls)],
            moderation=moderation_summary(db.session, ls),
            hide_reasons=hide_reasons(),
            status_msgs=display_status_messages(),
            display=display_payload(ls),
            first=first,
            second=second,
            second_lang=SECOND if second else None,
            join_url=join_url(ls.code),
            qr_url=url_for("participant.qr_svg", code=ls.code),
        )

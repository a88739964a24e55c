"""Participant pages. Everything works with JavaScript off: plain forms and redirects."""

from __future__ import annotations

from flask import (
    Response,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError

from facilitator.commands.participant import submit_post, submit_support, submit_withdraw
from facilitator.errors import DomainError
from facilitator.extensions import db
from facilitator.i18n import LANG_COOKIE
from facilitator.labels import hide_reasons, status_labels
from facilitator.models import ListeningSession, SessionStatus
from facilitator.participant import bp
from facilitator.privacy import DEVICE_COOKIE, Device, new_client_key
from facilitator.qr import qr_svg
from facilitator.report.routes import session_report
from facilitator.security import csrf_error_page, device_from_cookie, ensure_device_cookie
from facilitator.services.concerns import (
    moderation_summary,
    my_concerns,
    shown_concerns,
    supported_ids,
)
from facilitator.services.resources import support_resources
from facilitator.services.sessions import find_session_by_code
from facilitator.urls import join_url


@bp.route("/", methods=["GET"])
@bp.route("/join", methods=["GET", "POST"])
def join() -> Response | str | tuple[str, int]:
    code = (request.values.get("code") or "").strip()
    if not code:
        return render_template("participant/join.html", code="", error=None)
    try:
        ls = find_session_by_code(db.session, code)
    except DomainError as exc:
        return render_template(
            "participant/join.html", code=code, error=exc.message
        ), exc.http_status
    return redirect(url_for("participant.session", code=ls.code))


def _render_session(
    ls: ListeningSession,
    device: Device | None,
    *,
    draft: str = "",
    error: str | None = None,
    status: int = 200,
) -> Response:
    s = db.session
    html = render_template(
        "participant/session.html",
        ls=ls,
        prompt=ls.current_prompt,
        concerns=[c.to_public_dict() for c in shown_concerns(s, ls)],
        mine=[c.to_author_dict() for c in my_concerns(s, ls, device)] if device else [],
        supported_ids=supported_ids(s, ls, device) if device else set(),
        client_key=new_client_key(),
        text_max=current_app.config["CONCERN_MAX_CHARS"],
        hide_reasons=hide_reasons(),
        moderation=moderation_summary(s, ls),
        resources=[r.to_dict() for r in support_resources(s, ls)],
        status_labels=status_labels(),
        join_url=join_url(ls.code),
        draft=draft,
        error=error,
    )
    response = make_response(html, status)
    ensure_device_cookie(response, device.token if device else None)
    return response


@bp.route("/j/<code>")
def session(code: str) -> Response:
    ls = find_session_by_code(db.session, code)
    if ls.code != code:  # typed in lower case or with a dash: one canonical URL
        return redirect(url_for("participant.session", code=ls.code))
    if ls.status == SessionStatus.CLOSED:
        # The same QR code leads to what was heard and what is being done about it.
        return session_report(ls)
    return _render_session(ls, device_from_cookie())


def _device_or_reload(ls: ListeningSession) -> Device:
    device = device_from_cookie()
    if device is None:
        raise DomainError(
            "no_device", _("Your browser did not keep this page's cookie. Please reload the page.")
        )
    return device


@bp.errorhandler(CSRFError)
def _csrf_error(error: CSRFError) -> Response | tuple[str, int]:
    """A post's form token expired (phone restarted, tab restored): keep what they typed.

    The page is shown again with the draft and a new token; other forms get the app's
    usual "please try again" page.
    """
    if request.endpoint != "participant.post_concern":
        return csrf_error_page()
    ls = find_session_by_code(db.session, request.view_args.get("code", ""))
    message = _("Your page had expired, so your post was not sent yet. Please press Send again.")
    return _render_session(ls, device_from_cookie(), draft=_draft(), error=message, status=400)


def _draft() -> str:
    """What the participant typed, to show again: never more than a post may hold."""
    return request.form.get("text", "")[: current_app.config["CONCERN_MAX_CHARS"]]


@bp.route("/j/<code>/concerns", methods=["POST"])
def post_concern(code: str) -> Response:
    ls = find_session_by_code(db.session, code)
    text = request.form.get("text", "")
    beacon = request.form.get("beacon") == "1"  # sent by quick exit: nobody reads the answer
    try:
        device = _device_or_reload(ls)
        prompt_id = request.form.get("prompt_id", type=int)
        concern, _created = submit_post(
            ls,
            device,
            {"client_key": request.form.get("client_key"), "text": text, "prompt_id": prompt_id},
        )
    except DomainError as exc:
        if beacon:
            return Response(status=exc.http_status)
        # Re-render with what they typed: an error must never cost someone their words.
        message = exc.message
        if len(text) > len(_draft()):
            message += " " + _(
                "Only the first %(limit)s characters are kept below.",
                limit=f"{current_app.config['CONCERN_MAX_CHARS']:,}",
            )
        return _render_session(
            ls, device_from_cookie(), draft=_draft(), error=message, status=exc.http_status
        )
    if beacon:
        return Response(status=204)
    flash(status_labels()[concern.status.value], "success")
    if concern.safety_hold:
        # The page shows its support card (the same one participant.js opens) at once.
        flash("support-card", "support")
    return redirect(url_for("participant.session", code=ls.code) + "#mine")


@bp.route("/j/<code>/concerns/<int:concern_id>/support", methods=["POST"])
def support(code: str, concern_id: int) -> Response:
    ls = find_session_by_code(db.session, code)
    try:
        submit_support(ls, _device_or_reload(ls), concern_id)
        flash(_('Thank you. Your "me too" is counted.'), "success")
    except DomainError as exc:
        flash(exc.message, "error")
    return redirect(url_for("participant.session", code=ls.code) + f"#concern-{concern_id}")


@bp.route("/j/<code>/concerns/<int:concern_id>/withdraw", methods=["POST"])
def withdraw(code: str, concern_id: int) -> Response:
    ls = find_session_by_code(db.session, code)
    try:
        submit_withdraw(ls, _device_or_reload(ls), concern_id)
        flash(_("Your post was withdrawn. It is no longer shown."), "success")
    except DomainError as exc:
        flash(exc.message, "error")
    return redirect(url_for("participant.session", code=ls.code) + "#mine")


@bp.route("/j/<code>/qr.svg", endpoint="qr_svg")
def qr_svg_image(code: str) -> Response:
    ls = find_session_by_code(db.session, code)
    response = make_response(qr_svg(join_url(ls.code)))
    response.mimetype = "image/svg+xml"
    return response


@bp.route("/bye")
def leave() -> Response:
    """Quick exit: a neutral page; the phone forgets its device token and language choice.

    ``?keep=1`` (posts still wait in the phone's outbox) keeps the token, so those posts
    can still be delivered, once, as this phone's.
    """
    response = make_response(render_template("participant/bye.html"))
    if request.args.get("keep") != "1":
        response.delete_cookie(DEVICE_COOKIE, httponly=True, samesite="Lax")
        response.delete_cookie(LANG_COOKIE, httponly=True, samesite="Lax")
    return response

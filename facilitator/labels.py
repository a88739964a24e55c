"""Words shown to people for the codes stored in the database."""

from __future__ import annotations

from flask_babel import gettext as _

from facilitator.models import ConcernStatus, HideReason


def hide_reasons() -> dict[str, str]:
    return {
        HideReason.OFF_TOPIC.value: _("Off topic for this session"),
        HideReason.PERSONAL_INFORMATION.value: _("Contains personal information"),
        HideReason.ABUSIVE.value: _("Abusive or hateful"),
        HideReason.DUPLICATE.value: _("Already said by someone else"),
        HideReason.SPAM.value: _("Spam or advertising"),
        HideReason.OTHER.value: _("Other reason"),
    }


def status_labels() -> dict[str, str]:
    return {
        "sending": _("Sending…"),
        ConcernStatus.HELD.value: _("Received: waiting for review"),
        ConcernStatus.SHOWN.value: _("Shown to the room"),
        ConcernStatus.HIDDEN.value: _("Not shown"),
        ConcernStatus.WITHDRAWN.value: _("Withdrawn by you"),
        ConcernStatus.MERGED.value: _("Shown together with a similar concern"),
    }

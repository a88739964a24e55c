"""The form for creating and editing a listening session."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from facilitator.errors import DomainError
from facilitator.models import ModerationMode
from facilitator.services.initiatives import INITIATIVE_TITLE_MAX
from facilitator.services.sessions import (
    COMPLAINT_CHANNEL_MAX,
    LONG_TEXT_MAX,
    PROMPTS_FIELD_MAX,
    TITLE_MAX,
    check_prompt_translations,
)


def _unix_newlines(value: object) -> object:
    """Browsers send line breaks as CR LF; count each as the one character people see."""
    return value.replace("\r\n", "\n") if isinstance(value, str) else value


LINES = [_unix_newlines]


SPANISH_HINT = _l("Optional. Spanish readers see it instead; without it they see the English.")


class SessionForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=TITLE_MAX)])
    title_es = StringField(
        _l("Title in Spanish"), validators=[Length(max=TITLE_MAX)], description=SPANISH_HINT
    )
    purpose = TextAreaField(
        _l("Purpose"),
        validators=[Length(max=LONG_TEXT_MAX)],
        filters=LINES,
        description=_l("Why this session is held and what will happen with what people say."),
    )
    purpose_es = TextAreaField(
        _l("Purpose in Spanish"),
        validators=[Length(max=LONG_TEXT_MAX)],
        filters=LINES,
        description=SPANISH_HINT,
    )
    ground_rules = TextAreaField(
        _l("Ground rules"), validators=[Length(max=LONG_TEXT_MAX)], filters=LINES
    )
    ground_rules_es = TextAreaField(
        _l("Ground rules in Spanish"),
        validators=[Length(max=LONG_TEXT_MAX)],
        filters=LINES,
        description=SPANISH_HINT,
    )
    complaint_channel = TextAreaField(
        _l("Where to make a formal complaint"),
        validators=[Length(max=COMPLAINT_CHANNEL_MAX)],
        filters=LINES,
        description=_l(
            "Shown under “Help and safety” on every phone: the office, phone number, "
            "address or web page. Leave empty to tell people to ask a facilitator."
        ),
    )
    complaint_channel_es = TextAreaField(
        _l("Where to make a formal complaint, in Spanish"),
        validators=[Length(max=COMPLAINT_CHANNEL_MAX)],
        filters=LINES,
        description=SPANISH_HINT,
    )
    prompts = TextAreaField(
        _l("Prompts"),
        validators=[DataRequired(), Length(max=PROMPTS_FIELD_MAX)],
        filters=LINES,
        description=_l("One question per line. The first one is shown first."),
    )
    prompts_es = TextAreaField(
        _l("Prompts in Spanish"),
        validators=[Length(max=PROMPTS_FIELD_MAX)],
        filters=LINES,
        description=_l(
            "Optional. One line for each prompt above, in the same order. Write a single "
            "dash (-) for a prompt that has no Spanish version."
        ),
    )
    initiative = SelectField(
        _l("Initiative"),
        coerce=int,
        description=_l(
            "The members of the initiative run and review this session. Choose “A new "
            "initiative” to start one."
        ),
    )
    new_initiative = StringField(
        _l("Name of the new initiative"),
        validators=[Optional(), Length(max=INITIATIVE_TITLE_MAX)],
        description=_l("Leave it empty to name the initiative after this session."),
    )
    moderation_mode = RadioField(
        _l("Moderation"),
        choices=[
            SelectChoice(
                ModerationMode.APPROVE_FIRST.value,
                _l("Approve each post before it is shown (recommended)"),
            ),
            SelectChoice(
                ModerationMode.SHOW_IMMEDIATELY.value,
                _l("Show posts at once; hide afterwards if needed"),
            ),
        ],
        default=ModerationMode.APPROVE_FIRST.value,
    )

    def set_initiatives(self, initiatives: list[tuple[int, str]]) -> None:
        """The initiatives this account can put a session in, then "a new initiative"."""
        self.initiative.choices = [
            *(SelectChoice(value, label) for value, label in initiatives),
            SelectChoice(NEW_INITIATIVE, _("A new initiative")),
        ]
        if self.initiative.data is None:
            self.initiative.data = initiatives[0][0] if initiatives else NEW_INITIATIVE

    def prompt_lines(self) -> list[str]:
        return _lines(self.prompts.data)

    def prompt_es_lines(self) -> list[str]:
        """The Spanish versions, position for position; "" for a dash (none)."""
        return ["" if line == NO_TRANSLATION else line for line in _lines(self.prompts_es.data)]

    def validate_prompts_es(self, field: TextAreaField) -> None:
        # The service's rule, shown beside the field before anything is saved.
        try:
            check_prompt_translations(self.prompt_lines(), self.prompt_es_lines())
        except DomainError as exc:
            raise ValidationError(exc.message) from exc


NO_TRANSLATION = "-"
NEW_INITIATIVE = 0  # the initiative field's value for "a new initiative"


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]

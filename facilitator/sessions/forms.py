"""The form for creating and editing a listening session."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, ValidationError

from facilitator.models import ModerationMode


def _unix_newlines(value: object) -> object:
    """Browsers send line breaks as CR LF; count each as the one character people see."""
    return value.replace("\r\n", "\n") if isinstance(value, str) else value


LINES = [_unix_newlines]


class SessionForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    purpose = TextAreaField(
        _l("Purpose"),
        validators=[Length(max=5000)],
        filters=LINES,
        description=_l("Why this session is held and what will happen with what people say."),
    )
    ground_rules = TextAreaField(_l("Ground rules"), validators=[Length(max=5000)], filters=LINES)
    complaint_channel = TextAreaField(
        _l("Where to make a formal complaint"),
        validators=[Length(max=1000)],
        filters=LINES,
        description=_l(
            "Shown under “Help and safety” on every phone: the office, phone number, "
            "address or web page. Leave empty to tell people to ask a facilitator."
        ),
    )
    prompts = TextAreaField(
        _l("Prompts"),
        validators=[DataRequired(), Length(max=20000)],
        filters=LINES,
        description=_l("One question per line. The first one is shown first."),
    )
    prompts_es = TextAreaField(
        _l("Prompts in Spanish"),
        validators=[Length(max=20000)],
        filters=LINES,
        description=_l(
            "Optional. One line for each prompt above, in the same order. Write a single "
            "dash (-) for a prompt that has no Spanish version."
        ),
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

    def prompt_lines(self) -> list[str]:
        return _lines(self.prompts.data)

    def prompt_es_lines(self) -> list[str]:
        """The Spanish versions, position for position; "" for a dash (none)."""
        return ["" if line == NO_TRANSLATION else line for line in _lines(self.prompts_es.data)]

    def validate_prompts_es(self, field: TextAreaField) -> None:
        # Lines are matched by position, so a missing line would pair every later prompt
        # with the wrong translation: refuse rather than guess.
        es, prompts = self.prompt_es_lines(), self.prompt_lines()
        if es and len(es) != len(prompts):
            raise ValidationError(
                _(
                    "Prompts: %(prompts)s. Spanish lines: %(lines)s. Write one Spanish line for "
                    "each prompt, in the same order, or leave the Spanish box empty.",
                    prompts=len(prompts),
                    lines=len(es),
                )
            )


NO_TRANSLATION = "-"


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]

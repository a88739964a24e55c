"""The form for creating and editing a listening session."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length

from facilitator.models import ModerationMode


class SessionForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    purpose = TextAreaField(
        _l("Purpose"),
        validators=[Length(max=5000)],
        description=_l("Why this session is held and what will happen with what people say."),
    )
    ground_rules = TextAreaField(_l("Ground rules"), validators=[Length(max=5000)])
    prompts = TextAreaField(
        _l("Prompts"),
        validators=[DataRequired(), Length(max=20000)],
        description=_l("One question per line. The first one is shown first."),
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
        return [line.strip() for line in (self.prompts.data or "").splitlines() if line.strip()]

"""Sign-in and set-up forms (CSRF-protected by Flask-WTF)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, Optional

from facilitator.services.accounts import PASSWORD_MIN


class LoginForm(FlaskForm):
    username = StringField(_l("Username"), validators=[DataRequired(), Length(max=80)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=1024)])


class ResetForm(FlaskForm):
    password = PasswordField(
        _l("New password"),
        validators=[DataRequired(), Length(max=1024)],
        description=_l("At least 12 characters."),
    )
    confirm = PasswordField(
        _l("Repeat the password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The two passwords differ."))],
    )


class SetupForm(FlaskForm):
    username = StringField(_l("Username"), validators=[DataRequired(), Length(max=80)])
    password = PasswordField(
        _l("Password"),
        validators=[
            DataRequired(),
            # The service's own words, not WTForms' "between 12 and 1024 characters".
            Length(
                min=PASSWORD_MIN,
                message=_l(
                    "Use at least %(n)s characters; a few words strung together work well.",
                    n=PASSWORD_MIN,
                ),
            ),
            Length(max=1024, message=_l("Use at most 1,024 characters.")),
        ],
        description=_l("At least 12 characters."),
    )
    confirm = PasswordField(
        _l("Repeat the password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The two passwords differ."))],
    )
    safety_username = StringField(
        _l("The safety moderator's username (optional)"),
        validators=[Optional(), Length(max=80)],
        description=_l(
            "Posts that may be about self-harm, threats or abuse are held for a safety "
            "moderator: someone from a victim-services partner, never police. Create their "
            "account now, or later under Accounts. Until there is one, every console warns."
        ),
    )
    safety_password = PasswordField(
        _l("Their first password"),
        validators=[Optional(), Length(max=1024)],
        description=_l("At least 12 characters; give it to them privately."),
    )

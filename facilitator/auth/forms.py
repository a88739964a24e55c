"""Sign-in and set-up forms (CSRF-protected by Flask-WTF)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length

from facilitator.services.accounts import PASSWORD_MIN


class LoginForm(FlaskForm):
    username = StringField(_l("Username"), validators=[DataRequired(), Length(max=80)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=1024)])


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

"""Forms for accounts and initiatives (CSRF-protected by Flask-WTF)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from facilitator.models import Affiliation
from facilitator.services.accounts import (
    DISPLAY_NAME_MAX,
    PASSWORD_MAX,
    USERNAME_MAX,
    Roles,
)
from facilitator.services.initiatives import (
    INITIATIVE_DESCRIPTION_MAX,
    INITIATIVE_TITLE_MAX,
    InitiativeDetails,
)

NO_AFFILIATION = ""


class RolesForm(FlaskForm):
    """The roles part, shared by the new-account and edit-account forms."""

    display_name = StringField(
        _l("Name shown to colleagues"), validators=[Optional(), Length(max=DISPLAY_NAME_MAX)]
    )
    is_admin = BooleanField(_l("Administrator: manages accounts and initiatives"))
    is_facilitator = BooleanField(_l("Facilitator: runs listening sessions"), default=True)
    is_safety_moderator = BooleanField(
        _l("Safety moderator: sees posts held for safety (a victim-services partner, never police)")
    )
    is_committee_member = BooleanField(_l("Committee member: reviews themes and action items"))
    affiliation = SelectField(
        _l("Affiliation"),
        choices=[
            SelectChoice(NO_AFFILIATION, _l("None")),
            SelectChoice(Affiliation.POLICE.value, _l("Police")),
            SelectChoice(Affiliation.COMMUNITY.value, _l("Community partner")),
            SelectChoice(Affiliation.CITY.value, _l("City")),
        ],
        default=NO_AFFILIATION,
        description=_l("Required for committee members: whom they speak for."),
    )

    def roles(self) -> Roles:
        return Roles(
            is_admin=self.is_admin.data,
            is_facilitator=self.is_facilitator.data,
            is_safety_moderator=self.is_safety_moderator.data,
            is_committee_member=self.is_committee_member.data,
            affiliation=Affiliation(self.affiliation.data) if self.affiliation.data else None,
        )


class NewAccountForm(RolesForm):
    username = StringField(_l("Username"), validators=[DataRequired(), Length(max=USERNAME_MAX)])
    password = PasswordField(
        _l("First password"),
        validators=[DataRequired(), Length(max=PASSWORD_MAX)],
        description=_l(
            "At least 12 characters. Give it to the person privately; they can be sent a "
            "reset link later instead."
        ),
    )


class InitiativeForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=INITIATIVE_TITLE_MAX)])
    title_es = StringField(
        _l("Title in Spanish"), validators=[Optional(), Length(max=INITIATIVE_TITLE_MAX)]
    )
    description = TextAreaField(
        _l("Description"), validators=[Optional(), Length(max=INITIATIVE_DESCRIPTION_MAX)]
    )
    description_es = TextAreaField(
        _l("Description in Spanish"),
        validators=[Optional(), Length(max=INITIATIVE_DESCRIPTION_MAX)],
    )

    def details(self) -> InitiativeDetails:
        return InitiativeDetails(
            title=self.title.data or "",
            title_es=self.title_es.data or "",
            description=self.description.data or "",
            description_es=self.description_es.data or "",
        )

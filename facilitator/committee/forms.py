"""Forms for action items, their status and milestones (CSRF-protected by Flask-WTF)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import (
    DateField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from facilitator.labels import item_status_labels, owner_labels, response_type_labels
from facilitator.services.action_items import QUOTE_MAX, TEXT_MAX, TITLE_MAX, WHY_MAX, ItemDetails

NO_LEAD = 0


def _choices(labels: dict[str, str]) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in labels.items()]


class MultiCheckboxField(SelectMultipleField):
    """Several choices as checkboxes (WTForms' documented recipe)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class ItemForm(FlaskForm):
    title = StringField(_l("What will be done"), validators=[DataRequired(), Length(max=TITLE_MAX)])
    title_es = StringField(_l("In Spanish"), validators=[Optional(), Length(max=TITLE_MAX)])
    summary = TextAreaField(
        _l("You said: what residents said, without names or details that identify anyone"),
        validators=[Optional(), Length(max=TEXT_MAX)],
    )
    summary_es = TextAreaField(
        _l("You said, in Spanish"), validators=[Optional(), Length(max=TEXT_MAX)]
    )
    quote = TextAreaField(
        _l("One quote (optional)"),
        validators=[Optional(), Length(max=QUOTE_MAX)],
        description=_l("Names, numbers and addresses in it are replaced before it is saved."),
    )
    response_type = SelectField(_l("Response"))
    owner_role = SelectField(_l("Owner"))
    lead = SelectField(_l("Lead"), coerce=int)
    due_on = DateField(_l("Due date"), validators=[Optional()])
    we_did = TextAreaField(
        _l("We did: what has been done, for residents"),
        validators=[Optional(), Length(max=TEXT_MAX)],
    )
    we_did_es = TextAreaField(
        _l("We did, in Spanish"), validators=[Optional(), Length(max=TEXT_MAX)]
    )
    themes = MultiCheckboxField(
        _l("Themes it answers"),
        coerce=int,
        validators=[Optional()],
        description=_l(
            "Approved themes of this initiative's sessions. None: an item from scratch."
        ),
    )

    def set_choices(
        self, members: list[tuple[int, str]], themes: list[tuple[int, str]] | None = None
    ) -> None:
        self.themes.choices = [SelectChoice(i, label) for i, label in themes or []]
        self.response_type.choices = _choices(response_type_labels())
        self.owner_role.choices = _choices(owner_labels())
        self.lead.choices = [
            SelectChoice(NO_LEAD, _l("Nobody yet")),
            *(SelectChoice(i, name) for i, name in members),
        ]

    def details(self) -> ItemDetails:
        return ItemDetails(
            title=self.title.data or "",
            title_es=self.title_es.data or "",
            summary=self.summary.data or "",
            summary_es=self.summary_es.data or "",
            quote=self.quote.data or "",
            response_type=self.response_type.data,
            owner_role=self.owner_role.data,
            lead_id=self.lead.data or None,
            due_on=self.due_on.data,
            we_did=self.we_did.data or "",
            we_did_es=self.we_did_es.data or "",
            theme_ids=list(self.themes.data or []),
        )


class StatusForm(FlaskForm):
    status = SelectField(_l("New status"))
    why = TextAreaField(
        _l("Why (public once the item is published)"),
        validators=[Optional(), Length(max=WHY_MAX)],
    )
    progress = IntegerField(
        _l("Progress (%)"), validators=[Optional(), NumberRange(min=0, max=100)]
    )

    def set_choices(self) -> None:
        self.status.choices = _choices(item_status_labels())


class MilestoneForm(FlaskForm):
    title = StringField(_l("Milestone"), validators=[DataRequired(), Length(max=TITLE_MAX)])
    due_on = DateField(_l("Date"), validators=[DataRequired()])


class ImportForm(FlaskForm):
    file = FileField(
        _l("CSV file of action items"),
        validators=[
            FileRequired(_l("Choose a CSV file.")),
            FileAllowed(["csv"], _l("The file must be a .csv file.")),
        ],
        description=_l(
            "The columns of the action items export. Each row becomes a proposed item; "
            "status and sign-offs are given in the app."
        ),
    )

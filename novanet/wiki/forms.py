"""Wiki forms (WTForms); rules live in the services, forms only carry input."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField, TextAreaField
from wtforms.validators import Length, Optional

from novanet.wiki.models import MAX_SUMMARY, MAX_TITLE


class Needed:
    """Marks a field required in the page (the service gives the error, in one place)."""

    field_flags = {"required": True}

    def __call__(self, form, field):
        return None


class EditForm(FlaskForm):
    title = StringField(_l("Title"), validators=[Needed(), Length(max=MAX_TITLE)])
    body = TextAreaField(_l("Text"), description=_l(
        "Markdown. Link to another page of this wiki with [[Page title]] or "
        "[[Page title|text to show]]."))
    summary = StringField(_l("Edit summary"), validators=[Optional(), Length(max=MAX_SUMMARY)],
                          description=_l("Briefly, what did you change and why?"))
    base_revision = HiddenField()


class RenameForm(FlaskForm):
    title = StringField(_l("New title"), validators=[Needed(), Length(max=MAX_TITLE)],
                        description=_l("The old title keeps working and leads here."))
    summary = StringField(_l("Reason"), validators=[Optional(), Length(max=MAX_SUMMARY)])

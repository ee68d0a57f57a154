"""Moderation forms: the rules live in services; forms collect input and show errors."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import Length


class ReportForm(FlaskForm):
    reason = TextAreaField(_l("What is wrong?"), validators=[Length(max=5000)],
                           description=_l("Tell the moderators briefly why this breaks the "
                                          "rules. They will see your name."))


class ResolveForm(FlaskForm):
    action = StringField(_l("Action"), validators=[Length(max=20)])
    reason = TextAreaField(_l("Reason"), validators=[Length(max=2000)],
                           description=_l("Recorded in the audit log; the reporter sees the "
                                          "outcome."))


class SuspendForm(FlaskForm):
    reason = StringField(_l("Reason"), validators=[Length(max=2000)],
                         description=_l("Recorded in the audit log and shown to other "
                                        "administrators."))

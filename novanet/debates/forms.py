"""Debate forms. The services hold the rules (lengths, emptiness); forms collect and show errors."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField, TextAreaField


class DebateForm(FlaskForm):
    title = StringField(_l("Title"), description=_l("A question or a proposal, in one line."))
    body = TextAreaField(_l("Opening post"),
                         description=_l("Explain the situation and what you want to learn. "
                                        "Markdown is allowed."))
    tags = StringField(_l("Tags"), description=_l("Up to 10, separated by commas, "
                                                  "for example: open-data, procurement"))


class ReplyForm(FlaskForm):
    body = TextAreaField(_l("Your reply"), description=_l("Markdown is allowed. Mention a "
                                                          "colleague with @username."))
    reply_to = HiddenField()


class EditPostForm(FlaskForm):
    body = TextAreaField(_l("Post"))


class CloseForm(FlaskForm):
    conclusion = TextAreaField(_l("Conclusion"),
                               description=_l("What did the debate agree on? Others will reuse "
                                              "it. Markdown is allowed."))

"""Blog forms. Rules live in services; forms only collect and show field errors."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional


class PostForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    group = SelectField(_l("Blog"), choices=[], validate_choice=False,
                        description=_l("Your own blog, or a group you are a member of."))
    summary = TextAreaField(_l("Summary"), validators=[Optional(), Length(max=500)],
                            description=_l("One or two sentences shown in lists and feeds."))
    body = TextAreaField(_l("Post"), validators=[Length(max=100_000)],
                         description=_l("Markdown: **bold**, _italics_, [links](https://…), "
                                        "lists and headings starting with ##."))
    tags = StringField(_l("Tags"), validators=[Optional(), Length(max=500)],
                       description=_l("Separated by commas, for example: open-data, procurement"))
    slug = StringField(_l("Web address"), validators=[Optional(), Length(max=120)],
                       description=_l("Left empty, it is made from the title."))
    cover = FileField(_l("Cover image"),
                      description=_l("PNG, JPEG, WebP or GIF, up to 5 MB."))
    status = RadioField(_l("Publishing"), default="draft", choices=[
        SelectChoice("draft", _l("Save as draft (only you can see it)")),
        SelectChoice("published", _l("Publish now")),
        SelectChoice("scheduled", _l("Schedule for a later time")),
    ])
    publish_at = DateTimeLocalField(_l("Publish at"), format="%Y-%m-%dT%H:%M",
                                    validators=[Optional()],
                                    description=_l("Only for scheduled posts, in your time zone."))
    comments_closed = BooleanField(_l("Close comments"))


class CommentForm(FlaskForm):
    body = TextAreaField(_l("Your comment"), validators=[DataRequired(), Length(max=20_000)],
                         description=_l("Markdown is allowed."))
    parent = StringField(validators=[Optional()])


class ImageForm(FlaskForm):
    image = FileField(_l("Image"), description=_l("PNG, JPEG, WebP or GIF, up to 5 MB."))
    as_cover = BooleanField(_l("Use as the cover image"))

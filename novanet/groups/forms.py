"""Group forms. The rules live in the services; forms collect input and show field errors."""

from babel import Locale
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, Optional

from novanet.accounts.profiles import country_codes

VISIBILITY_CHOICES = [
    SelectChoice("public", _l("Public: anyone can see it and its content; anyone can join")),
    SelectChoice("private", _l("Private: listed, but content is for members; joining needs "
                               "approval")),
    SelectChoice("secret", _l("Secret: invisible to non-members; joining by invitation only")),
]


def country_choices() -> list[SelectChoice]:
    names = Locale.parse(str(get_locale())).territories
    options = sorted((SelectChoice(code, names.get(code, code)) for code in country_codes()),
                     key=lambda item: item.label)
    return [SelectChoice("", _l("No particular country"))] + options


class GroupForm(FlaskForm):
    name = StringField(_l("Name"), validators=[Length(max=500)],
                       description=_l("3 to 120 characters, e.g. “Datos abiertos municipales”."))
    slug = StringField(_l("Web address"), validators=[Optional(), Length(max=200)],
                       description=_l("Lowercase letters, digits and hyphens. Leave empty to "
                                      "make one from the name."))
    description = TextAreaField(_l("Description"), validators=[Length(max=50_000)],
                                description=_l("What the group is for and who should join. "
                                               "You can use Markdown."))
    tags = StringField(_l("Topics"), validators=[Length(max=1000)],
                       description=_l("Up to 10 tags separated by commas, e.g. open-data, "
                                      "transparency."))
    country = SelectField(_l("Country"), choices=[SelectChoice("")], validate_choice=False)
    region = StringField(_l("Region or city"), validators=[Length(max=500)])
    visibility = RadioField(_l("Who can see and join"), choices=VISIBILITY_CHOICES,
                            default="public", validate_choice=False)
    cover = FileField(_l("Cover image"),
                      description=_l("PNG, JPEG or WebP. Shown wide at the top of the group."))
    remove_cover = BooleanField(_l("Remove the current cover image"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.country.choices = country_choices()

    def data_for_service(self) -> dict:
        return {"name": self.name.data, "slug": (self.slug.data or "").strip() or None,
                "description": self.description.data or "", "tags": self.tags.data or "",
                "country": self.country.data or None, "region": self.region.data or "",
                "visibility": self.visibility.data}


class RequestForm(FlaskForm):
    message = TextAreaField(_l("Message to the moderators"), validators=[Length(max=5000)],
                            description=_l("Optional: who you are and why you want to join."))


class InviteForm(FlaskForm):
    username = StringField(_l("Username"), validators=[Length(max=100)])
    email = EmailField(_l("Or an e-mail address"), validators=[Length(max=254)],
                       description=_l("For colleagues who are not on NovaNet yet. The link "
                                      "expires after two weeks."))


class ReasonForm(FlaskForm):
    reason = StringField(_l("Reason"), validators=[Length(max=2000)],
                         description=_l("Recorded in the audit log."))


class TransferForm(FlaskForm):
    username = StringField(_l("Username of the new owner"), validators=[Length(max=100)],
                           description=_l("They must already be a member. You stay on as "
                                          "moderator."))


class DeleteForm(FlaskForm):
    confirm = StringField(_l("Type the group's web address to confirm"),
                          validators=[Length(max=200)])
    reason = StringField(_l("Reason"), validators=[Length(max=2000)])


class ActionForm(FlaskForm):
    action = HiddenField()
    reason = StringField(_l("Reason"), validators=[Length(max=2000)])

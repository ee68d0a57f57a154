"""Account forms. Rules live in services; forms only collect and show field errors."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    EmailField,
    PasswordField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length


class RegisterForm(FlaskForm):
    username = StringField(_l("Username"), validators=[DataRequired(), Length(max=32)],
                           description=_l("3 to 32 letters, digits or underscores. "
                                          "Shown in your profile address."))
    display_name = StringField(_l("Full name"), validators=[DataRequired(), Length(max=80)])
    email = EmailField(_l("Work e-mail"), validators=[DataRequired(), Length(max=254)],
                       description=_l("Use your institutional address to get the "
                                      "verified public employee mark."))
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=128)],
                             description=_l("At least 12 characters. A few unrelated words "
                                            "make a strong, memorable password."))


class LoginForm(FlaskForm):
    login = StringField(_l("Username or e-mail"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=128)])
    remember = BooleanField(_l("Keep me logged in on this device"))


class EmailForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Length(max=254)])


class ResetPasswordForm(FlaskForm):
    password = PasswordField(_l("New password"), validators=[DataRequired(), Length(max=128)],
                             description=_l("At least 12 characters."))


class TwoFactorForm(FlaskForm):
    code = StringField(_l("Six-digit code from your authenticator app"),
                       validators=[DataRequired(), Length(min=6, max=8)])


LEVEL_LABELS = {
    "local": _l("Local"),
    "regional": _l("Regional"),
    "national": _l("National"),
    "international": _l("International"),
}


class ProfileForm(FlaskForm):
    # Choices are not checked here: the profile service validates and words the errors.
    display_name = StringField(_l("Full name"), validators=[DataRequired(), Length(max=200)])
    position = StringField(_l("Position"), validators=[Length(max=500)],
                           description=_l("For example: Head of the Digital Services Unit."))
    organisation = StringField(_l("Administration or organisation"),
                               validators=[Length(max=500)])
    level = SelectField(_l("Level of administration"), validate_choice=False)
    country = SelectField(_l("Country"), validate_choice=False)
    city = StringField(_l("City"), validators=[Length(max=500)])
    expertise = StringField(_l("Areas of expertise"), validators=[Length(max=2000)],
                            description=_l("Separate them with commas, for example: open data, "
                                           "public procurement."))
    bio = TextAreaField(_l("About you"),
                        description=_l("Markdown is allowed. Up to 20,000 characters."))
    links = TextAreaField(_l("Links"), validators=[Length(max=5000)],
                          description=_l("Up to 5 web addresses starting with https://, one per "
                                         "line."))


class AvatarForm(FlaskForm):
    avatar = FileField(_l("Profile picture"),
                       description=_l("A PNG, JPEG or WebP image of up to 2 MB. It is cropped "
                                      "to a square."))


class ChangeEmailForm(FlaskForm):
    email = EmailField(_l("New e-mail address"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Current password"), validators=[DataRequired(), Length(max=128)])


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(_l("Current password"),
                                     validators=[DataRequired(), Length(max=128)])
    password = PasswordField(_l("New password"), validators=[DataRequired(), Length(max=128)],
                             description=_l("At least 12 characters. Your other devices will be "
                                            "logged out."))


class PreferencesForm(FlaskForm):
    locale = SelectField(_l("Language"), validate_choice=False)
    timezone = SelectField(_l("Time zone"), validate_choice=False,
                           description=_l("Dates and times are shown in this time zone."))


class EnableTwoFactorForm(FlaskForm):
    code = StringField(_l("Six-digit code from your authenticator app"),
                       validators=[DataRequired(), Length(max=12)])


class DisableTwoFactorForm(FlaskForm):
    password = PasswordField(_l("Current password"), validators=[DataRequired(), Length(max=128)])
    code = StringField(_l("Six-digit code from your authenticator app"),
                       validators=[DataRequired(), Length(max=12)])


class TokenForm(FlaskForm):
    name = StringField(_l("Token name"), validators=[DataRequired(), Length(max=200)],
                       description=_l("Say what will use it, for example: weekly report script."))


class DeleteAccountForm(FlaskForm):
    content = RadioField(
        _l("What should happen to what you published?"), validate_choice=False,
        choices=[SelectChoice("keep", _l("Keep it, shown as written by “deleted member”")),
                 SelectChoice("remove", _l("Remove my contributions"))])
    password = PasswordField(_l("Current password"), validators=[DataRequired(), Length(max=128)])

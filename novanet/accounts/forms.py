"""Account forms. Rules live in services; forms only collect and show field errors."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, StringField
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

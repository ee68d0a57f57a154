"""Forms of the networking pages. Rules live in services."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length


class DomainForm(FlaskForm):
    domain = StringField(_l("Domain"), validators=[DataRequired(), Length(max=253)],
                         description=_l("For example madrid.es. Addresses on its subdomains "
                                        "(such as x.madrid.es) count too."))
    label = StringField(_l("Institution"), validators=[Length(max=160)])

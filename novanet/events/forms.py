"""Forms of the events pages (the rules themselves live in the services)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    DecimalField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from novanet.core.i18n import COMMON_TIMEZONES

FORMAT = "%Y-%m-%dT%H:%M"


def type_choices():
    return [SelectChoice("congress", _l("Congress")),
            SelectChoice("lab", _l("Government lab session")),
            SelectChoice("webinar", _l("Webinar")), SelectChoice("meetup", _l("Meetup"))]


class EventForm(FlaskForm):
    type = SelectField(_l("Kind of event"), choices=type_choices(), validators=[DataRequired()])
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    description = TextAreaField(_l("Description"), validators=[Length(max=50_000)],
                                description=_l("Markdown: **bold**, lists, links."))
    challenge = TextAreaField(_l("Challenge statement"), validators=[Length(max=20_000)],
                              description=_l("For lab sessions: the problem participants "
                                             "will work on."))
    timezone = SelectField(_l("Time zone"), choices=[SelectChoice(z, z) for z in COMMON_TIMEZONES],
                           validators=[DataRequired()],
                           description=_l("Dates below are in this time zone."))
    starts_at = DateTimeLocalField(_l("Starts"), format=FORMAT, validators=[DataRequired()])
    ends_at = DateTimeLocalField(_l("Ends"), format=FORMAT, validators=[DataRequired()])
    mode = RadioField(_l("Where"), default="in_person", choices=[
        SelectChoice("in_person", _l("In person")), SelectChoice("online", _l("Online")),
        SelectChoice("hybrid", _l("Hybrid"))])
    venue = StringField(_l("Venue"), validators=[Length(max=200)])
    address = StringField(_l("Address"), validators=[Length(max=300)])
    city = StringField(_l("City"), validators=[Length(max=120)])
    country = StringField(_l("Country code"), validators=[Optional(), Length(min=2, max=2)],
                          description=_l("Two letters, e.g. ES, PT, MX."))
    online_url = StringField(_l("Joining link"), validators=[Length(max=500)],
                             description=_l("Shown only to confirmed attendees."))
    capacity = IntegerField(_l("Seats"), default=50, validators=[DataRequired()])
    hours = DecimalField(_l("Training hours"), places=1, validators=[Optional()],
                         description=_l("Printed on certificates of attendance."))
    registration_opens_at = DateTimeLocalField(_l("Registration opens"), format=FORMAT,
                                               validators=[Optional()])
    registration_closes_at = DateTimeLocalField(_l("Registration closes"), format=FORMAT,
                                                validators=[Optional()])
    organisers = StringField(_l("Other organisers"), validators=[Length(max=500)],
                             description=_l("Usernames separated by commas."))

    def data_for_service(self) -> dict:
        data = {name: getattr(self, name).data for name in (
            "type", "title", "description", "challenge", "timezone", "starts_at", "ends_at",
            "mode", "venue", "address", "city", "country", "online_url", "capacity",
            "registration_opens_at", "registration_closes_at")}
        data["hours"] = float(self.hours.data) if self.hours.data is not None else None
        data["organisers"] = [n for n in (self.organisers.data or "").split(",") if n.strip()]
        return data


class SessionForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    description = TextAreaField(_l("Description"), validators=[Length(max=20_000)])
    starts_at = DateTimeLocalField(_l("Starts"), format=FORMAT, validators=[DataRequired()])
    ends_at = DateTimeLocalField(_l("Ends"), format=FORMAT, validators=[DataRequired()])
    room = StringField(_l("Room"), validators=[Length(max=120)])
    track = StringField(_l("Track"), validators=[Length(max=120)])
    capacity = IntegerField(_l("Seats"), validators=[Optional(), NumberRange(min=1)])
    speakers = StringField(_l("Speakers"), validators=[Length(max=1000)],
                           description=_l("Separated by commas; @username for members."))


class RsvpForm(FlaskForm):
    status = RadioField(_l("Your answer"), choices=[
        SelectChoice("going", _l("Going")), SelectChoice("maybe", _l("Maybe")),
        SelectChoice("not_going", _l("Not going"))])
    public = BooleanField(_l("Show my name in the public list of attendees"))
    note = StringField(_l("Anything the organisers should know"), validators=[Length(max=500)],
                       description=_l("Accessibility or dietary needs. Deleted after the event."))


class CheckInForm(FlaskForm):
    code = StringField(_l("Personal code"), validators=[DataRequired(), Length(max=40)],
                       description=_l("Scan the attendee's QR code or type the 10 characters."))


class AnnounceForm(FlaskForm):
    subject = StringField(_l("Subject"), validators=[DataRequired(), Length(max=150)])
    body = TextAreaField(_l("Message"), validators=[DataRequired(), Length(max=5000)])

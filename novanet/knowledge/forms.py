"""HTML forms of the knowledge bank. They only carry input: the services validate it, so the
browser, the API and the tests meet the same rules and messages."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    FieldList,
    Form,
    FormField,
    MultipleFileField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice

from novanet.knowledge.vocab import CATEGORY_GROUPS, COUNTRIES, LEVELS, PROJECT_STATUSES


class Required:
    """Marks a field as required for the label and screen readers; the service checks it."""

    field_flags = {"required": True}

    def __call__(self, form, field):
        return None


DATE = {"type": "date"}
NUMBER = {"inputmode": "decimal", "autocomplete": "off"}


def _options(pairs) -> list[SelectChoice]:
    return [SelectChoice(value, str(label)) for value, label in pairs]


def _countries():
    named = sorted(((c, str(n)) for c, n in COUNTRIES.items()), key=lambda pair: pair[1])
    return _options([("", _l("Choose a country")), *named])


def _levels():
    return _options([("", _l("Choose a level")), *LEVELS.items()])


def _categories():
    choices = [SelectChoice("", str(_l("Choose a category")))]
    for _code, group_label, items in CATEGORY_GROUPS:
        choices += [SelectChoice(code, str(label), optgroup=str(group_label))
                    for code, label in items]
    return choices


class IndicatorRow(Form):
    name = StringField(_l("Indicator"))
    value = StringField(_l("Value"), render_kw=NUMBER,
                        description=_l("A number, for example 1250 or 87.5."))
    unit = StringField(_l("Unit"), description=_l("For example: procedures, %, days, euros."))
    measured_on = StringField(_l("Date of the measurement"), render_kw=DATE,
                              description=_l("YYYY-MM-DD"))


class PracticeForm(FlaskForm):
    administration = StringField(_l("Administration"), [Required()],
                                 description=_l("For example: Ayuntamiento de Zaragoza."))
    level = SelectField(_l("Level of government"), [Required()], validate_choice=False)
    country = SelectField(_l("Country"), [Required()], validate_choice=False)
    title = StringField(_l("Title of the practice"), [Required()])
    category = SelectField(_l("Category"), [Required()], validate_choice=False)
    tags = StringField(_l("Tags"), description=_l("Comma-separated, for example: open-data, "
                                                  "one-stop-shop."))
    department = StringField(_l("Responsible department"))
    responsible_person = StringField(_l("Responsible person"))
    objectives = TextAreaField(_l("Objectives"), [Required()])
    target_group = StringField(_l("Target group"),
                               description=_l("Who benefits: residents, companies, staff…"))
    description = TextAreaField(_l("Description"), [Required()],
                                description=_l("What you did and how. Markdown formatting is "
                                               "allowed."))
    resources = TextAreaField(_l("Resources"), description=_l("People, tools and time it took."))
    budget = StringField(_l("Budget"), render_kw=NUMBER, description=_l("An amount, for example "
                                                                        "120000."))
    currency = StringField(_l("Currency"), default="EUR",
                           description=_l("Three letters: EUR, BRL, MXN, COP…"))
    funding_source = StringField(_l("Funding source"))
    indicators = FieldList(FormField(IndicatorRow), min_entries=3, max_entries=20)
    start_date = StringField(_l("Start date"), render_kw=DATE, description=_l("YYYY-MM-DD"))
    end_date = StringField(_l("End date"), render_kw=DATE,
                           description=_l("YYYY-MM-DD. Leave empty if it is still running."))
    links = TextAreaField(_l("Links"), description=_l("One web address per line."))
    attachments = MultipleFileField(
        _l("PDF documents"), description=_l("PDF only, up to 10 MB each."),
        render_kw={"accept": "application/pdf,.pdf"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.level.choices = _levels()
        self.country.choices = _countries()
        self.category.choices = _categories()

    def service_data(self) -> dict:
        names = ("administration", "level", "country", "title", "category", "tags", "department",
                 "responsible_person", "objectives", "target_group", "description", "resources",
                 "budget", "currency", "funding_source", "start_date", "end_date", "links")
        data = {name: getattr(self, name).data for name in names}
        data["indicators"] = [dict(row) for row in self.indicators.data]
        return data


class ReviewForm(FlaskForm):
    action = RadioField(_l("Decision"), [Required()], validate_choice=False)
    message = TextAreaField(_l("Message to the author"),
                            description=_l("Required when asking for changes or rejecting."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.action.choices = _options([("publish", _l("Publish")),
                                        ("request_changes", _l("Ask for changes")),
                                        ("reject", _l("Reject"))])


class CommentForm(FlaskForm):
    body = TextAreaField(_l("Your comment"), [Required()])


class AdoptionForm(FlaskForm):
    administration = StringField(_l("Your administration"), [Required()])
    level = SelectField(_l("Level of government"), [Required()], validate_choice=False)
    country = SelectField(_l("Country"), [Required()], validate_choice=False)
    adopted_on = StringField(_l("Date of adoption"), render_kw=DATE, description=_l("YYYY-MM-DD"))
    result = TextAreaField(_l("Your result"), [Required()],
                           description=_l("What changed for you, with figures if you have them."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.level.choices = _levels()
        self.country.choices = _countries()


class MilestoneRow(Form):
    title = StringField(_l("Milestone"))
    due_on = StringField(_l("Due date"), render_kw=DATE, description=_l("YYYY-MM-DD"))
    done = BooleanField(_l("Reached"))


class ProjectForm(FlaskForm):
    title = StringField(_l("Project name"), [Required()])
    administration = StringField(_l("Administration"), [Required()])
    country = SelectField(_l("Country"), [Required()], validate_choice=False)
    strategy_line = StringField(_l("Strategy line"), [Required()],
                                description=_l("For example: Digital services, Data, "
                                               "Simplification."))
    agency = StringField(_l("Agency"), [Required()],
                         description=_l("The body that carries out the project."))
    liaison_officer = StringField(_l("Liaison officer"))
    status = SelectField(_l("Status"), [Required()], validate_choice=False)
    start_date = StringField(_l("Start date"), render_kw=DATE, description=_l("YYYY-MM-DD"))
    end_date = StringField(_l("End date"), render_kw=DATE, description=_l("YYYY-MM-DD"))
    description = TextAreaField(_l("Description"), description=_l("Markdown formatting is "
                                                                  "allowed."))
    milestones = FieldList(FormField(MilestoneRow), min_entries=3, max_entries=30)
    lessons_learned = TextAreaField(_l("Lessons learned"))
    success_stories = TextAreaField(_l("Success stories"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.country.choices = _countries()
        self.status.choices = _options(PROJECT_STATUSES.items())

    def service_data(self) -> dict:
        names = ("title", "administration", "country", "strategy_line", "agency",
                 "liaison_officer", "status", "start_date", "end_date", "description",
                 "lessons_learned", "success_stories")
        data = {name: getattr(self, name).data for name in names}
        data["milestones"] = [dict(row) for row in self.milestones.data]
        return data


class IndicatorForm(FlaskForm):
    name = StringField(_l("Indicator"), [Required()])
    unit = StringField(_l("Unit"))
    target = StringField(_l("Target value"), render_kw=NUMBER)


class ValueForm(FlaskForm):
    year = StringField(_l("Year"), [Required()], render_kw={"inputmode": "numeric"})
    quarter = SelectField(_l("Quarter"), [Required()], validate_choice=False)
    value = StringField(_l("Value"), [Required()], render_kw=NUMBER)
    note = StringField(_l("Note"))
    replace = BooleanField(_l("Replace the value if this quarter was already reported"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.quarter.choices = _options([
            ("1", _l("Q1 (January–March)")), ("2", _l("Q2 (April–June)")),
            ("3", _l("Q3 (July–September)")), ("4", _l("Q4 (October–December)"))])


class EditorForm(FlaskForm):
    username = StringField(_l("Username"), [Required()])

"""Knowledge bank API: practices (catalogue, submission, review, adoptions) and projects
(indicators and their quarterly values). Thin: policy and services do the work."""

from flask import Blueprint, jsonify
from flask_login import current_user
from sqlalchemy import select

from novanet.api.schema import dump, endpoint, page_of
from novanet.core.errors import Forbidden, Invalid
from novanet.core.pagination import paginate
from novanet.extensions import csrf, db
from novanet.knowledge import catalogue, policy, projects, services
from novanet.knowledge.models import Adoption, IndicatorValue, Practice, Project, ProjectIndicator
from novanet.knowledge.schemas import (
    AdoptionIn,
    AdoptionOut,
    PracticeFields,
    PracticeIn,
    PracticeOut,
    PracticeQuery,
    ProjectFields,
    ProjectIndicatorIn,
    ProjectIndicatorOut,
    ProjectOut,
    ProjectQuery,
    ReviewIn,
    ValueIn,
    ValueOut,
)
from novanet.knowledge.vocab import PRACTICE_STATUSES

bp = Blueprint("knowledge_api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)

PRACTICE_COLUMNS = ("administration", "level", "country", "title", "category", "tags",
                    "department", "responsible_person", "objectives", "target_group",
                    "description", "resources", "budget", "currency", "funding_source",
                    "start_date", "end_date", "links")


def _practice_data(practice: Practice | None, body: PracticeFields) -> dict:
    data = {}
    if practice is not None:
        data = {c: getattr(practice, c) for c in PRACTICE_COLUMNS}
        data["indicators"] = [{"name": i.name, "value": i.value, "unit": i.unit,
                               "measured_on": i.measured_on} for i in practice.indicators]
    sent = body.model_dump(exclude_unset=True, exclude={"submit"})
    data.update(sent)
    return data


@bp.get("/practices")
@endpoint("Good practices: the published catalogue, my own, or the review queue",
          tags=["knowledge"], query=PracticeQuery, response=page_of(PracticeOut), auth=False,
          errors=[403, 422])
def list_practices(query: PracticeQuery):
    filters = catalogue.Filters.from_args(query.model_dump())
    if query.mine or query.status:
        if not current_user.is_authenticated:
            raise Forbidden()
        stmt = select(Practice).where(policy.practices_visible(current_user),
                                      *filters.conditions())
        if query.mine:
            stmt = stmt.where(Practice.author_id == current_user.id)
        if query.status:
            if query.status not in PRACTICE_STATUSES:
                raise Invalid(fields={"status": "unknown status"})
            stmt = stmt.where(Practice.status == query.status)
        return paginate(stmt, [Practice.id], session=db.session, limit=query.limit,
                        cursor=query.cursor)
    return paginate(catalogue.published(filters), [Practice.published_at, Practice.id],
                    session=db.session, limit=query.limit, cursor=query.cursor)


@bp.post("/practices")
@endpoint("Submit a good practice (a draft, or straight to review with submit=true)",
          tags=["knowledge"], body=PracticeIn, response=PracticeOut, status=201,
          errors=[403, 422])
def create_practice(body: PracticeIn):
    return services.create_practice(current_user, _practice_data(None, body), submit=body.submit)


@bp.get("/practices/<int:practice_id>")
@endpoint("A good practice (unpublished ones only for their author and moderators)",
          tags=["knowledge"], response=PracticeOut, auth=False, errors=[404])
def get_practice(practice_id: int):
    return services.get_practice(practice_id, current_user)


@bp.patch("/practices/<int:practice_id>")
@endpoint("Change a practice (author while draft or sent back; moderators)", tags=["knowledge"],
          body=PracticeFields, response=PracticeOut, errors=[403, 404, 422])
def update_practice(practice_id: int, body: PracticeFields):
    practice = services.get_practice(practice_id, current_user)
    return services.update_practice(current_user, practice, _practice_data(practice, body))


@bp.delete("/practices/<int:practice_id>")
@endpoint("Delete a practice (author while unpublished; moderators)", tags=["knowledge"],
          status=204, errors=[403, 404])
def delete_practice(practice_id: int):
    services.delete_practice(current_user, services.get_practice(practice_id, current_user))


@bp.post("/practices/<int:practice_id>/submit")
@endpoint("Send a practice for review", tags=["knowledge"], response=PracticeOut,
          errors=[403, 404, 409])
def submit_practice(practice_id: int):
    practice = services.get_practice(practice_id, current_user)
    return services.submit_practice(current_user, practice)


@bp.post("/practices/<int:practice_id>/review")
@endpoint("Review a submission: publish, request_changes or reject (moderators)",
          tags=["knowledge"], body=ReviewIn, response=PracticeOut, errors=[403, 404, 409, 422])
def review_practice(practice_id: int, body: ReviewIn):
    practice = services.get_practice(practice_id, current_user)
    return services.review_practice(current_user, practice, body.action, body.message)


@bp.get("/practices/<int:practice_id>/adoptions")
@endpoint("Administrations that adopted the practice", tags=["knowledge"],
          response=page_of(AdoptionOut), auth=False,
          errors=[404])
def list_adoptions(practice_id: int):
    practice = services.get_practice(practice_id, current_user)
    stmt = select(Adoption).where(Adoption.practice_id == practice.id)
    return paginate(stmt, [Adoption.id], session=db.session, limit=100, descending=False)


@bp.post("/practices/<int:practice_id>/adoptions")
@endpoint("We adopted this too: record a replication with its own result", tags=["knowledge"],
          body=AdoptionIn, response=AdoptionOut, status=201, errors=[403, 404, 409, 422])
def add_adoption(practice_id: int, body: AdoptionIn):
    practice = services.get_practice(practice_id, current_user)
    return services.add_adoption(current_user, practice, body.model_dump())


@bp.get("/projects")
@endpoint("Modernization projects", tags=["knowledge"], query=ProjectQuery,
          response=page_of(ProjectOut), auth=False)
def list_projects(query: ProjectQuery):
    stmt = projects.projects_query(administration=query.administration, status=query.status,
                                   strategy_line=query.strategy_line, q=query.q or "")
    return paginate(stmt, [Project.id], session=db.session, limit=query.limit,
                    cursor=query.cursor)


@bp.post("/projects")
@endpoint("Register a modernization project", tags=["knowledge"], body=ProjectFields,
          response=ProjectOut, status=201, errors=[403, 422])
def create_project(body: ProjectFields):
    return projects.create_project(current_user, body.model_dump(exclude_unset=True))


@bp.get("/projects/<int:project_id>")
@endpoint("A modernization project", tags=["knowledge"], response=ProjectOut, auth=False,
          errors=[404])
def get_project(project_id: int):
    return projects.get_project(project_id)


@bp.patch("/projects/<int:project_id>")
@endpoint("Change a project (its creator, editors and administrators)", tags=["knowledge"],
          body=ProjectFields, response=ProjectOut, errors=[403, 404, 422])
def update_project(project_id: int, body: ProjectFields):
    project = projects.get_project(project_id)
    data = body.model_dump(exclude_unset=True)
    if "milestones" in data and data["milestones"] is None:
        data.pop("milestones")
    return projects.update_project(current_user, project, data)


@bp.get("/projects/<int:project_id>/indicators")
@endpoint("A project's indicators", tags=["knowledge"], response=page_of(ProjectIndicatorOut),
          auth=False, errors=[404])
def list_indicators(project_id: int):
    project = projects.get_project(project_id)
    stmt = select(ProjectIndicator).where(ProjectIndicator.project_id == project.id)
    return paginate(stmt, [ProjectIndicator.id], session=db.session, limit=100,
                    descending=False)


@bp.post("/projects/<int:project_id>/indicators")
@endpoint("Add an indicator to a project", tags=["knowledge"], body=ProjectIndicatorIn,
          response=ProjectIndicatorOut, status=201, errors=[403, 404, 422])
def add_indicator(project_id: int, body: ProjectIndicatorIn):
    project = projects.get_project(project_id)
    return projects.add_indicator(current_user, project, body.model_dump())


@bp.get("/projects/<int:project_id>/indicators/<int:indicator_id>/values")
@endpoint("Quarterly values of an indicator, oldest first", tags=["knowledge"],
          response=page_of(ValueOut), auth=False, errors=[404])
def list_values(project_id: int, indicator_id: int):
    indicator = projects.get_indicator(projects.get_project(project_id), indicator_id)
    stmt = select(IndicatorValue).where(IndicatorValue.indicator_id == indicator.id)
    return paginate(stmt, [IndicatorValue.year, IndicatorValue.quarter], session=db.session,
                    limit=100, descending=False)


@bp.post("/projects/<int:project_id>/indicators/<int:indicator_id>/values")
@endpoint("Report a quarter's value (201); with replace=true an existing one is updated (200), "
          "otherwise a second report for the quarter is a 409", tags=["knowledge"],
          body=ValueIn, response=ValueOut, status=201, errors=[403, 404, 409, 422])
def report_value(project_id: int, indicator_id: int, body: ValueIn):
    indicator = projects.get_indicator(projects.get_project(project_id), indicator_id)
    row, created = projects.report_value(current_user, indicator, body.model_dump(),
                                         replace=body.replace)
    response = jsonify(dump(ValueOut, row))
    response.status_code = 201 if created else 200
    return response

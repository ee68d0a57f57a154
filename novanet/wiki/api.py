"""Wiki API: /api/v1/kb/... for the knowledge base, /api/v1/groups/{slug}/wiki/... for groups.

A PUT carries base_revision (the revision the edit started from). When the page moved on,
the answer is 409 with error.code "edit_conflict" and error.conflict holding the current
text, the three-way merge and the colliding regions; nothing is stored.
"""

from flask import Blueprint, jsonify
from flask_login import current_user

from novanet.api.schema import endpoint, page_of
from novanet.core.errors import NotFound
from novanet.extensions import csrf
from novanet.wiki import access, policy, queries, services
from novanet.wiki.schemas import (
    ConflictOut,
    DiffOut,
    DiffQuery,
    ListQuery,
    PageIn,
    PageOut,
    PageSummaryOut,
    RenameIn,
    RevertIn,
    RevisionFullOut,
    RevisionOut,
)
from novanet.wiki.services import EditConflict
from novanet.wiki.textdiff import diff_html
from novanet.wiki.wikis import Wiki

bp = Blueprint("wiki_api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)

TAGS = ["wiki"]


def route(path: str, **options):
    def decorate(fn):
        bp.add_url_rule(f"/kb{path}", view_func=fn, **options)
        bp.add_url_rule(f"/groups/<group_slug>/wiki{path}", view_func=fn, **options)
        return fn
    return decorate


def _wiki_name(wiki: Wiki) -> str:
    return "kb" if wiki.group is None else f"groups/{wiki.group.slug}/wiki"


def _page_out(wiki: Wiki, page, asked: str | None = None) -> PageOut:
    return PageOut(id=page.id, title=page.title, slug=page.slug, version=page.version,
                   protected=page.protected, updated_at=page.updated_at, wiki=_wiki_name(wiki),
                   body=page.body, body_html=page.body_html, toc_html=page.toc_html,
                   created_at=page.created_at, deleted=page.deleted_at is not None,
                   redirected_from=asked)


def _load(group_slug, slug):
    wiki = access.load_wiki(group_slug)
    page, redirected = access.load_page(wiki, slug)
    return wiki, page, (slug if redirected else None)


def _conflict_response(exc: EditConflict):
    merge = exc.merge
    body = ConflictOut(
        base_revision=exc.base.number, current_revision=exc.page.version,
        current_title=exc.page.title, current_body=exc.page.body, merged=merge.clean,
        merged_body=merge.text,
        conflicts=[{"base": "".join(r.base), "mine": "".join(r.mine),
                    "theirs": "".join(r.theirs)} for r in merge.conflicts])
    response = jsonify({"error": {"code": exc.code, "message": str(exc.message),
                                  "conflict": body.model_dump(mode="json")}})
    response.status_code = 409
    return response


@route("/pages")
@endpoint("Pages of a wiki, by title", tags=TAGS, query=ListQuery,
          response=page_of(PageSummaryOut), auth=False, errors=[403, 404])
def pages(query: ListQuery, group_slug=None):
    """Knowledge base: public. Group wiki: as the group's content (secret: 404)."""
    wiki = access.load_wiki(group_slug)
    return queries.pages(wiki, limit=query.limit, cursor=query.cursor)


@route("/pages/<slug>")
@endpoint("A page's current text (following rename redirects)", tags=TAGS, response=PageOut,
          auth=False, errors=[403, 404])
def page(slug: str, group_slug=None):
    wiki, found, asked = _load(group_slug, slug)
    return _page_out(wiki, found, asked)


@route("/pages/<slug>", methods=["PUT"])
@endpoint("Create a page, or save a new revision on top of base_revision", tags=TAGS,
          body=PageIn, response=PageOut, errors=[403, 404, 409])
def put_page(slug: str, body: PageIn, group_slug=None):
    """Without base_revision the page is created (201). 409 edit_conflict when the page moved
    on since base_revision (see error.conflict); 422 for a revision of another page."""
    wiki = access.load_wiki(group_slug)
    found, _redirected = services.find_page(wiki, slug)
    if found is not None and not policy.can_see_page(current_user, wiki, found):
        raise NotFound()
    if found is None:
        if body.base_revision is not None:
            raise NotFound()
        created = services.create_page(wiki, current_user, title=body.title, body=body.body,
                                       summary=body.summary)
        response = jsonify(_page_out(wiki, created).model_dump(mode="json"))
        response.status_code = 201
        return response
    try:
        saved = services.save_page(found, current_user, title=body.title, body=body.body,
                                   summary=body.summary, base_revision=body.base_revision)
    except EditConflict as exc:
        return _conflict_response(exc)
    return _page_out(wiki, saved)


@route("/pages/<slug>", methods=["DELETE"])
@endpoint("Delete a page (moderators; it can be restored)", tags=TAGS, status=204,
          errors=[403, 404])
def delete_page(slug: str, group_slug=None):
    _wiki, found, _asked = _load(group_slug, slug)
    services.delete_page(found, current_user)


@route("/pages/<slug>/restore", methods=["POST"])
@endpoint("Restore a deleted page (moderators)", tags=TAGS, response=PageOut,
          errors=[403, 404])
def restore_page(slug: str, group_slug=None):
    wiki, found, _asked = _load(group_slug, slug)
    return _page_out(wiki, services.restore_page(found, current_user))


@route("/pages/<slug>/rename", methods=["POST"])
@endpoint("Rename a page; the old title redirects to it", tags=TAGS, body=RenameIn,
          response=PageOut, errors=[403, 404])
def rename_page(slug: str, body: RenameIn, group_slug=None):
    wiki, found, _asked = _load(group_slug, slug)
    return _page_out(wiki, services.rename_page(found, current_user, title=body.title,
                                                summary=body.summary))


@route("/pages/<slug>/revert", methods=["POST"])
@endpoint("Bring back an old revision's text as a new revision", tags=TAGS, body=RevertIn,
          response=PageOut, errors=[403, 404])
def revert_page(slug: str, body: RevertIn, group_slug=None):
    wiki, found, _asked = _load(group_slug, slug)
    return _page_out(wiki, services.revert_page(found, current_user, body.revision,
                                                summary=body.summary))


@route("/pages/<slug>/revisions")
@endpoint("A page's revisions, newest first", tags=TAGS, query=ListQuery,
          response=page_of(RevisionOut), auth=False, errors=[403, 404])
def revisions(slug: str, query: ListQuery, group_slug=None):
    _wiki, found, _asked = _load(group_slug, slug)
    return queries.history(found, limit=query.limit, cursor=query.cursor)


@route("/pages/<slug>/revisions/<int:number>")
@endpoint("One revision with its text", tags=TAGS, response=RevisionFullOut, auth=False,
          errors=[403, 404])
def revision(slug: str, number: int, group_slug=None):
    wiki, found, _asked = _load(group_slug, slug)
    rev = services.get_revision(found, number)
    out = RevisionFullOut.model_validate({**RevisionOut.model_validate(rev).model_dump(),
                                          "body": rev.body,
                                          "body_html": services.render_text(wiki, rev.body)[0]})
    return out


@route("/pages/<slug>/diff")
@endpoint("The changes between two revisions (?from=&to=)", tags=TAGS, query=DiffQuery,
          response=DiffOut, auth=False, errors=[403, 404])
def diff(slug: str, query: DiffQuery, group_slug=None):
    _wiki, found, _asked = _load(group_slug, slug)
    old = services.get_revision(found, query.from_)
    new = services.get_revision(found, query.to)
    html, stats = diff_html(old.body, new.body)
    return DiffOut(from_revision=old.number, to_revision=new.number, added_lines=stats.added,
                   removed_lines=stats.removed, html=html)


@route("/pages/<slug>/watch", methods=["PUT"])
@endpoint("Be notified of this page's edits", tags=TAGS, status=204, errors=[404])
def watch(slug: str, group_slug=None):
    _wiki, found, _asked = _load(group_slug, slug)
    services.watch(found, current_user, True)


@route("/pages/<slug>/watch", methods=["DELETE"])
@endpoint("Stop being notified of this page's edits", tags=TAGS, status=204, errors=[404])
def unwatch(slug: str, group_slug=None):
    _wiki, found, _asked = _load(group_slug, slug)
    services.watch(found, current_user, False)

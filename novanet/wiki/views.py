"""Wiki pages in the browser: the knowledge base under /wiki and group wikis under
/groups/<slug>/wiki. Every route exists in both places; all forms work without JavaScript."""

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from novanet.core.errors import Conflict, DomainError, Invalid, NotFound
from novanet.core.forms import apply_errors, render_form
from novanet.core.pagination import clamp_limit
from novanet.wiki import access, policy, queries, services
from novanet.wiki.forms import EditForm, RenameForm
from novanet.wiki.services import EditConflict
from novanet.wiki.textdiff import diff_html
from novanet.wiki.wikis import Wiki, slug_for

bp = Blueprint("wiki", __name__)


def route(path: str, **options):
    """Register a view for the knowledge base and for group wikis at once."""
    def decorate(fn):
        bp.add_url_rule(f"/wiki{path}", view_func=fn, **options)
        bp.add_url_rule(f"/groups/<group_slug>/wiki{path}", view_func=fn, **options)
        return fn
    return decorate


def crumbs(wiki: Wiki, *trail) -> list:
    items = []
    if wiki.group is not None:
        if "groups.detail" in current_app.view_functions:
            items.append((url_for("groups.detail", slug=wiki.group.slug), wiki.group.name))
        items.append((wiki.url("index"), _("Wiki")))
    else:
        items.append((wiki.url("index"), _("Knowledge base")))
    return items + list(trail)


def _page_or_redirect(wiki: Wiki, slug: str, endpoint: str, **values):
    page, redirected = access.load_page(wiki, slug)
    # A form sent to an old title still saves (redirecting a POST would drop the text).
    # Temporary redirects: a title can be given back later, and a cached permanent redirect
    # would then send browsers round in a circle.
    if redirected and request.method == "GET":
        target = wiki.url(endpoint, slug=page.slug, **values)
        if request.query_string:
            target += "?" + request.query_string.decode()
        return page, redirect(target, 302)
    return page, None


@route("", endpoint="index")
def index(group_slug=None):
    """The wiki's pages by title, with links to recent changes and a new page."""
    wiki = access.load_wiki(group_slug)
    page = queries.pages(wiki, cursor=request.args.get("cursor"))
    trail = crumbs(wiki)[:-1] + [(None, _("Wiki"))] if wiki.group is not None else None
    return render_template("wiki/index.html", wiki=wiki, pages=page, breadcrumbs=trail)


bp.add_url_rule("/wiki", "kb_index", index)


@route("/recent")
def recent(group_slug=None):
    """Newest revisions in this wiki."""
    wiki = access.load_wiki(group_slug)
    changes = queries.recent_changes(current_user, wiki, cursor=request.args.get("cursor"),
                                     limit=clamp_limit(request.args.get("limit"), 50))
    return render_template("wiki/recent.html", wiki=wiki, changes=changes, site_wide=False,
                           breadcrumbs=crumbs(wiki, (None, _("Recent changes"))))


@bp.route("/wiki/changes")
def changes():
    """Newest revisions across the knowledge base and every group wiki the reader may see."""
    found = queries.recent_changes(current_user, None, cursor=request.args.get("cursor"),
                                   limit=clamp_limit(request.args.get("limit"), 50))
    return render_template("wiki/recent.html", wiki=Wiki(None), changes=found, site_wide=True,
                           breadcrumbs=crumbs(Wiki(None), (None, _("Recent changes everywhere"))))


@route("/deleted")
@login_required
def deleted(group_slug=None):
    """Deleted pages, for moderators to restore."""
    wiki = access.load_wiki(group_slug)
    access.require_moderate(wiki)
    found = queries.pages(wiki, deleted=True, cursor=request.args.get("cursor"))
    return render_template("wiki/deleted.html", wiki=wiki, pages=found,
                           breadcrumbs=crumbs(wiki, (None, _("Deleted pages"))))


@route("/new", methods=["GET", "POST"])
@login_required
def new(group_slug=None):
    """Start a page (the title may come from a "create this page" link)."""
    wiki = access.load_wiki(group_slug)
    access.require_edit(wiki)
    form = EditForm()
    if request.method == "GET":
        form.title.data = request.args.get("title", "")[:200]
    elif form.validate_on_submit():
        try:
            page = services.create_page(wiki, current_user, title=form.title.data,
                                        body=form.body.data, summary=form.summary.data)
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            flash(_("Page created."), "success")
            return redirect(wiki.url("page", slug=page.slug))
    return render_form("wiki/edit.html", form, wiki=wiki, page=None,
                       breadcrumbs=crumbs(wiki, (None, _("New page"))))


@route("/pages/<slug>")
def page(slug: str, group_slug=None):
    """A page's current text, with its table of contents when it is long."""
    wiki = access.load_wiki(group_slug)
    try:
        found, moved = _page_or_redirect(wiki, slug, "page")
    except NotFound:
        if policy.can_edit(current_user, wiki) and slug_for(slug) == slug:
            return render_template("wiki/missing.html", wiki=wiki, slug=slug,
                                   breadcrumbs=crumbs(wiki, (None, slug))), 404
        raise
    if moved:
        return moved
    return render_template("wiki/page.html", wiki=wiki, page=found,
                           watching=services.is_watching(found, current_user),
                           breadcrumbs=crumbs(wiki, (None, found.title)))


@route("/pages/<slug>/edit", methods=["GET", "POST"])
@login_required
def edit(slug: str, group_slug=None):
    """Edit a page (or create it when a link pointed here). A save that races another one
    shows the conflict screen with both changes and their automatic merge."""
    wiki = access.load_wiki(group_slug)
    try:
        found, moved = _page_or_redirect(wiki, slug, "edit")
    except NotFound:
        access.require_edit(wiki)
        title = request.args.get("title") or slug.replace("-", " ").capitalize()
        return redirect(wiki.url("new", title=title))
    if moved:
        return moved
    if found.deleted_at is not None:
        raise NotFound()
    access.require_edit(wiki, found)
    form = EditForm()
    if request.method == "GET":
        form.title.data, form.body.data = found.title, found.body
        form.base_revision.data = str(found.version)
    elif form.validate_on_submit():
        try:
            services.save_page(found, current_user, title=form.title.data, body=form.body.data,
                               summary=form.summary.data, base_revision=form.base_revision.data)
        except EditConflict as conflict:
            return _conflict(wiki, conflict)
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            flash(_("Your changes are saved."), "success")
            return redirect(wiki.url("page", slug=found.slug))
    return render_form("wiki/edit.html", form, wiki=wiki, page=found,
                       breadcrumbs=crumbs(wiki, (wiki.url("page", slug=found.slug), found.title),
                                          (None, _("Edit"))))


def _conflict(wiki: Wiki, conflict: EditConflict):
    page = conflict.page
    form = EditForm(formdata=None)
    form.title.data = conflict.title
    form.body.data = conflict.merge.text if conflict.merge.clean else conflict.body
    form.summary.data = conflict.summary
    form.base_revision.data = str(page.version)
    theirs, _stats = diff_html(conflict.base.body, page.body)
    mine, _stats = diff_html(conflict.base.body, conflict.body)
    regions = [(diff_html("".join(r.theirs), "".join(r.mine))[0], r) for r in conflict.merge.conflicts]
    return render_template(
        "wiki/conflict.html", form=form, wiki=wiki, page=page, conflict=conflict,
        theirs_diff=theirs, mine_diff=mine, regions=regions,
        breadcrumbs=crumbs(wiki, (wiki.url("page", slug=page.slug), page.title),
                           (None, _("Edit conflict")))), 409


@route("/pages/<slug>/history")
def history(slug: str, group_slug=None):
    """Every revision of the page, newest first, with a form to compare any two."""
    wiki = access.load_wiki(group_slug)
    found, moved = _page_or_redirect(wiki, slug, "history")
    if moved:
        return moved
    revisions = queries.history(found, cursor=request.args.get("cursor"))
    return render_template("wiki/history.html", wiki=wiki, page=found, revisions=revisions,

                           breadcrumbs=crumbs(wiki, (wiki.url("page", slug=found.slug), found.title),
                                              (None, _("History"))))


@route("/pages/<slug>/revisions/<int:number>")
def revision(slug: str, number: int, group_slug=None):
    """An old revision as it read then."""
    wiki = access.load_wiki(group_slug)
    found, moved = _page_or_redirect(wiki, slug, "revision", number=number)
    if moved:
        return moved
    rev = services.get_revision(found, number)
    html, toc = services.render_text(wiki, rev.body)
    return render_template("wiki/revision.html", wiki=wiki, page=found, rev=rev, html=html,
                           toc=toc,
                           breadcrumbs=crumbs(wiki, (wiki.url("page", slug=found.slug), found.title),
                                              (wiki.url("history", slug=found.slug), _("History")),
                                              (None, _("Revision %(n)s", n=number))))


@route("/pages/<slug>/diff")
def diff(slug: str, group_slug=None):
    """The changes between two revisions (?from=&to=, defaulting to the latest change)."""
    wiki = access.load_wiki(group_slug)
    found, moved = _page_or_redirect(wiki, slug, "diff")
    if moved:
        return moved
    to_n = request.args.get("to") or found.version
    from_n = request.args.get("from") or max(1, int(to_n) - 1 if str(to_n).isdigit() else 1)
    old, new_rev = services.get_revision(found, from_n), services.get_revision(found, to_n)
    html, stats = diff_html(old.body, new_rev.body)
    return render_template("wiki/diff.html", wiki=wiki, page=found, old=old, new=new_rev,
                           html=html, stats=stats,
                           breadcrumbs=crumbs(wiki, (wiki.url("page", slug=found.slug), found.title),
                                              (wiki.url("history", slug=found.slug), _("History")),
                                              (None, _("Changes"))))


@route("/pages/<slug>/links")
def links(slug: str, group_slug=None):
    """Pages of this wiki that link here."""
    wiki = access.load_wiki(group_slug)
    found, moved = _page_or_redirect(wiki, slug, "links")
    if moved:
        return moved
    return render_template("wiki/links.html", wiki=wiki, page=found,
                           linkers=queries.what_links_here(found),
                           breadcrumbs=crumbs(wiki, (wiki.url("page", slug=found.slug), found.title),
                                              (None, _("What links here"))))


@route("/pages/<slug>/rename", methods=["GET", "POST"])
@login_required
def rename(slug: str, group_slug=None):
    """Give the page a new title; the old address redirects to it."""
    wiki = access.load_wiki(group_slug)
    found, moved = _page_or_redirect(wiki, slug, "rename")
    if moved:
        return moved
    access.require_edit(wiki, found)
    form = RenameForm()
    if request.method == "GET":
        form.title.data = found.title
    elif form.validate_on_submit():
        try:
            services.rename_page(found, current_user, title=form.title.data,
                                 summary=form.summary.data)
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            flash(_("Page renamed. The old title leads here."), "success")
            return redirect(wiki.url("page", slug=found.slug))
    return render_form("wiki/rename.html", form, wiki=wiki, page=found,
                       breadcrumbs=crumbs(wiki, (wiki.url("page", slug=found.slug), found.title),
                                          (None, _("Rename"))))


def _post_action(group_slug, slug, act, done: str):
    wiki = access.load_wiki(group_slug)
    found, _moved = access.load_page(wiki, slug)
    try:
        act(found)
    except (Invalid, Conflict) as exc:
        flash(" ".join([str(exc.message), *exc.fields.values()]), "error")
    else:
        flash(done, "success")
    return redirect(wiki.url("page", slug=found.slug))


@route("/pages/<slug>/revert", methods=["POST"])
@login_required
def revert(slug: str, group_slug=None):
    """Bring back an old revision's text as a new revision."""
    return _post_action(group_slug, slug, lambda p: services.revert_page(
        p, current_user, request.form.get("revision"), summary=request.form.get("summary", "")),
        _("The old text is back, as a new revision."))


@route("/pages/<slug>/watch", methods=["POST"])
@login_required
def watch(slug: str, group_slug=None):
    """Start or stop being notified of edits."""
    on = request.form.get("on") == "1"
    return _post_action(group_slug, slug, lambda p: services.watch(p, current_user, on),
                        _("You will be notified of edits to this page.") if on
                        else _("You will no longer be notified of edits to this page."))


@route("/pages/<slug>/protect", methods=["POST"])
@login_required
def protect(slug: str, group_slug=None):
    """Moderators: allow only moderators to edit (or lift that)."""
    on = request.form.get("on") == "1"
    return _post_action(group_slug, slug, lambda p: services.set_protected(p, current_user, on),
                        _("Page protected: only moderators can edit it.") if on
                        else _("Protection lifted: members can edit the page again."))


@route("/pages/<slug>/delete", methods=["POST"])
@login_required
def delete(slug: str, group_slug=None):
    """Moderators: hide the page; it can be restored."""
    return _post_action(group_slug, slug, lambda p: services.delete_page(p, current_user),
                        _("Page deleted. You can restore it from this page."))


@route("/pages/<slug>/restore", methods=["POST"])
@login_required
def restore(slug: str, group_slug=None):
    """Moderators: bring a deleted page back."""
    return _post_action(group_slug, slug, lambda p: services.restore_page(p, current_user),
                        _("Page restored."))

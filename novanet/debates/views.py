"""Debate pages: lists, the debate itself, replying, editing, deleting, reacting, moderating.

Everything is a plain link or form POST so it works without JavaScript; debate.js enhances.
"""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from novanet.core import pagecache
from novanet.core.errors import DomainError, NotFound
from novanet.core.forms import apply_errors, render_form
from novanet.debates import feed, policy, queries, rendering, services
from novanet.debates.forms import CloseForm, DebateForm, EditPostForm, ReplyForm
from novanet.debates.models import REACTION_KINDS, PostRevision
from novanet.extensions import db
from novanet.groups import policy as group_policy
from novanet.groups.models import Group

bp = Blueprint("debates", __name__)


def page_size() -> int:
    return current_app.config.get("DEBATE_PAGE_SIZE", 20)


def get_group(slug: str) -> Group:
    group = db.session.scalar(select(Group).where(Group.slug == slug))
    if group is None or not group_policy.can_view(current_user, group):
        raise NotFound()
    return group


def group_crumbs(group: Group) -> list:
    crumbs = [(url_for("debates.index"), _("Debates"))]
    if "groups.detail" in current_app.view_functions:
        crumbs.append((url_for("groups.detail", slug=group.slug), group.name))
    crumbs.append((url_for("debates.group_index", slug=group.slug), group.name + " · " + _("Debates")))
    return crumbs


def permalink(post) -> str:
    return url_for("debates.permalink", post_id=post.id)


@bp.get("/debates")
def index():
    """Latest debates across every group the viewer may read."""
    tag = request.args.get("tag") or None
    page = queries.latest_debates(current_user, limit=current_app.config["PAGE_SIZE"],
                                  cursor=request.args.get("cursor"), tag=tag)
    return render_template("debates/index.html", page=page, tag=tag)


@bp.get("/debates/my-groups")
@login_required
def my_groups():
    """Latest across my groups: the debates moving in every group I belong to."""
    page = feed.across_my_groups(current_user, limit=current_app.config["PAGE_SIZE"],
                                 cursor=request.args.get("cursor"))
    return render_template("debates/my_groups.html", page=page)


@bp.get("/groups/<slug>/debates")
def group_index(slug: str):
    """A group's debates, pinned first, then latest activity."""
    group = get_group(slug)
    if not group_policy.can_view_content(current_user, group):
        policy._refuse(current_user, group)
    page = queries.group_debates(group, limit=current_app.config["PAGE_SIZE"],
                                 cursor=request.args.get("cursor"))
    return render_template("debates/group_index.html", group=group, page=page,
                           breadcrumbs=group_crumbs(group)[:-1] + [(None, _("Debates"))])


@bp.route("/groups/<slug>/debates/new", methods=["GET", "POST"])
@login_required
def new(slug: str):
    """Start a debate; errors beside their fields, nothing stored."""
    group = get_group(slug)
    policy.require(policy.can_start_debate(current_user, group),
                   _("Join the group to start debates in it."))
    form = DebateForm()
    if form.validate_on_submit():
        try:
            debate = services.create_debate(current_user, group, title=form.title.data,
                                            body=form.body.data, tags=form.tags.data)
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            flash(_("Debate started."), "success")
            return redirect(url_for("debates.detail", debate_id=debate.id))
    return render_form("debates/form.html", form, group=group, debate=None,
                       breadcrumbs=group_crumbs(group) + [(None, _("New debate"))])


def _page(debate, form=None) -> tuple[int, int, int]:
    """Page size, the page asked for (the last one after a failed reply) and the page count."""
    size = page_size()
    try:
        number = int(request.args.get("page", 1))
    except ValueError:
        number = 1
    if form is not None:
        number = queries.page_count(debate, size)
    number, pages = queries.page_numbers(debate, number, size)
    return size, number, pages


class _Posts:
    """The page's posts as this reader sees them (the per-reader part of a debate page).
    debate may be the Debate or the facts row of queries.member_facts."""

    def __init__(self, debate, size: int, number: int, pages: int, rights, last_read):
        self.member = current_user.is_authenticated
        shared = rendering.cached_section(debate, number, size)
        if shared is None:
            data = queries.debate_page(debate, number, size)
            shared = rendering.SharedSection(data.posts, data.counts)
            rendering.store_section(debate, number, size, shared)
        mine = queries.my_reactions(current_user, debate, shared.first_post_id,
                                    shared.last_post_id) if self.member and shared.count else {}
        self.last_read = last_read if self.member else None
        reply_url = (url_for("debates.detail", debate_id=debate.id, page=pages)
                     if rights.can_reply() else None)
        reader = rendering.Reader(rights, REACTION_KINDS, reply_url, mine)
        self.section = rendering.render_section(shared, reader, self.last_read)
        self.debate_id = debate.id

    def mark_read(self) -> None:
        # After rendering: the marker's commit would expire what the template reads.
        if self.section.count and self.member and request.method == "GET":
            services.mark_read(current_user, self.debate_id, self.section.last_post_id,
                               self.last_read)


def _render_detail(debate, form=None, status=200):
    size, number, pages = _page(debate, form)
    rights = policy.PostRights(current_user, debate)
    can_reply = rights.can_reply()
    posts = _Posts(debate, size, number, pages, rights, services.last_read(current_user, debate))
    if form is None:
        form = ReplyForm()
        quoted = request.args.get("reply_to", type=int)
        if quoted:
            form.reply_to.data = quoted
    replying_to = None
    if form.reply_to.data:
        try:
            replying_to = queries.load_post(int(form.reply_to.data))
        except (TypeError, ValueError):
            replying_to = None
        if replying_to is not None and replying_to.debate_id != debate.id:
            replying_to = None
    group = debate.group
    html = render_template(
        "debates/detail.html", debate=debate, group=group, section=posts.section, number=number,
        pages=pages, form=form, replying_to=replying_to, kinds=REACTION_KINDS,
        can_reply=can_reply, breadcrumbs=group_crumbs(group) + [(None, debate.title)])
    posts.mark_read()
    return html, status


def _member_page(debate_id: int):
    """A signed-in reader's view: the page kept for readers with the same rights, with the
    header links and the posts' own actions filled in for this reader. One query decides and
    supplies what the holes need; the debate itself is loaded only to render a missing page."""
    facts = queries.member_facts(current_user, debate_id)
    if facts is None or not policy.can_view_given(current_user, facts):
        return _render_detail(policy.get_debate(current_user, debate_id))  # the 404 or 403
    rights = policy.PostRights.given(current_user, facts)
    size, number, pages = _page(facts)
    variant = ("member", rights.can_reply(), rights.member, rights.can_edit_debate(),
               rights.moderator)
    filled: list[_Posts] = []

    def posts_html() -> bytes:
        filled.append(_Posts(facts, size, number, pages, rights, facts.last_read))
        return filled[0].section.data

    html = pagecache.serve(queries.stamp_of(facts), lambda: _render_detail(
        policy.get_debate(current_user, debate_id))[0], variant=variant,
        fill={"posts": posts_html})
    if filled:
        filled[0].mark_read()
    return html


@bp.get("/debates/<int:debate_id>")
def detail(debate_id: int):
    """A debate with one page of posts; members see where they stopped reading."""
    if pagecache.applies():
        if current_user.is_authenticated:
            return _member_page(debate_id)
        # Anonymous readers: one light query decides, without loading the debate.
        found = queries.reader_stamp(debate_id)
        if found is not None and group_policy.content_is_public(found[0]):
            return pagecache.serve(found[1], lambda: _render_detail(
                policy.get_debate(current_user, debate_id))[0], variant=("anonymous",))
    return _render_detail(policy.get_debate(current_user, debate_id))


@bp.post("/debates/<int:debate_id>/posts")
@login_required
def reply(debate_id: int):
    """Reply by form; on error the page comes back with the text kept and the error shown."""
    debate = policy.get_debate(current_user, debate_id)
    form = ReplyForm()
    if form.validate_on_submit():
        try:
            post = services.reply(current_user, debate, body=form.body.data,
                                  reply_to_id=form.reply_to.data or None)
        except DomainError as exc:
            if exc.status == 403:
                raise
            apply_errors(form, exc)
        else:
            return redirect(permalink(post))
    return _render_detail(debate, form=form, status=400)


@bp.get("/posts/<int:post_id>", endpoint="permalink")
def permalink_view(post_id: int):
    """A post's permanent address: the debate page where it appears, scrolled to it."""
    post = policy.get_post(current_user, post_id)
    number = queries.page_of_post(post, page_size())
    args = {"page": number} if number > 1 else {}
    return redirect(url_for("debates.detail", debate_id=post.debate_id, **args)
                    + f"#post-{post.id}")



@bp.route("/posts/<int:post_id>/edit", methods=["GET", "POST"])
@login_required
def edit_post(post_id: int):
    """The author edits a post; the previous version stays visible to moderators."""
    post = policy.get_post(current_user, post_id)
    policy.require(policy.can_edit_post(current_user, post), _("You can only edit your own posts."))
    form = EditPostForm(data={"body": post.body} if request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            services.edit_post(current_user, post, body=form.body.data)
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            flash(_("Post updated."), "success")
            return redirect(permalink(post))
    debate = post.debate
    return render_form("debates/edit_post.html", form, post=post, debate=debate,
                       breadcrumbs=group_crumbs(debate.group) + [
                           (url_for("debates.detail", debate_id=debate.id), debate.title),
                           (None, _("Edit post"))])


@bp.post("/posts/<int:post_id>/delete")
@login_required
def delete_post(post_id: int):
    post = policy.get_post(current_user, post_id)
    services.delete_post(current_user, post)
    flash(_("Post deleted."), "success")
    return redirect(permalink(post))


@bp.post("/posts/<int:post_id>/reactions")
@login_required
def react(post_id: int):
    """Toggle a reaction from a plain form (kind + action add|remove)."""
    post = policy.get_post(current_user, post_id)
    kind = request.form.get("kind", "")
    try:
        if request.form.get("action") == "remove":
            services.unreact(current_user, post, kind)
        else:
            services.react(current_user, post, kind)
    except DomainError as exc:
        if exc.status in (403, 404):
            raise
        flash(str(exc.message), "error")
    return redirect(permalink(post))


@bp.get("/posts/<int:post_id>/revisions")
@login_required
def revisions(post_id: int):
    """Previous versions of an edited post, for the group's moderators."""
    post = policy.get_post(current_user, post_id)
    policy.require(policy.can_see_revisions(current_user, post))
    rows = list(db.session.scalars(select(PostRevision).where(PostRevision.post_id == post.id)
                                   .order_by(PostRevision.id.desc())))
    debate = post.debate
    return render_template("debates/revisions.html", post=post, revisions=rows, debate=debate,
                           breadcrumbs=group_crumbs(debate.group) + [
                               (url_for("debates.detail", debate_id=debate.id), debate.title),
                               (None, _("Previous versions"))])


@bp.route("/debates/<int:debate_id>/edit", methods=["GET", "POST"])
@login_required
def edit(debate_id: int):
    debate = policy.get_debate(current_user, debate_id)
    policy.require(policy.can_edit_debate(current_user, debate))
    form = DebateForm(data={"title": debate.title, "body": debate.body,
                            "tags": ", ".join(debate.tag_names)}
                      if request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            services.update_debate(current_user, debate, title=form.title.data,
                                   body=form.body.data, tags=form.tags.data or "")
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            flash(_("Debate updated."), "success")
            return redirect(url_for("debates.detail", debate_id=debate.id))
    return render_form("debates/form.html", form, group=debate.group, debate=debate,
                       breadcrumbs=group_crumbs(debate.group) + [
                           (url_for("debates.detail", debate_id=debate.id), debate.title),
                           (None, _("Edit debate"))])


MODERATION = {
    "pin": {"pinned": True}, "unpin": {"pinned": False},
    "lock": {"locked": True}, "unlock": {"locked": False},
    "reopen": {"closed": False},
}


@bp.post("/debates/<int:debate_id>/moderate")
@login_required
def moderate(debate_id: int):
    """Pin, lock or reopen from a one-button form."""
    debate = policy.get_debate(current_user, debate_id)
    change = MODERATION.get(request.form.get("action", ""))
    if change is None:
        abort(400)
    services.update_debate(current_user, debate, **change)
    flash(_("Debate updated."), "success")
    return redirect(url_for("debates.detail", debate_id=debate.id))


@bp.route("/debates/<int:debate_id>/close", methods=["GET", "POST"])
@login_required
def close(debate_id: int):
    """Close a debate with a written conclusion shown at its top."""
    debate = policy.get_debate(current_user, debate_id)
    policy.require(policy.can_moderate_debate(current_user, debate))
    form = CloseForm(data={"conclusion": debate.conclusion} if request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            services.update_debate(current_user, debate, conclusion=form.conclusion.data or "",
                                   closed=True)
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            flash(_("Debate closed with its conclusion."), "success")
            return redirect(url_for("debates.detail", debate_id=debate.id))
    return render_form("debates/close.html", form, debate=debate,
                       breadcrumbs=group_crumbs(debate.group) + [
                           (url_for("debates.detail", debate_id=debate.id), debate.title),
                           (None, _("Close with a conclusion"))])

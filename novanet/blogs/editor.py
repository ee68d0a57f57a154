"""Blog pages that change things: the editor with preview, publishing, moderation, comments,
likes and image uploads. Every form works without JavaScript."""

from zoneinfo import ZoneInfo

from flask import flash, redirect, render_template, request, url_for
from flask_babel import get_timezone
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms.fields.choices import SelectChoice

from novanet.blogs import comments, services
from novanet.blogs import policy as blog_policy
from novanet.blogs.forms import CommentForm, ImageForm, PostForm
from novanet.blogs.models import BlogPost
from novanet.blogs.views import bp, post_path, render_post
from novanet.core import markup
from novanet.core.errors import DomainError, Invalid
from novanet.core.forms import apply_errors, render_form
from novanet.extensions import db
from novanet.groups import services as group_services
from novanet.groups.models import Group


def writable_groups(user) -> list[Group]:
    return [g for g in group_services.my_groups(user) if blog_policy.can_write_in(user, g)]


def _group_choices(form: PostForm, user, fixed: Group | None = None) -> None:
    if fixed is not None:
        form.group.choices = [SelectChoice(fixed.slug, fixed.name)]
        return
    form.group.choices = [SelectChoice("", _("My own blog"))] + [
        SelectChoice(g.slug, g.name) for g in writable_groups(user)]


def _aware(value):
    """A datetime-local value is meant in the writer's own time zone."""
    if value is None:
        return None
    return value.replace(tzinfo=ZoneInfo(str(get_timezone())))


def _local(value):
    if value is None:
        return None
    return value.astimezone(ZoneInfo(str(get_timezone()))).replace(tzinfo=None)


def _preview(form: PostForm) -> str | None:
    if "preview" not in request.form:
        return None
    return markup.render(form.body.data or "")


def _fields(form: PostForm) -> dict:
    return {"title": form.title.data, "body": form.body.data, "summary": form.summary.data,
            "tags": form.tags.data, "slug": form.slug.data, "status": form.status.data,
            "publish_at": _aware(form.publish_at.data),
            "comments_closed": form.comments_closed.data}


@bp.route("/blogs/new", methods=["GET", "POST"])
@login_required
def new():
    """Write a post; Preview shows it rendered, nothing is stored until Save."""
    form = PostForm()
    if request.method == "GET" and request.args.get("group"):
        form.group.data = request.args["group"]
    _group_choices(form, current_user)
    preview = None
    if form.validate_on_submit():
        preview = _preview(form)
        if preview is None:
            upload = form.cover.data if getattr(form.cover.data, "filename", "") else None
            try:
                post = services.create_post(current_user, group=form.group.data or None,
                                            cover=upload, **_fields(form))
            except DomainError as exc:
                apply_errors(form, exc)
            else:
                flash(_saved_message(post), "success")
                return redirect(post_path(post))
    return render_form("blogs/editor.html", form, preview=preview, post=None)


@bp.route("/blogs/posts/<int:post_id>/edit", methods=["GET", "POST"])
@login_required
def edit(post_id: int):
    """Edit one of my posts (same preview); other people's posts are 403, invisible ones 404."""
    post = services.load_editable(current_user, post_id)
    form = PostForm(obj=None if request.method == "POST" else post)
    if request.method == "GET":
        form.tags.data = ", ".join(post.tag_names)
        form.publish_at.data = _local(post.publish_at)
        form.group.data = post.group.slug if post.group else ""
    _group_choices(form, current_user, post.group)
    if post.group is None:
        form.group.choices = [SelectChoice("", _("My own blog"))]
    preview = None
    if form.validate_on_submit():
        preview = _preview(form)
        if preview is None:
            try:
                services.update_post(current_user, post, _fields(form))
            except DomainError as exc:
                db.session.rollback()
                apply_errors(form, exc)
            else:
                flash(_saved_message(post), "success")
                return redirect(post_path(post))
    return render_form("blogs/editor.html", form, preview=preview, post=post,
                       image_form=ImageForm(formdata=None))


def _saved_message(post: BlogPost) -> str:
    if post.status == "published":
        return _("Your post is published.")
    if post.status == "scheduled":
        return _("Your post is scheduled.")
    return _("Draft saved. Only you can see it.")


@bp.post("/blogs/posts/<int:post_id>/images")
@login_required
def upload_image(post_id: int):
    """Add an image to a post; the page shows the Markdown to paste into the text."""
    post = services.load_editable(current_user, post_id)
    form = ImageForm()
    if not form.validate_on_submit():
        raise Invalid()
    try:
        found = services.add_image(current_user, post, form.image.data,
                                   as_cover=form.as_cover.data)
    except DomainError as exc:
        apply_errors(form, exc)
        edit_form = PostForm(obj=post)
        edit_form.tags.data = ", ".join(post.tag_names)
        edit_form.publish_at.data = _local(post.publish_at)
        _group_choices(edit_form, current_user, post.group)
        return render_template("blogs/editor.html", form=edit_form, preview=None, post=post,
                               image_form=form), 400
    flash(_("Image uploaded. Paste this into the post where it should appear: %(md)s",
            md=f"![]({found.url})"), "success")
    return redirect(url_for("blogs.edit", post_id=post.id))


@bp.post("/blogs/posts/<int:post_id>/cover/remove")
@login_required
def remove_cover(post_id: int):
    post = services.load_editable(current_user, post_id)
    services.remove_cover(current_user, post)
    flash(_("Cover image removed."), "success")
    return redirect(url_for("blogs.edit", post_id=post.id))


@bp.post("/blogs/posts/<int:post_id>/publish")
@login_required
def publish(post_id: int):
    post = services.load_editable(current_user, post_id)
    services.publish_post(current_user, post)
    flash(_("Your post is published."), "success")
    return redirect(post_path(post))


@bp.post("/blogs/posts/<int:post_id>/delete")
@login_required
def delete(post_id: int):
    """Delete my post (after the confirmation the button asks for)."""
    post = services.load_visible(current_user, post_id)
    target = (url_for("blogs.group", group_slug=post.group.slug) if post.group
              else url_for("blogs.member", username=current_user.username))
    services.delete_post(current_user, post)
    flash(_("The post was deleted."), "success")
    return redirect(target)


@bp.post("/blogs/posts/<int:post_id>/hide")
@login_required
def hide(post_id: int):
    """Moderators hide a post from readers; its author still sees it."""
    post = services.load_visible(current_user, post_id)
    services.set_hidden(current_user, post, True)
    flash(_("The post is hidden from readers."), "success")
    return redirect(post_path(post))


@bp.post("/blogs/posts/<int:post_id>/unhide")
@login_required
def unhide(post_id: int):
    post = services.load_visible(current_user, post_id)
    services.set_hidden(current_user, post, False)
    flash(_("The post is visible again."), "success")
    return redirect(post_path(post))


@bp.post("/blogs/posts/<int:post_id>/like")
@login_required
def like(post_id: int):
    post = services.load_visible(current_user, post_id)
    services.like(current_user, post)
    return redirect(post_path(post) + "#likes")


@bp.post("/blogs/posts/<int:post_id>/unlike")
@login_required
def unlike(post_id: int):
    post = services.load_visible(current_user, post_id)
    services.unlike(current_user, post)
    return redirect(post_path(post) + "#likes")


@bp.post("/blogs/posts/<int:post_id>/comments")
@login_required
def comment(post_id: int):
    """Comment or reply; on an error the post page comes back with the text kept."""
    post = services.load_visible(current_user, post_id)
    form = CommentForm()
    if form.validate_on_submit():
        try:
            made = comments.add_comment(current_user, post, form.body.data,
                                        parent_id=form.parent.data or None)
        except Invalid as exc:
            apply_errors(form, exc)
        else:
            flash(_("Your comment is published."), "success")
            return redirect(post_path(post) + f"#comment-{made.id}")
    return render_post(post, form, status=400)


@bp.route("/blogs/comments/<int:comment_id>/edit", methods=["GET", "POST"])
@login_required
def edit_comment(comment_id: int):
    found = comments.load_visible(current_user, comment_id)
    if not blog_policy.can_edit_comment(current_user, found):
        from novanet.core.errors import Forbidden

        raise Forbidden()
    form = CommentForm(obj=found)
    if form.validate_on_submit():
        try:
            comments.edit_comment(current_user, found, form.body.data)
        except Invalid as exc:
            apply_errors(form, exc)
        else:
            flash(_("Your comment was updated."), "success")
            return redirect(post_path(found.post) + f"#comment-{found.id}")
    return render_form("blogs/comment_edit.html", form, comment=found, post=found.post)


@bp.post("/blogs/comments/<int:comment_id>/delete")
@login_required
def delete_comment(comment_id: int):
    found = comments.load_visible(current_user, comment_id)
    comments.delete_comment(current_user, found)
    flash(_("The comment was removed."), "success")
    return redirect(post_path(found.post) + "#comments")

"""Blog pages for readers: lists, posts with comments, Atom feeds and post images."""

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from novanet.accounts.models import User
from novanet.blogs import comments, feeds, queries, services
from novanet.blogs import policy as blog_policy
from novanet.blogs.forms import CommentForm
from novanet.blogs.models import BlogPost, blog_key
from novanet.core import uploads
from novanet.core.errors import Forbidden, NotFound
from novanet.core.tags import TAG_RE
from novanet.extensions import db
from novanet.groups import policy as group_policy
from novanet.groups.models import Group

bp = Blueprint("blogs", __name__)


def page_size() -> int:
    return current_app.config["PAGE_SIZE"]


def cursor() -> str | None:
    return request.args.get("cursor") or None


def post_path(post: BlogPost) -> str:
    """The canonical address of a post (its blog and current slug)."""
    if post.group is not None:
        return url_for("blogs.group_post", group_slug=post.group.slug, slug=post.slug)
    return url_for("blogs.member_post", username=post.author.username, slug=post.slug)


def member_or_404(username: str) -> User:
    user = db.session.scalar(select(User).where(User.username == (username or "").lower()))
    if user is None or (user.suspended_at is not None and not group_policy.is_admin(current_user)):
        raise NotFound()
    return user


def group_or_404(slug: str) -> Group:
    """The group if this person may know it exists (secret groups are 404 to outsiders)."""
    group = db.session.scalar(select(Group).where(Group.slug == (slug or "").lower()))
    if group is None or not group_policy.can_view(current_user, group):
        raise NotFound()
    return group


def readable_group_or_error(slug: str) -> Group:
    group = group_or_404(slug)
    if not group_policy.can_view_content(current_user, group):
        raise Forbidden(_("This group's blog is for its members."))
    return group


def valid_tag(tag: str) -> str:
    if not TAG_RE.match(tag or ""):
        raise NotFound()
    return tag


# Lists -----------------------------------------------------------------------------------

@bp.get("/blogs")
def index():
    """The latest public posts across the site."""
    page = queries.latest_public(limit=page_size(), cursor=cursor())
    return render_template("blogs/index.html", page=page)


@bp.get("/blogs/tags/<tag>")
def tag(tag: str):
    """Public posts with one tag."""
    page = queries.latest_public(limit=page_size(), cursor=cursor(), tag=valid_tag(tag))
    return render_template("blogs/tag.html", page=page, tag=tag)


@bp.get("/blogs/people/<username>")
def member(username: str):
    """A member's own blog."""
    author = member_or_404(username)
    page = queries.member_blog(author, limit=page_size(), cursor=cursor())
    return render_template("blogs/member.html", page=page, author=author)


@bp.get("/blogs/groups/<group_slug>")
def group(group_slug: str):
    """A group's blog: 404 for secret groups to outsiders, 403 for private ones."""
    found = readable_group_or_error(group_slug)
    page = queries.group_blog(current_user, found, limit=page_size(), cursor=cursor())
    hidden = queries.hidden_in_group(current_user, found) if not cursor() else []
    return render_template("blogs/group.html", page=page, group=found, hidden=hidden,
                           can_write=blog_policy.can_write_in(current_user, found))


@bp.get("/blogs/drafts")
@login_required
def drafts():
    """My drafts and scheduled posts."""
    page = queries.drafts(current_user, limit=page_size(), cursor=cursor())
    return render_template("blogs/drafts.html", page=page)


# Posts -----------------------------------------------------------------------------------

def show(post: BlogPost | None, moved: bool):
    if post is None:
        raise NotFound()
    services.publish_if_due(post)
    if not blog_policy.can_view(current_user, post):
        raise NotFound()
    if moved:
        return redirect(post_path(post), 301)
    return render_post(post, CommentForm(formdata=None))


def render_post(post: BlogPost, form: CommentForm, status: int = 200, reply_forms=None):
    thread, replies = comments.thread(post, limit=50, cursor=request.args.get("comments"))
    liked = post.id in services.liked_ids(current_user, [post.id])
    return render_template("blogs/post.html", post=post, thread=thread, replies=replies,
                           form=form, liked=liked, reply_to=reply_forms), status


@bp.get("/blogs/people/<username>/<slug>")
def member_post(username: str, slug: str):
    """A post in a member's blog; an old slug redirects to the current one."""
    author = member_or_404(username)
    return show(*services.find_by_slug(blog_key(author.id, None), slug))


@bp.get("/blogs/groups/<group_slug>/<slug>")
def group_post(group_slug: str, slug: str):
    """A post in a group's blog; invisible posts and groups are 404."""
    found = group_or_404(group_slug)
    return show(*services.find_by_slug(blog_key(0, found.id), slug))


@bp.get("/blogs/posts/<int:post_id>")
def permalink(post_id: int):
    """Stable link used in notifications and activity: redirects to the post's address."""
    post = services.load_visible(current_user, post_id)
    return redirect(post_path(post))


@bp.get("/media/blogs/<name>")
def image(name: str):
    """A post's image, for those who may read the post (or edit it, for drafts)."""
    found = services.image_for(name)
    post = db.session.get(BlogPost, found.post_id)
    if post is None or not blog_policy.can_view(current_user, post):
        raise NotFound()
    response = uploads.send_media(found.key)
    if post.is_published and not post.hidden and (
            post.group is None or post.group.visibility == "public"):
        response.headers["Cache-Control"] = "public, max-age=86400"
    return response


# Feeds -----------------------------------------------------------------------------------

@bp.get("/blogs/feed.atom")
def site_feed():
    """Atom feed of the latest public posts."""
    page = queries.latest_public(limit=feeds.FEED_SIZE)
    return feeds.atom(page.items, title=_("NovaNet blogs"), self_endpoint="blogs.site_feed",
                      self_values={}, alternate_endpoint="blogs.index", alternate_values={})


@bp.get("/blogs/tags/<tag>/feed.atom")
def tag_feed(tag: str):
    page = queries.latest_public(limit=feeds.FEED_SIZE, tag=valid_tag(tag))
    return feeds.atom(page.items, title=_("NovaNet blogs: %(tag)s", tag=tag),
                      self_endpoint="blogs.tag_feed", self_values={"tag": tag},
                      alternate_endpoint="blogs.tag", alternate_values={"tag": tag})


@bp.get("/blogs/people/<username>/feed.atom")
def member_feed(username: str):
    author = member_or_404(username)
    page = queries.member_blog(author, limit=feeds.FEED_SIZE)
    return feeds.atom(page.items, title=_("Blog of %(name)s", name=author.display_name),
                      self_endpoint="blogs.member_feed", self_values={"username": author.username},
                      alternate_endpoint="blogs.member",
                      alternate_values={"username": author.username})


@bp.get("/blogs/groups/<group_slug>/feed.atom")
def group_feed(group_slug: str):
    """Only public groups have a feed: feed readers carry no login."""
    found = db.session.scalar(select(Group).where(Group.slug == (group_slug or "").lower()))
    if found is None or found.visibility != "public":
        raise NotFound()
    page = queries.group_blog(None, found, limit=feeds.FEED_SIZE)
    return feeds.atom(page.items, title=_("Blog of %(name)s", name=found.name),
                      self_endpoint="blogs.group_feed", self_values={"group_slug": found.slug},
                      alternate_endpoint="blogs.group", alternate_values={"group_slug": found.slug})

"""Blog API: posts, publishing, likes, hiding and comments (paths per the API contract)."""

from flask import Blueprint
from flask_login import current_user

from novanet.accounts.services import get_by_username
from novanet.api.schema import endpoint, page_of
from novanet.blogs import comments, queries, services
from novanet.blogs.schemas import (
    BlogPostIn,
    BlogPostOut,
    BlogPostPatch,
    BlogPostQuery,
    CommentIn,
    CommentOut,
    CommentPatch,
    HiddenIn,
    LikesOut,
    PageQuery,
)
from novanet.extensions import csrf

bp = Blueprint("blogs_api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)

TAGS = ["blogs"]


@bp.get("/blog-posts")
@endpoint("Published blog posts (public ones, or one author's or group's)", tags=TAGS,
          query=BlogPostQuery, response=page_of(BlogPostOut), auth=False, errors=[403, 404])
def list_posts(query: BlogPostQuery):
    """Newest first; group posts only for those who may read the group."""
    group = author = None
    if query.group:
        from novanet.blogs.views import readable_group_or_error

        group = readable_group_or_error(query.group)
    elif query.author:
        author = get_by_username(query.author)
    return queries.readable(current_user, limit=query.limit, cursor=query.cursor, author=author,
                            group=group, tag=query.tag)


@bp.post("/blog-posts")
@endpoint("Write a blog post", tags=TAGS, body=BlogPostIn, response=BlogPostOut, status=201,
          errors=[403, 413])
def create_post(body: BlogPostIn):
    """Draft, publish now or schedule (publish_at in the future, with offset)."""
    return services.create_post(current_user, **body.model_dump())


@bp.get("/blog-posts/<int:post_id>")
@endpoint("One blog post", tags=TAGS, response=BlogPostOut, auth=False, errors=[404])
def get_post(post_id: int):
    return services.load_visible(current_user, post_id)


@bp.patch("/blog-posts/<int:post_id>")
@endpoint("Edit my blog post", tags=TAGS, body=BlogPostPatch, response=BlogPostOut,
          errors=[403, 404])
def update_post(post_id: int, body: BlogPostPatch):
    post = services.load_editable(current_user, post_id)
    return services.update_post(current_user, post, body.model_dump(exclude_unset=True))


@bp.delete("/blog-posts/<int:post_id>")
@endpoint("Delete my blog post", tags=TAGS, status=204, errors=[403, 404])
def delete_post(post_id: int):
    services.delete_post(current_user, services.load_visible(current_user, post_id))


@bp.post("/blog-posts/<int:post_id>/publish")
@endpoint("Publish a draft or scheduled post now", tags=TAGS, response=BlogPostOut,
          errors=[403, 404, 409])
def publish_post(post_id: int):
    post = services.load_editable(current_user, post_id)
    return services.publish_post(current_user, post)


@bp.put("/blog-posts/<int:post_id>/hidden")
@endpoint("Hide or show a post (group moderators, administrators)", tags=TAGS, body=HiddenIn,
          response=BlogPostOut, errors=[403, 404])
def set_hidden(post_id: int, body: HiddenIn):
    post = services.load_visible(current_user, post_id)
    return services.set_hidden(current_user, post, body.hidden)


@bp.put("/blog-posts/<int:post_id>/like")
@endpoint("Like a post", tags=TAGS, response=LikesOut, errors=[403, 404])
def like(post_id: int):
    count = services.like(current_user, services.load_visible(current_user, post_id))
    return {"like_count": count, "liked": True}


@bp.delete("/blog-posts/<int:post_id>/like")
@endpoint("Take back my like", tags=TAGS, response=LikesOut, errors=[404])
def unlike(post_id: int):
    count = services.unlike(current_user, services.load_visible(current_user, post_id))
    return {"like_count": count, "liked": False}


@bp.get("/blog-posts/<int:post_id>/comments")
@endpoint("Comments on a post, oldest first", tags=TAGS, query=PageQuery,
          response=page_of(CommentOut), auth=False, errors=[404])
def list_comments(post_id: int, query: PageQuery):
    post = services.load_visible(current_user, post_id)
    return comments.flat(post, limit=query.limit, cursor=query.cursor)


@bp.post("/blog-posts/<int:post_id>/comments")
@endpoint("Comment on a post (reply_to answers a comment)", tags=TAGS, body=CommentIn,
          response=CommentOut, status=201, errors=[403, 404])
def add_comment(post_id: int, body: CommentIn):
    post = services.load_visible(current_user, post_id)
    return comments.add_comment(current_user, post, body.body, parent_id=body.reply_to)


@bp.patch("/blog-comments/<int:comment_id>")
@endpoint("Edit my comment", tags=TAGS, body=CommentPatch, response=CommentOut,
          errors=[403, 404])
def edit_comment(comment_id: int, body: CommentPatch):
    found = comments.load_visible(current_user, comment_id)
    return comments.edit_comment(current_user, found, body.body)


@bp.delete("/blog-comments/<int:comment_id>")
@endpoint("Remove a comment (its author, the post's author, moderators)", tags=TAGS,
          status=204, errors=[403, 404])
def delete_comment(comment_id: int):
    found = comments.load_visible(current_user, comment_id)
    comments.delete_comment(current_user, found)


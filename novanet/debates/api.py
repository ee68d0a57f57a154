"""Debates API: /api/v1/groups/{slug}/debates, /debates/{id}, posts and reactions."""

from flask import Blueprint
from flask_login import current_user

from novanet.api.schema import endpoint, page_of
from novanet.core.errors import NotFound
from novanet.debates import feed, policy, queries, services
from novanet.debates.schemas import (
    DebateIn,
    DebateOut,
    DebatePatch,
    ListQuery,
    PostIn,
    PostOut,
    PostPatch,
    PostsQuery,
    ReactionsOut,
    debate_data,
    post_data,
)
from novanet.debates.views import get_group
from novanet.extensions import csrf
from novanet.groups import policy as group_policy

bp = Blueprint("debates_api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)


@bp.get("/groups/<slug>/debates")
@endpoint("A group's debates, pinned first, then latest activity", tags=["debates"],
          query=ListQuery, response=page_of(DebateOut), auth=False, errors=[403, 404])
def list_debates(slug: str, query: ListQuery):
    group = get_group(slug)
    if not group_policy.can_view_content(current_user, group):
        policy._refuse(current_user, group)
    page = queries.group_debates(group, limit=query.limit, cursor=query.cursor)
    return {"items": [debate_data(d) for d in page.items], "next": page.next}


@bp.get("/me/groups/debates")
@endpoint("Latest across my groups: debates in every group I belong to, latest activity first",
          tags=["debates"], query=ListQuery, response=page_of(DebateOut))
def my_groups_debates(query: ListQuery):
    page = feed.across_my_groups(current_user, limit=query.limit, cursor=query.cursor)
    return {"items": [debate_data(d) for d in page.items], "next": page.next}


@bp.post("/groups/<slug>/debates")
@endpoint("Start a debate in a group", tags=["debates"], body=DebateIn, response=DebateOut,
          status=201, errors=[403, 404, 422])
def create_debate(slug: str, body: DebateIn):
    group = get_group(slug)
    debate = services.create_debate(current_user, group, title=body.title, body=body.body,
                                    tags=body.tags)
    return debate_data(debate)


@bp.get("/debates/<int:debate_id>")
@endpoint("A debate with its opening post and conclusion", tags=["debates"], response=DebateOut,
          auth=False, errors=[403, 404])
def get_debate(debate_id: int):
    return debate_data(policy.get_debate(current_user, debate_id))


@bp.patch("/debates/<int:debate_id>")
@endpoint("Edit, pin, lock or close (with a conclusion) a debate", tags=["debates"],
          body=DebatePatch, response=DebateOut, errors=[403, 404, 422])
def update_debate(debate_id: int, body: DebatePatch):
    debate = policy.get_debate(current_user, debate_id)
    services.update_debate(current_user, debate, **body.model_dump(exclude_unset=True))
    return debate_data(debate)


@bp.get("/debates/<int:debate_id>/posts")
@endpoint("Posts of a debate in order; `after` returns only newer ones (catching up)",
          tags=["debates"], query=PostsQuery, response=page_of(PostOut), auth=False,
          errors=[403, 404])
def list_posts(debate_id: int, query: PostsQuery):
    debate = policy.get_debate(current_user, debate_id)
    posts = queries.posts_after(debate, query.after, query.limit + 1)
    more = len(posts) > query.limit
    posts = posts[:query.limit]
    counts = services.reaction_counts([p.id for p in posts])
    return {"items": [post_data(p, counts.get(p.id)) for p in posts],
            "next": str(posts[-1].id) if more else None}


@bp.post("/debates/<int:debate_id>/posts")
@endpoint("Reply in a debate", tags=["debates"], body=PostIn, response=PostOut, status=201,
          errors=[403, 404, 409, 422])
def create_post(debate_id: int, body: PostIn):
    debate = policy.get_debate(current_user, debate_id)
    post = services.reply(current_user, debate, body=body.body, reply_to_id=body.reply_to)
    return post_data(post)


@bp.patch("/posts/<int:post_id>")
@endpoint("Edit my post (the previous version is kept for moderators)", tags=["debates"],
          body=PostPatch, response=PostOut, errors=[403, 404, 422])
def edit_post(post_id: int, body: PostPatch):
    post = policy.get_post(current_user, post_id)
    services.edit_post(current_user, post, body=body.body)
    return post_data(post, services.reaction_counts([post.id])[post.id])


@bp.delete("/posts/<int:post_id>")
@endpoint("Delete a post (author or moderator; the place is kept)", tags=["debates"],
          status=204, errors=[403, 404])
def delete_post(post_id: int):
    services.delete_post(current_user, policy.get_post(current_user, post_id))


@bp.put("/posts/<int:post_id>/reactions/<kind>")
@endpoint("React to a post (useful, agree, disagree, thanks); twice is a conflict",
          tags=["debates"], response=ReactionsOut, errors=[403, 404, 409, 422])
def react(post_id: int, kind: str):
    post = policy.get_post(current_user, post_id)
    return {"post_id": post.id, "reactions": services.react(current_user, post, kind)}


@bp.delete("/posts/<int:post_id>/reactions/<kind>")
@endpoint("Take back a reaction", tags=["debates"], response=ReactionsOut,
          errors=[403, 404, 422])
def unreact(post_id: int, kind: str):
    post = policy.get_post(current_user, post_id)
    if post is None:
        raise NotFound()
    return {"post_id": post.id, "reactions": services.unreact(current_user, post, kind)}

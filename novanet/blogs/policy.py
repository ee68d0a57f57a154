"""Who may see and do what with blog posts and comments, built on the group policy.

- A group post follows its group: content readable per groups.policy.can_view_content;
  a secret group's posts are 404 for outsiders, like the group itself.
- Drafts and not-yet-due scheduled posts are seen by their author only.
- Hidden posts are seen by their author and by those who may moderate them
  (the group's moderators for group posts, site administrators for personal ones).
- Public lists and feeds (site, tags, members, public groups) never contain group posts unless
  the group is public, whoever is looking.
"""

from sqlalchemy import and_, false, or_, select

from novanet.blogs.models import BlogPost, Comment
from novanet.groups import policy as group_policy
from novanet.groups.models import Group


def _user(user):
    return user if user is not None and getattr(user, "is_authenticated", False) else None


def is_author(user, post: BlogPost) -> bool:
    user = _user(user)
    return user is not None and user.id == post.author_id


def can_moderate(user, post: BlogPost) -> bool:
    """Hide and unhide the post, remove its comments."""
    if post.group is not None:
        return group_policy.can_moderate(user, post.group)
    return group_policy.is_admin(user)


def group_knowable(user, post: BlogPost) -> bool:
    """False when the post sits in a group the person may not even know exists (answer 404)."""
    return post.group is None or group_policy.can_view(user, post.group)


def can_view(user, post: BlogPost) -> bool:
    """May this person read the post (its page, images, comments, API resource)?"""
    if post.group is not None and not group_policy.can_view_content(user, post.group):
        return False
    if post.status != "published":
        return is_author(user, post)
    if post.hidden:
        return is_author(user, post) or can_moderate(user, post)
    return True


def can_write_in(user, group: Group | None) -> bool:
    """Write a new post in a member's own blog (group None) or in a group's blog."""
    user = _user(user)
    if user is None or not user.is_active:
        return False
    return group is None or group_policy.can_post(user, group)


def can_edit(user, post: BlogPost) -> bool:
    """Edit, publish, upload images: the author while still allowed to write in that blog."""
    return is_author(user, post) and can_write_in(user, post.group)


def can_delete(user, post: BlogPost) -> bool:
    return is_author(user, post) and _user(user).is_active


def can_comment(user, post: BlogPost) -> bool:
    """Comment on a visible, published, open post; banned members of its group may not."""
    user = _user(user)
    if user is None or not user.is_active or not can_view(user, post):
        return False
    if post.status != "published" or post.hidden or post.comments_closed:
        return False
    return post.group is None or not group_policy.is_banned(user, post.group)


def can_like(user, post: BlogPost) -> bool:
    user = _user(user)
    return (user is not None and user.is_active and can_view(user, post)
            and post.status == "published" and not post.hidden)


def can_edit_comment(user, comment: Comment) -> bool:
    user = _user(user)
    return (user is not None and user.is_active and comment.author_id == user.id
            and not comment.is_deleted)


def can_remove_comment(user, comment: Comment, post: BlogPost) -> bool:
    """The comment's author, the post's author, or whoever moderates the post."""
    if comment.is_deleted or _user(user) is None:
        return False
    return (comment.author_id == user.id or is_author(user, post) or can_moderate(user, post))


# Query-side twins ------------------------------------------------------------------------

def listed():
    """Published and not hidden: the only posts any list shows to readers."""
    return and_(BlogPost.status == "published", BlogPost.hidden.is_(False))


def public_posts():
    """Posts that may appear in public lists, feeds and search: personal or in a public group."""
    public_groups = select(Group.id).where(Group.visibility == "public")
    return and_(listed(), or_(BlogPost.group_id.is_(None), BlogPost.group_id.in_(public_groups)))


def readable_posts(user):
    """Listed posts the person may read (adds their private groups' posts to public ones)."""
    return and_(listed(), group_policy.content_visible(user, BlogPost.group_id))


def group_posts(user, group: Group):
    """Condition for a group's blog list; nothing for those who may not read the group."""
    if not group_policy.can_view_content(user, group):
        return false()
    return and_(BlogPost.group_id == group.id, listed())

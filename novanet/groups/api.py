"""Groups API: directory, CRUD, membership, requests, invitations and member management.

A secret group is a 404 for anyone who may not know it exists; a visible group refuses what the
caller may not do with 403. Handlers only parse, ask the policy and call the services.
"""

from flask import Blueprint, url_for
from flask_login import current_user

from novanet.api.schema import endpoint, page_of
from novanet.core.errors import Forbidden, Invalid
from novanet.extensions import csrf
from novanet.groups import invitations, membership, policy, services
from novanet.groups.schemas import (
    GroupIn,
    GroupOut,
    GroupPatch,
    GroupQuery,
    InvitationOut,
    InviteIn,
    JoinIn,
    MemberOut,
    MemberPatch,
    MemberQuery,
    MembershipOut,
    MuteOut,
    PageQuery,
    ReasonIn,
    TransferIn,
)

bp = Blueprint("groups_api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)
TAGS = ["groups"]


def group_out(group) -> dict:
    mine = policy.membership(current_user, group)
    return {
        "id": group.id, "slug": group.slug, "name": group.name,
        "description": group.description, "description_html": group.description_html,
        "visibility": group.visibility, "tags": group.tag_names, "country": group.country,
        "region": group.region, "member_count": group.member_count,
        "cover_url": url_for("groups.cover", slug=group.slug) if group.cover_key else None,
        "created_at": group.created_at, "last_activity_at": group.last_activity_at,
        "membership": ({"status": mine.status, "role": mine.role, "muted": mine.muted}
                       if mine is not None else None),
    }


def member_out(m) -> dict:
    return {"username": m.user.username, "display_name": m.user.display_name, "role": m.role,
            "status": m.status, "message": m.message if m.status == "pending" else "",
            "since": m.decided_at or m.created_at}


def membership_out(group, m) -> dict:
    return {"group": group.slug, "username": m.user.username, "role": m.role,
            "status": m.status, "muted": m.muted, "message": m.message,
            "created_at": m.created_at}


def invitation_out(group, inv) -> dict:
    return {"id": inv.id, "group": group.slug,
            "username": inv.user.username if inv.user else None,
            "email": inv.email if inv.user is None else None, "status": inv.status,
            "created_at": inv.created_at, "expires_at": inv.expires_at}


def _moderated(slug: str):
    group = services.get_visible(current_user, slug)
    if not policy.can_moderate(current_user, group):
        raise Forbidden()
    return group


@bp.get("/groups")
@endpoint("The group directory", tags=TAGS, query=GroupQuery, response=page_of(GroupOut),
          auth=False)
def list_groups(query: GroupQuery):
    """Groups the caller may know of (secret ones only for their members)."""
    page = services.directory(current_user, tag=query.tag, country=query.country,
                              visibility=query.visibility, q=query.q, sort=query.sort,
                              limit=query.limit, cursor=query.cursor)
    return {"items": [group_out(g) for g in page.items], "next": page.next}


@bp.post("/groups")
@endpoint("Create a group", tags=TAGS, body=GroupIn, response=GroupOut, status=201,
          errors=[403, 409])
def create_group(body: GroupIn):
    """The caller becomes the owner; a taken slug answers 409 with a free one suggested."""
    return group_out(services.create_group(current_user, body.model_dump()))


@bp.get("/groups/<slug>")
@endpoint("A group", tags=TAGS, response=GroupOut, auth=False, errors=[404])
def get_group(slug: str):
    return group_out(services.get_visible(current_user, slug))


@bp.patch("/groups/<slug>")
@endpoint("Change a group's settings (owners)", tags=TAGS, body=GroupPatch, response=GroupOut,
          errors=[403, 404, 409])
def update_group(slug: str, body: GroupPatch):
    group = services.get_visible(current_user, slug)
    return group_out(services.update_group(current_user, group,
                                           body.model_dump(exclude_unset=True)))


@bp.delete("/groups/<slug>")
@endpoint("Delete a group (owners)", tags=TAGS, status=204, errors=[403, 404])
def delete_group(slug: str):
    group = services.get_visible(current_user, slug)
    services.delete_group(current_user, group)


@bp.post("/groups/<slug>/join")
@endpoint("Join (public), ask to join (private) or accept one's invitation", tags=TAGS,
          body=JoinIn, response=MembershipOut, status=200, errors=[403, 404, 409])
def join(slug: str, body: JoinIn):
    """status is active when joined at once, pending when a moderator must approve."""
    group = services.get_visible(current_user, slug)
    return membership_out(group, membership.join(current_user, group, body.message or ""))


@bp.post("/groups/<slug>/leave")
@endpoint("Leave, withdraw one's request or decline one's invitation", tags=TAGS, status=204,
          errors=[404, 409])
def leave(slug: str):
    membership.leave(current_user, services.get_visible(current_user, slug))


@bp.put("/groups/<slug>/mute")
@endpoint("Mute the group's notifications", tags=TAGS, response=MuteOut, errors=[404, 409])
def mute(slug: str):
    group = services.get_visible(current_user, slug)
    return {"muted": membership.set_muted(current_user, group, True).muted}


@bp.delete("/groups/<slug>/mute")
@endpoint("Unmute the group's notifications", tags=TAGS, response=MuteOut, errors=[404, 409])
def unmute(slug: str):
    group = services.get_visible(current_user, slug)
    return {"muted": membership.set_muted(current_user, group, False).muted}


@bp.get("/groups/<slug>/members")
@endpoint("Members of a group (searchable; banned and invited for moderators)", tags=TAGS,
          query=MemberQuery, response=page_of(MemberOut), auth=False, errors=[403, 404])
def list_members(slug: str, query: MemberQuery):
    group = services.get_visible(current_user, slug)
    if not policy.can_view_members(current_user, group):
        raise Forbidden()
    if query.status != "active" and not policy.can_moderate(current_user, group):
        raise Forbidden()
    page = services.members(group, q=query.q, status=query.status, limit=query.limit,
                            cursor=query.cursor)
    return {"items": [member_out(m) for m in page.items], "next": page.next}


@bp.patch("/groups/<slug>/members/<username>")
@endpoint("Change a member's role, or ban / unban ({status: banned|active}); an unban answers "
          "204", tags=TAGS, body=MemberPatch, response=MemberOut, errors=[403, 404, 409])
def update_member(slug: str, username: str, body: MemberPatch):
    group = _moderated(slug)
    target = membership.find_user(username)
    if body.role is not None:
        return member_out(membership.set_role(current_user, group, target, body.role))
    if body.status == "banned":
        membership.ban(current_user, group, target, body.reason)
        return member_out(membership.row(group, target))
    membership.unban(current_user, group, target, body.reason)
    return None


@bp.delete("/groups/<slug>/members/<username>")
@endpoint("Remove a member (they may join again; ban to keep them out)", tags=TAGS,
          status=204, errors=[403, 404, 409])
def remove_member(slug: str, username: str):
    group = _moderated(slug)
    membership.remove(current_user, group, membership.find_user(username))


@bp.post("/groups/<slug>/transfer")
@endpoint("Hand the group over to another member (owners)", tags=TAGS, body=TransferIn,
          status=204, errors=[403, 404, 409])
def transfer(slug: str, body: TransferIn):
    group = services.get_visible(current_user, slug)
    membership.transfer_ownership(current_user, group, membership.find_user(body.username))


@bp.get("/groups/<slug>/requests")
@endpoint("Pending requests to join (moderators)", tags=TAGS, query=PageQuery,
          response=page_of(MemberOut), errors=[403, 404])
def list_requests(slug: str, query: PageQuery):
    group = _moderated(slug)
    page = services.members(group, status="pending", limit=query.limit, cursor=query.cursor)
    return {"items": [member_out(m) for m in page.items], "next": page.next}


@bp.post("/groups/<slug>/requests/<username>/approve")
@endpoint("Approve a request to join (moderators)", tags=TAGS, body=ReasonIn,
          response=MemberOut, errors=[403, 404, 409])
def approve_request(slug: str, username: str, body: ReasonIn):
    group = _moderated(slug)
    target = membership.find_user(username)
    membership.decide_request(current_user, group, target, True, body.reason)
    return member_out(membership.row(group, target))


@bp.post("/groups/<slug>/requests/<username>/reject")
@endpoint("Reject a request to join (moderators)", tags=TAGS, body=ReasonIn, status=204,
          errors=[403, 404, 409])
def reject_request(slug: str, username: str, body: ReasonIn):
    group = _moderated(slug)
    membership.decide_request(current_user, group, membership.find_user(username), False,
                              body.reason)


@bp.post("/groups/<slug>/invitations")
@endpoint("Invite someone by username or e-mail (moderators)", tags=TAGS, body=InviteIn,
          response=InvitationOut, status=201, errors=[403, 404, 409])
def invite(slug: str, body: InviteIn):
    """The invitee gets a notification (members) or an e-mail with a link that expires."""
    group = services.get_visible(current_user, slug)
    if not policy.can_invite(current_user, group):
        raise Forbidden()
    if body.username and body.email:
        raise Invalid(fields={"username": "send either username or email"})
    inv, _token = invitations.invite(current_user, group, username=body.username,
                                     email=body.email)
    return invitation_out(group, inv)


@bp.get("/groups/<slug>/invitations")
@endpoint("Open invitations (moderators)", tags=TAGS, response=page_of(InvitationOut),
          errors=[403, 404])
def list_invitations(slug: str):
    group = _moderated(slug)
    return {"items": [invitation_out(group, i) for i in invitations.open_for_group(group)],
            "next": None}


@bp.delete("/groups/<slug>/invitations/<int:invitation_id>")
@endpoint("Withdraw an open invitation (moderators)", tags=TAGS, status=204, errors=[403, 404])
def revoke_invitation(slug: str, invitation_id: int):
    group = _moderated(slug)
    invitations.revoke(current_user, group, invitation_id)

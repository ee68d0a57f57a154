"""Group pages: directory, group home, members, cover image, create, edit and settings.

Membership actions (join, requests, invitations, member management) are in manage_views.py on
the same blueprint. Every page loads the group through services.get_visible, so a secret group
is a 404 for outsiders before anything else is decided.
"""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from novanet.activity.services import group_stream
from novanet.core import uploads
from novanet.core.errors import DomainError, Forbidden, Invalid
from novanet.core.forms import apply_errors, render_form
from novanet.core.pagination import clamp_limit
from novanet.groups import membership, policy, services
from novanet.groups.forms import DeleteForm, GroupForm, TransferForm
from novanet.groups.models import VISIBILITIES

bp = Blueprint("groups", __name__)


def load(slug: str):
    return services.get_visible(current_user, slug)


def login_first():
    """Anonymous visitors are sent to log in (after the group lookup, so secret stays 404)."""
    if not current_user.is_authenticated:
        return redirect(url_for("accounts.login", next=request.full_path.rstrip("?")))
    return None


def crumbs(group, *rest):
    trail = [(url_for("groups.index"), _("Groups"))]
    if rest:
        trail.append((url_for("groups.detail", slug=group.slug), group.name))
        trail.extend(rest)
    else:
        trail.append((None, group.name))
    return trail


@bp.route("/groups")
def index():
    """The directory: groups the viewer may know of, filtered by tag, country, visibility."""
    args = request.args
    sort = args.get("sort") if args.get("sort") in services.SORTS else "activity"
    visibility = args.get("visibility") if args.get("visibility") in VISIBILITIES else None
    page = services.directory(current_user, tag=args.get("tag") or None,
                              country=args.get("country") or None, visibility=visibility,
                              q=(args.get("q") or "").strip()[:100] or None, sort=sort,
                              limit=clamp_limit(args.get("limit")), cursor=args.get("cursor"))
    from novanet.groups.forms import country_choices

    return render_template("groups/index.html", page=page, sort=sort, visibility=visibility,
                           countries=country_choices(), mine=services.my_groups(current_user))


@bp.route("/groups/new", methods=["GET", "POST"])
@login_required
def create():
    """Start a group; the creator becomes its owner."""
    form = GroupForm()
    if form.validate_on_submit():
        try:
            group = services.create_group(current_user, form.data_for_service(),
                                          cover=form.cover.data or None)
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            flash(_("Your group is ready. Invite colleagues to join."), "success")
            return redirect(url_for("groups.detail", slug=group.slug))
    return render_form("groups/form.html", form, group=None,
                       breadcrumbs=[(url_for("groups.index"), _("Groups")),
                                    (None, _("New group"))])


@bp.route("/groups/<slug>")
def detail(slug: str):
    """Group home: about, moderators, the viewer's membership actions and the activity stream."""
    group = load(slug)
    stream = group_stream(current_user, group, limit=20, cursor=request.args.get("cursor"))
    mine = policy.membership(current_user, group)
    return render_template(
        "groups/detail.html", group=group, stream=stream, mine=mine,
        moderators=services.moderators(group),
        invitation_open=mine is not None and mine.status == "invited",
        pending_count=(services.pending_count(group)
                       if policy.can_moderate(current_user, group) else 0),
        breadcrumbs=crumbs(group))


@bp.route("/groups/<slug>/cover")
def cover(slug: str):
    """The cover image, for whoever may see the group."""
    group = load(slug)
    return uploads.send_media(group.cover_key)


@bp.route("/groups/<slug>/members")
def members(slug: str):
    """Active members, searchable; banned people are listed for moderators (?status=banned)."""
    group = load(slug)
    if not policy.can_view_members(current_user, group):
        raise Forbidden(_("The member list of this group is for its members."))
    status = request.args.get("status", "active")
    if status != "active" and not policy.can_moderate(current_user, group):
        status = "active"
    if status not in ("active", "banned", "invited"):
        status = "active"
    q = (request.args.get("q") or "").strip()[:100]
    page = services.members(group, q=q or None, status=status,
                            limit=clamp_limit(request.args.get("limit"), 30),
                            cursor=request.args.get("cursor"))
    return render_template("groups/members.html", group=group, page=page, q=q, status=status,
                           breadcrumbs=crumbs(group, (None, _("Members"))))


@bp.route("/groups/<slug>/edit", methods=["GET", "POST"])
def edit(slug: str):
    """Change the group's name, address, description, topics, place, visibility and cover."""
    group = load(slug)
    if (redirect_to := login_first()) is not None:
        return redirect_to
    if not policy.can_manage(current_user, group):
        raise Forbidden()
    form = GroupForm(obj=group) if request.method == "GET" else GroupForm()
    if request.method == "GET":
        form.tags.data = ", ".join(group.tag_names)
        form.country.data = group.country or ""
    if form.validate_on_submit():
        try:
            services.update_group(current_user, group, form.data_for_service(),
                                  cover=form.cover.data or None,
                                  remove_cover=bool(form.remove_cover.data))
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            flash(_("The group was updated."), "success")
            return redirect(url_for("groups.detail", slug=group.slug))
    return render_form("groups/form.html", form, group=group,
                       breadcrumbs=crumbs(group, (None, _("Edit"))))


@bp.route("/groups/<slug>/settings", methods=["GET", "POST"])
def settings(slug: str):
    """Hand over ownership or delete the group (owners and administrators)."""
    group = load(slug)
    if (redirect_to := login_first()) is not None:
        return redirect_to
    if not policy.can_manage(current_user, group):
        raise Forbidden()
    transfer, remove = TransferForm(prefix="transfer"), DeleteForm(prefix="delete")
    status = 200
    if request.method == "POST" and request.form.get("what") == "transfer":
        try:
            target = membership.find_user(transfer.username.data)
            membership.transfer_ownership(current_user, group, target)
        except DomainError as exc:
            apply_errors(transfer, exc if exc.fields else Invalid(fields={"username": exc.message}))
            status = 400
        else:
            flash(_("%(name)s now owns the group.", name=target.display_name), "success")
            return redirect(url_for("groups.detail", slug=group.slug))
    elif request.method == "POST" and request.form.get("what") == "delete":
        if (remove.confirm.data or "").strip().lower() != group.slug:
            remove.confirm.errors = [_("Type “%(slug)s” to confirm.", slug=group.slug)]
            status = 400
        else:
            services.delete_group(current_user, group, reason=remove.reason.data or "")
            flash(_("The group was deleted."), "success")
            return redirect(url_for("groups.index"))
    return render_template("groups/settings.html", group=group, transfer=transfer, remove=remove,
                           breadcrumbs=crumbs(group, (None, _("Settings")))), status

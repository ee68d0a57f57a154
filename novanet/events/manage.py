"""Organiser pages: create and edit, cancel, agenda, attendees and CSV, check-in, announcements."""

from zoneinfo import ZoneInfo

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from novanet.core.errors import DomainError, NotFound
from novanet.core.forms import apply_errors, render_form
from novanet.events import attendance, policy, rsvp, services
from novanet.events.forms import AnnounceForm, CheckInForm, EventForm, SessionForm
from novanet.events.models import EventSession
from novanet.events.views import bp
from novanet.extensions import db
from novanet.groups import policy as group_policy
from novanet.groups.models import Group


def _host_group() -> Group | None:
    slug = request.values.get("group")
    if not slug:
        return None
    group = db.session.scalar(select(Group).where(Group.slug == slug))
    if group is None or not group_policy.can_view(current_user, group):
        raise NotFound()
    return group


def _managed(event_id: int):
    event = policy.get_visible(current_user, event_id)
    policy.require_manage(current_user, event)
    return event


def _local(value, zone):
    return value.astimezone(ZoneInfo(zone)).replace(tzinfo=None) if value else None


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    group = _host_group()
    form = EventForm()
    if request.method == "GET":
        form.timezone.data = current_user.timezone or "Europe/Madrid"
    if form.validate_on_submit():
        try:
            event = services.create_event(current_user, form.data_for_service(), group=group)
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            flash(_("Your event is published."), "success")
            return redirect(url_for("events.detail", event_id=event.id))
    return render_form("events/form.html", form, group=group, event=None)


@bp.route("/<int:event_id>/edit", methods=["GET", "POST"])
@login_required
def edit(event_id: int):
    event = _managed(event_id)
    form = EventForm()
    if request.method == "GET":
        form.process(obj=event)
        for name in ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at"):
            getattr(form, name).data = _local(getattr(event, name), event.timezone)
        form.organisers.data = ", ".join(o.user.username for o in event.organisers)
    if form.validate_on_submit():
        try:
            services.update_event(current_user, event, form.data_for_service())
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            flash(_("The event has been updated."), "success")
            extra = rsvp.over_capacity(event)
            if extra:
                flash(_("%(n)s confirmed people are above the new capacity. They keep their "
                        "seats; nobody new gets in until places free up.", n=extra), "info")
            return redirect(url_for("events.detail", event_id=event.id))
    return render_form("events/form.html", form, group=event.group, event=event)


@bp.post("/<int:event_id>/cancel")
@login_required
def cancel(event_id: int):
    services.cancel_event(current_user, _managed(event_id))
    flash(_("The event is cancelled. Everyone who answered has been told."), "success")
    return redirect(url_for("events.detail", event_id=event_id))


@bp.post("/<int:event_id>/registration")
@login_required
def registration(event_id: int):
    event = _managed(event_id)
    closed = request.form.get("closed") == "1"
    services.close_registration(current_user, event, closed)
    flash(_("Registration is closed.") if closed else _("Registration is open again."),
          "success")
    return redirect(url_for("events.detail", event_id=event_id))


@bp.route("/<int:event_id>/sessions/new", methods=["GET", "POST"])
@login_required
def session_new(event_id: int):
    event = _managed(event_id)
    form = SessionForm()
    if request.method == "GET":
        form.starts_at.data = _local(event.starts_at, event.timezone)
        form.ends_at.data = _local(event.starts_at, event.timezone)
    if form.validate_on_submit():
        data = {k: getattr(form, k).data for k in ("title", "description", "starts_at",
                                                    "ends_at", "room", "track", "capacity")}
        data["speakers"] = (form.speakers.data or "").split(",")
        try:
            services.add_session(current_user, event, data)
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            flash(_("The session is on the agenda."), "success")
            return redirect(url_for("events.detail", event_id=event.id) + "#agenda")
    return render_form("events/session_form.html", form, event=event)


@bp.post("/<int:event_id>/sessions/<int:session_id>/delete")
@login_required
def session_delete(event_id: int, session_id: int):
    event = _managed(event_id)
    session = db.session.get(EventSession, session_id)
    if session is None or session.event_id != event.id:
        raise NotFound()
    services.delete_session(current_user, session)
    flash(_("The session was removed from the agenda."), "success")
    return redirect(url_for("events.detail", event_id=event.id) + "#agenda")


@bp.get("/<int:event_id>/attendees")
@login_required
def attendees(event_id: int):
    event = _managed(event_id)
    return render_template("events/attendees.html", event=event,
                           rows=attendance.attendees(event))


@bp.get("/<int:event_id>/attendees.csv")
@login_required
def attendees_csv(event_id: int):
    event = _managed(event_id)
    response = Response(attendance.attendees_csv(event), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="attendees-{event.id}.csv"'
    return response


@bp.route("/<int:event_id>/check-in", methods=["GET", "POST"])
@login_required
def check_in(event_id: int):
    """The door: accepts a scanned QR link (prefills the code) or a typed code."""
    event = _managed(event_id)
    form = CheckInForm()
    if request.method == "GET" and request.args.get("code"):
        form.code.data = attendance.normalise_code(request.args["code"])[:40]
    if form.validate_on_submit():
        try:
            done = attendance.check_in(current_user, event, form.code.data)
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            flash(_("%(name)s is checked in.", name=done.user.display_name), "success")
            return redirect(url_for("events.check_in", event_id=event.id))
    return render_form("events/check_in.html", form, event=event)


@bp.route("/<int:event_id>/announce", methods=["GET", "POST"])
@login_required
def announce(event_id: int):
    event = _managed(event_id)
    form = AnnounceForm()
    if form.validate_on_submit():
        try:
            sent = attendance.announce(current_user, event, form.subject.data, form.body.data)
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            flash(_("Announcement sent to %(n)s people.", n=sent), "success")
            return redirect(url_for("events.detail", event_id=event.id))
    return render_form("events/announce.html", form, event=event)

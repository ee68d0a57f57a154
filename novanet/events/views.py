"""Events pages: lists, month calendar, event page, RSVP, calendar files and feeds."""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import format_date, get_timezone
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from novanet.core.errors import DomainError, NotFound
from novanet.core.pagination import clamp_limit
from novanet.events import attendance, calendars, certificates, policy, queries, rsvp
from novanet.events.forms import RsvpForm
from novanet.events.models import TYPES, Certificate, EventSession
from novanet.extensions import db
from novanet.groups import policy as group_policy
from novanet.groups.models import Group

bp = Blueprint("events", __name__, url_prefix="/events")


def type_label(kind: str) -> str:
    return {"congress": _("Congress"), "lab": _("Government lab session"),
            "webinar": _("Webinar"), "meetup": _("Meetup")}.get(kind, kind)


def status_label(status: str, position: int | None = None) -> str:
    if status == "waitlisted":
        return _("Waiting list – place %(n)s", n=position) if position else _("Waiting list")
    return {"going": _("Going"), "maybe": _("Maybe"), "not_going": _("Not going")}.get(status,
                                                                                        status)


def install_globals(app) -> None:
    app.jinja_env.globals.update(event_type_label=type_label, rsvp_status_label=status_label,
                                 event_policy=policy)


@bp.get("/")
def index():
    """Upcoming (or past) events, filtered by type, country or group; paginated."""
    when = "past" if request.args.get("when") == "past" else "upcoming"
    kind = request.args.get("type") if request.args.get("type") in TYPES else None
    country = (request.args.get("country") or "").upper()[:2] or None
    group = request.args.get("group") or None
    mine = request.args.get("mine") == "1" and current_user.is_authenticated
    filters = queries.Filters(when=when, type=kind, country=country, group=group, mine=mine)
    page = queries.listing(current_user, filters,
                           limit=clamp_limit(None, current_app.config["PAGE_SIZE"]),
                           cursor=request.args.get("cursor"))
    return render_template("events/index.html", page=page, filters=filters, types=TYPES,
                           countries=queries.countries(current_user))


@bp.get("/calendar")
def month():
    """A month as an accessible table, in the viewer's time zone."""
    zone = str(get_timezone())
    year, month_no = queries.parse_month(request.args.get("month"), zone)
    grid = queries.month(current_user, year, month_no, zone)
    return render_template("events/month.html", grid=grid, zone=zone,
                           label=format_date(grid.first, "LLLL y"))


@bp.get("/<int:event_id>")
def detail(event_id: int):
    event = policy.get_visible(current_user, event_id)
    mine = rsvp.current(current_user, event)
    position = rsvp.waitlist_position(mine)
    form = RsvpForm(status=mine.status if mine and mine.status != "waitlisted" else "going",
                    public=mine.public if mine else False, note=mine.note if mine else "")
    ticket = None
    if mine is not None and mine.status == "going" and mine.code:
        ticket = certificates.qr_svg(url_for("events.check_in", event_id=event.id,
                                             code=mine.code, _external=True),
                                     _("Your check-in code"))
    has_certificate = current_user.is_authenticated and db.session.scalar(
        select(Certificate.id).where(Certificate.event_id == event.id,
                                     Certificate.user_id == current_user.id)) is not None
    return render_template(
        "events/detail.html", event=event, mine=mine, position=position, form=form,
        ticket=ticket, problem=rsvp.registration_problem(event),
        agenda=attendance.agenda_ids(current_user, event),
        public_attendees=attendance.public_attendees(event),
        links=calendars.add_links(event), has_certificate=has_certificate,
        joining_link=policy.sees_joining_link(current_user, event, mine),
        can_manage=policy.can_manage(current_user, event))


@bp.post("/<int:event_id>/rsvp")
@login_required
def answer(event_id: int):
    event = policy.get_visible(current_user, event_id)
    form = RsvpForm()
    status = form.status.data or request.form.get("status", "")
    try:
        result = rsvp.set_rsvp(current_user, event, status, public=form.public.data,
                               note=form.note.data)
    except DomainError as exc:
        flash(" ".join([str(exc.message), *exc.fields.values()]), "error")
        return redirect(url_for("events.detail", event_id=event.id))
    if result.status == "waitlisted":
        flash(_("The event is full. You are on the waiting list – place %(n)s. We will tell "
                "you if a seat frees up.", n=result.waitlist_position), "info")
    else:
        flash(_("Your answer is saved: %(status)s.", status=status_label(result.status)),
              "success")
    return redirect(url_for("events.detail", event_id=event.id))


def _session(event_id: int, session_id: int) -> EventSession:
    event = policy.get_visible(current_user, event_id)
    session = db.session.get(EventSession, session_id)
    if session is None or session.event_id != event.id:
        raise NotFound()
    return session


@bp.post("/<int:event_id>/sessions/<int:session_id>/agenda")
@login_required
def agenda_add(event_id: int, session_id: int):
    session = _session(event_id, session_id)
    try:
        attendance.add_to_agenda(current_user, session)
        flash(_("Added to your agenda."), "success")
    except DomainError as exc:
        flash(str(exc.message), "error")
    return redirect(url_for("events.detail", event_id=event_id) + f"#session-{session_id}")


@bp.post("/<int:event_id>/sessions/<int:session_id>/agenda/remove")
@login_required
def agenda_remove(event_id: int, session_id: int):
    attendance.remove_from_agenda(current_user, _session(event_id, session_id))
    flash(_("Removed from your agenda."), "success")
    return redirect(url_for("events.detail", event_id=event_id) + f"#session-{session_id}")


@bp.get("/<int:event_id>/my-agenda")
@login_required
def my_agenda(event_id: int):
    event = policy.get_visible(current_user, event_id)
    chosen = attendance.agenda_ids(current_user, event)
    sessions = [s for s in event.sessions if s.id in chosen]
    return render_template("events/my_agenda.html", event=event, sessions=sessions)


@bp.get("/<int:event_id>.ics")
def ics(event_id: int):
    event = policy.get_visible(current_user, event_id)
    cal = calendars.calendar([calendars.event_component(event)], event.title)
    return calendars.ics_response(cal, f"event-{event.id}.ics")


@bp.get("/<int:event_id>/sessions/<int:session_id>.ics")
def session_ics(event_id: int, session_id: int):
    session = _session(event_id, session_id)
    cal = calendars.calendar([calendars.session_component(session)], session.title)
    return calendars.ics_response(cal, f"event-{event_id}-session-{session_id}.ics")


@bp.get("/feed.ics")
def site_feed():
    return calendars.ics_response(calendars.site_feed(), "novanet-events.ics")


@bp.get("/groups/<slug>.ics")
def group_feed(slug: str):
    group = db.session.scalar(select(Group).where(Group.slug == slug))
    if group is None or group.visibility == "secret":
        raise NotFound()
    if group.visibility != "public":
        abort(403)
    return calendars.ics_response(calendars.group_feed(group), f"{group.slug}-events.ics")


@bp.get("/feeds/<token>.ics")
def personal_feed(token: str):
    user = calendars.user_for_feed(token)
    if user is None:
        raise NotFound()
    return calendars.ics_response(calendars.personal_feed(user), "my-events.ics")


@bp.route("/calendar-feed", methods=["GET", "POST"])
@login_required
def feed_settings():
    """Create, replace or revoke the personal calendar address."""
    if request.method == "POST":
        if request.form.get("action") == "revoke":
            calendars.revoke_feed(current_user)
            flash(_("Your calendar address no longer works."), "success")
        else:
            calendars.reset_feed(current_user)
            flash(_("Your calendar address is ready. Any older address stopped working."),
                  "success")
        return redirect(url_for("events.feed_settings"))
    feed = calendars.feed_of(current_user)
    url = url_for("events.personal_feed", token=feed.token, _external=True) if feed else None
    return render_template("events/feed.html", feed_url=url)


@bp.get("/<int:event_id>/certificate.pdf")
@login_required
def certificate(event_id: int):
    event = policy.get_visible(current_user, event_id)
    cert = attendance.certificate_for(current_user, event)
    response = current_app.response_class(certificates.certificate_pdf(cert),
                                          mimetype="application/pdf")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="certificate-event-{event.id}.pdf"')
    return response


@bp.get("/certificates/<token>")
def verify_certificate(token: str):
    """Public check that a certificate is genuine (name, event, dates, hours)."""
    cert = db.session.scalar(select(Certificate).where(Certificate.token == token[:32]))
    if cert is None:
        raise NotFound(_("There is no certificate with this address."))
    return render_template("events/verify.html", cert=cert,
                           group_visible=cert.event.group is None
                           or group_policy.can_view(current_user, cert.event.group))

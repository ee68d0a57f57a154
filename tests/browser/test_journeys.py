"""Journeys across features as members walk them in the browser: a private group with
approval (and the notification it sends), a blog post, an event that fills up and is found
by search."""

from datetime import datetime, timedelta

import pytest

from tests.factories import PASSWORD, make_group, make_user

pytestmark = pytest.mark.browser


def log_in(page, username):
    page.goto("/login")
    page.get_by_label("Username or e-mail").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/login" not in url)


def test_private_group_join_needs_approval_and_notifies(make_page, live_server, axe_check):
    with live_server.app_context():
        owner = make_user("ana", display_name="Ana Sousa")
        make_user("martin", display_name="Martín Gómez")
        make_group("Gobierno abierto", owner=owner, slug="gobierno-abierto",
                   visibility="private")
    applicant, moderator = make_page(), make_page()
    log_in(applicant, "martin")
    applicant.goto("/groups/gobierno-abierto")
    applicant.get_by_role("link", name="Ask to join").click()
    applicant.get_by_label("Message to the moderators").fill(
        "Coordino el portal de transparencia de Rosario.")
    applicant.get_by_role("button", name="Send the request").click()
    applicant.goto("/groups/gobierno-abierto")
    assert applicant.get_by_role("button", name="Leave the group").count() == 0

    log_in(moderator, "ana")
    moderator.goto("/groups/gobierno-abierto/requests")
    request = moderator.locator("li, tr").filter(has_text="Martín Gómez").last
    request.get_by_text("portal de transparencia de Rosario").wait_for()
    axe_check(moderator)
    request.get_by_role("button", name="Approve").click()
    moderator.wait_for_load_state()

    applicant.goto("/groups/gobierno-abierto")
    applicant.get_by_role("button", name="Leave the group").wait_for()
    applicant.goto("/notifications/")
    applicant.locator("main").get_by_text(
        "Your request to join Gobierno abierto was approved.").wait_for()
    axe_check(applicant)


def test_publish_a_blog_post(page, live_server, axe_check):
    with live_server.app_context():
        make_user("emma", display_name="Emma Clarke")
    log_in(page, "emma")
    page.goto("/blogs/new")
    page.get_by_label("Title", exact=True).fill("Lessons from GOV.UK Notify")
    page.get_by_label("Post", exact=True).fill("Shared **notification** platforms save money.")
    page.get_by_label("Tags").fill("notificaciones, servicios comunes")
    page.get_by_label("Publish now").check()
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_role("heading", name="Lessons from GOV.UK Notify", level=1).wait_for()
    assert page.locator("main strong", has_text="notification").count() >= 1
    axe_check(page)

    page.goto("/blogs")
    page.locator("main").get_by_role("link", name="Lessons from GOV.UK Notify").wait_for()



def test_event_with_one_seat_fills_and_starts_a_waiting_list(make_page, live_server, axe_check):
    with live_server.app_context():
        for name, display in (("camila", "Camila Fuentes"), ("jordi", "Jordi Puig"),
                              ("joao", "João Silva")):
            make_user(name, display_name=display)
    organiser = make_page()
    log_in(organiser, "camila")
    organiser.goto("/events/new")
    start = (datetime.now() + timedelta(days=10)).replace(hour=10, minute=0)
    organiser.get_by_label("Title").fill("Laboratorio de firma electrónica")
    organiser.get_by_label("Starts").fill(start.strftime("%Y-%m-%dT%H:%M"))
    organiser.get_by_label("Ends").fill((start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"))
    organiser.get_by_label("Venue").fill("Sala 3")
    organiser.get_by_label("City").fill("Santiago")
    organiser.get_by_label("Seats").fill("1")
    organiser.get_by_role("button", name="Publish the event").click()
    organiser.get_by_role("heading", name="Laboratorio de firma electrónica", level=1).wait_for()
    event_url = organiser.url

    organiser.goto("/")
    search = organiser.get_by_role("search").get_by_label("Search NovaNet")
    search.fill("firma electrónica")
    search.press("Enter")
    organiser.wait_for_url(lambda url: "/search" in url)
    organiser.locator("main").get_by_role("link", name="Laboratorio de firma electrónica").wait_for()
    axe_check(organiser)
    organiser.goto("/search?q=presupuestos+participativos")
    assert organiser.locator("main").get_by_role(
        "link", name="Laboratorio de firma electrónica").count() == 0

    def answer(username):
        page = make_page()
        log_in(page, username)
        page.goto(event_url)
        page.get_by_label("Going", exact=True).check()
        page.get_by_role("button", name="Save my answer").click()
        page.wait_for_load_state()
        return page

    first = answer("jordi")
    assert first.locator(".rsvp-box .status-badge").inner_text().strip() == "Going"
    second = answer("joao")
    badge = second.locator(".rsvp-box .status-badge").inner_text().strip()
    assert badge == "Waiting list – place 1", badge
    axe_check(second)

    first.goto(event_url)
    first.get_by_label("Not going").check()
    first.get_by_role("button", name="Save my answer").click()
    first.wait_for_load_state()
    second.reload()
    assert second.locator(".rsvp-box .status-badge").inner_text().strip() == "Going"

"""Event lists load in a bounded number of queries, whatever their length."""

from novanet.events import rsvp
from tests.events.factories import make_event
from tests.factories import make_group, make_user


def _fill(n, viewer):
    group = make_group(visibility="public")
    for i in range(n):
        event = make_event(title=f"Evento {i}", group=group if i % 2 else None,
                           organisers=[make_user().username] if i % 3 == 0 else [])
        rsvp.set_rsvp(viewer, event, "going")


def test_list_queries_do_not_grow_with_events(app, client, auth, api, count_queries):
    viewer = make_user()
    _fill(3, viewer)
    auth.login(viewer)
    token_client = api.as_user(viewer)
    with count_queries() as small_html:
        assert client.get("/events/").status_code == 200
    with count_queries() as small_api:
        assert token_client.get("/api/v1/events").status_code == 200
    _fill(12, viewer)
    with count_queries() as big_html:
        assert client.get("/events/").status_code == 200
    with count_queries() as big_api:
        assert token_client.get("/api/v1/events").status_code == 200
    assert big_html.count == small_html.count
    assert big_api.count == small_api.count

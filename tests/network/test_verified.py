import pytest
from sqlalchemy import select

from novanet.accounts.models import User
from novanet.extensions import db
from novanet.network import services
from tests.factories import make_user


@pytest.mark.parametrize("email,verified,expected", [
    ("ana@madrid.es", True, True),
    ("ana@urbanismo.madrid.es", True, True),
    ("ana@madrid.es", False, False),          # address not verified
    ("ana@notmadrid.es", True, False),        # suffix without a dot boundary
    ("madrid.es@gmail.com", True, False),     # domain in the local part
    ("ana@madrid.es.evil.com", True, False),
])
def test_verified_employee_rule(app, admin, email, verified, expected):
    services.add_domain(admin, "madrid.es")
    u = make_user("ana", email=email, verified=verified)
    assert services.is_verified_employee(u) is expected
    found = db.session.scalars(select(User.username).where(services.verified_condition())).all()
    assert ("ana" in found) is expected


@pytest.mark.parametrize("bad", ["", "madrid", "@", "ma drid.es", "http://madrid.es", "a" * 300,
                                 "madrid..es", "-x.es"])
def test_bad_domains_are_field_errors(app, admin, bad):
    from novanet.core.errors import Invalid

    with app.test_request_context(), pytest.raises(Invalid) as exc:
        services.add_domain(admin, bad)
    assert "domain" in exc.value.fields


def test_domain_normalised_and_unique(app, admin):
    from novanet.core.errors import Invalid

    assert services.add_domain(admin, " @Gob.MX ").domain == "gob.mx"
    with app.test_request_context(), pytest.raises(Invalid):
        services.add_domain(admin, "gob.mx")


def test_admin_page_manages_domains(client, auth, admin):
    auth.login(admin)
    r = client.post("/admin/verified-domains", data={"domain": "gencat.cat",
                                                     "label": "Generalitat"})
    assert r.status_code == 302
    page = client.get("/admin/verified-domains").get_data(as_text=True)
    assert "gencat.cat" in page and "Generalitat" in page
    r = client.post("/admin/verified-domains", data={"domain": "not a domain"})
    assert r.status_code == 400
    assert "Enter a domain" in r.get_data(as_text=True)
    row = services.list_domains()[0]
    client.post(f"/admin/verified-domains/{row.id}/delete")
    assert services.list_domains() == []


def test_admin_page_is_for_admins_only(client, auth, user):
    auth.login(user)
    assert client.get("/admin/verified-domains").status_code == 403
    assert client.post("/admin/verified-domains", data={"domain": "x.es"}).status_code == 403
    assert services.list_domains() == []


def test_badge_macro_renders_labelled_mark(app, admin):
    from flask import render_template_string

    services.add_domain(admin, "gov.pt")
    yes = make_user("joao", email="joao@saude.gov.pt")
    no = make_user("rui", email="rui@example.org")
    tpl = '{% from "_macros/ui.html" import person %}{{ person(u) }}'
    with app.test_request_context():
        assert "Verified public employee" in render_template_string(tpl, u=yes)
        assert "Verified public employee" not in render_template_string(tpl, u=no)


def test_directory_api_filters_and_marks_verified(api, admin):
    services.add_domain(admin, "gob.mx")
    make_user("rosa", email="rosa@cdmx.gob.mx")
    make_user("juan", email="juan@example.org")
    c = api.as_user(None)
    items = c.get("/api/v1/users?verified=true").json["items"]
    assert [i["username"] for i in items] == ["rosa"] and items[0]["verified_employee"] is True
    everyone = {i["username"]: i["verified_employee"] for i in c.get("/api/v1/users").json["items"]}
    assert everyone["juan"] is False and everyone["rosa"] is True
    assert c.get("/api/v1/users/rosa").json["verified_employee"] is True


@pytest.mark.config(VERIFIED_DOMAINS_TTL=60)
def test_domain_list_is_kept_briefly_and_dropped_on_change(app, admin, count_queries):
    domain = services.add_domain(admin, "madrid.es")
    u = make_user("ana", email="ana@madrid.es", verified=True)
    assert services.is_verified_employee(u)
    with app.test_request_context(), count_queries() as kept:  # another request
        assert services.is_verified_employee(u)
    assert kept.count == 0
    services.remove_domain(domain.id)
    assert not services.is_verified_employee(u)

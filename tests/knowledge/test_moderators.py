"""Administrators manage the bank's moderators; moderators review, nobody else does."""

import pytest
from sqlalchemy import select

from novanet.extensions import db
from novanet.knowledge.models import KnowledgeModerator
from tests.factories import PASSWORD, make_user
from tests.knowledge.factories import make_moderator, make_practice


def login(client, user):
    client.post("/login", data={"login": user.username, "password": PASSWORD})


def test_admin_adds_and_removes_a_moderator(client):
    admin = make_user("jefa", is_admin=True)
    candidate = make_user("revisora")
    login(client, admin)
    assert client.get("/knowledge/moderators").status_code == 200
    unknown = client.post("/knowledge/moderators", data={"mod-username": "nadie"})
    assert unknown.status_code == 400 and 'href="#mod-username"' in unknown.get_data(as_text=True)
    assert client.post("/knowledge/moderators",
                       data={"mod-username": "Revisora"}).status_code == 302
    assert db.session.get(KnowledgeModerator, candidate.id) is not None
    assert client.post("/knowledge/moderators/revisora/remove").status_code == 302
    assert db.session.scalar(select(KnowledgeModerator)) is None


def test_members_and_moderators_cannot_manage_moderators(client):
    login(client, make_moderator("mod1"))
    assert client.get("/knowledge/moderators").status_code == 403
    assert client.post("/knowledge/moderators",
                       data={"mod-username": "mod1"}).status_code == 403


@pytest.mark.parametrize("who,status", [("anonymous", 302), ("member", 404),
                                        ("author", 403), ("moderator", 302), ("admin", 302)])
def test_who_may_publish(client, who, status):
    author = make_user("autor")
    practice = make_practice(author, status="submitted")
    people = {"member": make_user("socio"), "author": author,
              "moderator": make_moderator("modera"), "admin": make_user("adm", is_admin=True)}
    if who != "anonymous":
        login(client, people[who])
    response = client.post(f"/knowledge/practices/{practice.id}/review",
                           data={"action": "publish"})
    assert response.status_code == status
    db.session.refresh(practice)
    published = who in ("moderator", "admin")
    assert practice.status == ("published" if published else "submitted")


def test_cli_grants_the_role(runner):
    user = make_user("consola")
    result = runner.invoke(args=["knowledge-moderator", "consola"])
    assert result.exit_code == 0, result.output
    assert db.session.get(KnowledgeModerator, user.id) is not None
    assert runner.invoke(args=["knowledge-moderator", "nadie"]).exit_code != 0

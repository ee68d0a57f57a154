"""Plain factory functions with sensible defaults, going through the real services."""

import itertools

from novanet.accounts import services as accounts
from novanet.accounts.models import User
from novanet.extensions import db
from novanet.groups.models import Group, Membership

PASSWORD = "correct horse battery staple"
_seq = itertools.count(1)


def make_user(username: str | None = None, *, verified: bool = True, is_admin: bool = False,
              password: str = PASSWORD, **profile) -> User:
    n = next(_seq)
    username = username or f"member{n}"
    user = accounts.register(username=username, email=profile.pop("email", f"{username}@example.org"),
                             password=password,
                             display_name=profile.pop("display_name", username.title()),
                             is_admin=is_admin, verified=verified)
    if profile:
        from novanet.accounts.profiles import update_profile

        update_profile(user, profile)
    return user


def make_group(name: str | None = None, *, owner: User | None = None, visibility: str = "public",
               slug: str | None = None, **fields) -> Group:
    """A group with an owner membership (bypasses the groups service on purpose: a fixture)."""
    n = next(_seq)
    name = name or f"Group {n}"
    owner = owner or make_user()
    group = Group(name=name, slug=slug or f"group-{n}", visibility=visibility, **fields)
    db.session.add(group)
    db.session.flush()
    db.session.add(Membership(group_id=group.id, user_id=owner.id, role="owner", status="active"))
    group.member_count = 1
    db.session.commit()
    return group


def add_member(group: Group, user: User, *, role: str = "member", status: str = "active") -> Membership:
    membership = Membership(group_id=group.id, user_id=user.id, role=role, status=status)
    db.session.add(membership)
    if status == "active":
        group.member_count += 1
    db.session.commit()
    return membership


def english_client(app):
    """A test client whose requests say Accept-Language: en (the default locale is es)."""
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


class ApiClient:
    def __init__(self, app):
        self.app = app

    def as_user(self, user: User | None):
        client = english_client(self.app)
        if user is None:
            return client
        _, secret = accounts.create_token(user, "tests")
        client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
        return client

"""Follows and verified affiliation: the rules, the writes and the queries behind them."""

import re
import time

from flask import current_app, g
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, delete, exists, func, literal, or_, select
from sqlalchemy.exc import IntegrityError

from novanet.accounts.models import User
from novanet.core import signals
from novanet.core.errors import Invalid, NotFound
from novanet.extensions import db
from novanet.network.models import Follow, VerifiedDomain

_DOMAIN = re.compile(r"^(?=.{3,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


# ---- follows -----------------------------------------------------------------------------

def follow(follower: User, target: User) -> bool:
    """Start following a member. Returns False when already following; refuses oneself."""
    if follower.id == target.id:
        raise Invalid(_l("You cannot follow yourself."),
                      fields={"username": _l("You cannot follow yourself.")}, code="self_follow")
    if target.suspended_at is not None:
        raise NotFound()
    if is_following(follower, target):
        return False
    db.session.add(Follow(follower_id=follower.id, followed_id=target.id))
    try:
        db.session.commit()
    except IntegrityError:  # a second click raced the first one
        db.session.rollback()
        return False
    signals.followed.send("network", follower=follower, followed=target)
    return True


def unfollow(follower: User, target: User) -> bool:
    result = db.session.execute(delete(Follow).where(Follow.follower_id == follower.id,
                                                     Follow.followed_id == target.id))
    db.session.commit()
    return bool(result.rowcount)


def is_following(follower, target: User) -> bool:
    if follower is None or not getattr(follower, "is_authenticated", False):
        return False
    return db.session.get(Follow, (follower.id, target.id)) is not None


def followed_ids(user: User):
    """Subquery: ids of the members this person follows."""
    return select(Follow.followed_id).where(Follow.follower_id == user.id)


def counts(user: User) -> dict:
    followers = db.session.scalar(select(func.count()).where(Follow.followed_id == user.id))
    following = db.session.scalar(select(func.count()).where(Follow.follower_id == user.id))
    return {"followers": followers or 0, "following": following or 0}


def get_member(username: str) -> User:
    user = db.session.scalar(select(User).where(User.username == (username or "").lower()))
    if user is None or user.suspended_at is not None:
        raise NotFound()
    return user


# ---- verified affiliation ----------------------------------------------------------------

def clean_domain(value: str) -> str:
    domain = (value or "").strip().lower().lstrip("@").rstrip(".")
    if domain.startswith("*."):
        domain = domain[2:]
    if not _DOMAIN.match(domain):
        raise Invalid(fields={"domain": _l("Enter a domain such as madrid.es (no @, no spaces).")})
    return domain


def add_domain(admin: User, domain: str, label: str = "") -> VerifiedDomain:
    """Add an institutional domain (administrators only; duplicates are a field error)."""
    domain = clean_domain(domain)
    label = " ".join((label or "").split())
    if len(label) > 160:
        raise Invalid(fields={"label": _l("Use at most %(n)s characters.", n=160)})
    if db.session.scalar(select(VerifiedDomain.id).where(VerifiedDomain.domain == domain)):
        raise Invalid(fields={"domain": _l("That domain is already on the list.")})
    row = VerifiedDomain(domain=domain, label=label, added_by_id=admin.id)
    db.session.add(row)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise Invalid(fields={"domain": _l("That domain is already on the list.")}) from None
    _forget_domains()
    return row


def remove_domain(domain_id: int) -> None:
    row = db.session.get(VerifiedDomain, domain_id)
    if row is None:
        raise NotFound()
    db.session.delete(row)
    db.session.commit()
    _forget_domains()


def list_domains() -> list[VerifiedDomain]:
    return list(db.session.scalars(select(VerifiedDomain).order_by(VerifiedDomain.domain)))


def _domains() -> tuple[str, ...]:
    """The domain list, kept by the application for VERIFIED_DOMAINS_TTL seconds (how long
    another process may show a removed domain's badge): every name shown on a page asks for
    it, and it changes a few times a year."""
    if "_verified_domains" in g:  # a page with many names asks once
        return g._verified_domains
    hit = current_app.extensions.get("verified_domains")
    if hit is not None and hit[0] > time.monotonic():
        found = hit[1]
    else:
        found = tuple(db.session.scalars(select(VerifiedDomain.domain)))
        ttl = current_app.config.get("VERIFIED_DOMAINS_TTL", 30.0)
        current_app.extensions["verified_domains"] = (time.monotonic() + ttl, found)
    g._verified_domains = found
    return found


def _forget_domains() -> None:
    current_app.extensions.pop("verified_domains", None)
    g.pop("_verified_domains", None)


def domain_matches(email_domain: str, domains) -> bool:
    return any(email_domain == d or email_domain.endswith("." + d) for d in domains)


def is_verified_employee(user) -> bool:
    """A verified e-mail address on an institutional domain (or one of its subdomains)."""
    if user is None or getattr(user, "email_verified_at", None) is None:
        return False
    email_domain = user.email.rpartition("@")[2]
    return domain_matches(email_domain, _domains())


def verified_condition():
    """SQL condition on User: the verified public employees."""
    # Domains hold only [a-z0-9.-], so they are safe inside LIKE patterns.
    match = exists().where(or_(User.email.like(literal("%@") + VerifiedDomain.domain),
                               User.email.like(literal("%.") + VerifiedDomain.domain)))
    return and_(User.email_verified_at.is_not(None), match)

"""Accounts API: registration, personal access tokens, me, people."""

from flask import Blueprint, current_app
from flask_login import current_user
from sqlalchemy import select

from novanet.accounts import profiles, services
from novanet.accounts.models import User
from novanet.accounts.schemas import (
    MeOut,
    ProfileIn,
    RegisterIn,
    TokenIn,
    TokenOut,
    UserOut,
    UserQuery,
)
from novanet.api.schema import endpoint, page_of
from novanet.core.errors import Forbidden, NotFound
from novanet.core.pagination import paginate
from novanet.extensions import csrf, db, limiter

bp = Blueprint("accounts_api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)


def _login_limit():
    return current_app.config["LOGIN_RATE_LIMIT"]


def _register_limit():
    return current_app.config["REGISTER_RATE_LIMIT"]


@bp.post("/auth/register")
@limiter.limit(_register_limit)
@endpoint("Register a new member", tags=["auth"], body=RegisterIn, response=MeOut, status=201,
          auth=False, errors=[409, 429])
def register(body: RegisterIn):
    """Create an account; with required verification a link is e-mailed before login works."""
    return services.register(username=body.username, email=body.email, password=body.password,
                             display_name=body.display_name)


@bp.post("/auth/tokens")
@limiter.limit(_login_limit)
@endpoint("Create a personal access token", tags=["auth"], body=TokenIn, response=TokenOut,
          status=201, auth=False, errors=[403, 429])
def create_token(body: TokenIn):
    """Exchange login and password for a token (accounts with two-factor use the settings page)."""
    user = services.authenticate(body.login, body.password)
    if user.totp_enabled:
        raise Forbidden("Accounts with two-factor sign-in create tokens in Settings → API tokens.",
                        code="two_factor_required")
    token, secret = services.create_token(user, body.name)
    out = TokenOut.model_validate(token)
    out.token = secret
    return out


@bp.delete("/auth/tokens/<int:token_id>")
@endpoint("Revoke one of my tokens", tags=["auth"], status=204, errors=[404])
def revoke_token(token_id: int):
    services.revoke_token(current_user, token_id)


@bp.get("/me")
@endpoint("My account and profile", tags=["people"], response=MeOut)
def me():
    return current_user


@bp.patch("/me")
@endpoint("Update my profile", tags=["people"], body=ProfileIn, response=MeOut)
def update_me(body: ProfileIn):
    return profiles.update_profile(current_user, body.model_dump(exclude_unset=True))


@bp.get("/users")
@endpoint("The people directory", tags=["people"], query=UserQuery, response=page_of(UserOut),
          auth=False)
def users(query: UserQuery):
    stmt = profiles.directory_filter(select(User), country=query.country,
                                     organisation=query.organisation,
                                     expertise=query.expertise, q=query.q,
                                     include_suspended=bool(current_user.is_authenticated
                                                            and current_user.is_admin))
    if query.verified:
        from novanet.network.services import verified_condition

        stmt = stmt.where(verified_condition())
    return paginate(stmt, [User.id], session=db.session, limit=query.limit, cursor=query.cursor)


@bp.get("/users/<username>")
@endpoint("A member's public profile", tags=["people"], response=UserOut, auth=False,
          errors=[404])
def user(username: str):
    found = services.get_by_username(username)
    if found.suspended_at is not None and not (current_user.is_authenticated
                                               and current_user.is_admin):
        raise NotFound()
    return found


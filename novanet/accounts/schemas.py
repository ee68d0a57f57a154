"""API schemas for accounts: what clients send and receive."""

from datetime import datetime

from pydantic import Field, computed_field, model_validator

from novanet.accounts.models import User
from novanet.api.schema import Out, Schema


class RegisterIn(Schema):
    username: str = Field(max_length=64)
    email: str = Field(max_length=254)
    password: str = Field(max_length=1000)
    display_name: str = Field(max_length=200)


class TokenIn(Schema):
    login: str = Field(max_length=254)
    password: str = Field(max_length=1000)
    name: str = Field(max_length=200)


class TokenOut(Out):
    id: int
    name: str
    prefix: str
    created_at: datetime
    token: str | None = Field(None, description="The secret; shown only when the token is created.")


class ProfileIn(Schema):
    display_name: str | None = Field(None, max_length=200)
    position: str | None = Field(None, max_length=500)
    organisation: str | None = Field(None, max_length=500)
    level: str | None = None
    country: str | None = Field(None, max_length=10)
    city: str | None = Field(None, max_length=500)
    bio: str | None = Field(None, max_length=100_000)
    expertise: list[str] | None = None
    links: list[str] | None = None
    locale: str | None = None
    timezone: str | None = Field(None, max_length=64)


class UserOut(Out):
    username: str
    display_name: str
    position: str
    organisation: str
    level: str | None
    country: str | None
    city: str
    bio_html: str
    expertise_tags: list[str] = Field(serialization_alias="expertise")
    links: list[str]
    created_at: datetime
    avatar_key: str | None = Field(exclude=True)
    verified_employee: bool = Field(False, description="verified address on an institutional "
                                                       "domain")

    @model_validator(mode="wrap")
    @classmethod
    def _mark(cls, data, handler):
        out = handler(data)
        if isinstance(data, User):
            from novanet.network.services import is_verified_employee

            out.verified_employee = is_verified_employee(data)
        return out

    @computed_field
    def avatar_url(self) -> str | None:
        return f"/people/{self.username}/avatar" if self.avatar_key else None


class MeOut(UserOut):
    id: int
    email: str
    email_verified: bool = Field(validation_alias="is_verified")
    locale: str | None
    timezone: str | None
    is_admin: bool
    totp_enabled: bool


class UserQuery(Schema):
    q: str | None = Field(None, max_length=100)
    country: str | None = Field(None, max_length=2)
    organisation: str | None = Field(None, max_length=160)
    expertise: str | None = Field(None, max_length=40)
    verified: bool | None = Field(None, description="only verified public employees")
    limit: int = Field(20, ge=1, le=100)
    cursor: str | None = Field(None, max_length=200)

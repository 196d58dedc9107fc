"""Account requests and responses; what other members see is only the public profile."""

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from app.accounts.models import Member
from app.core.permissions import Role
from app.core.schemas import StrictModel
from app.core.security import PASSWORD_MAX
from app.core.text import PlainText
from app.moderation.schemas import ScreeningNotice

Password = PlainText(1, PASSWORD_MAX, multiline=False)
PseudonymIn = PlainText(1, 60, multiline=False)
Transport = Literal["cookie", "bearer"]


class JoinIn(StrictModel):
    pseudonym: PseudonymIn = Field(description="3-30 letters, digits, _ or -")
    password: Password = Field(description="at least 10 characters")
    agreed_rules_version: int = Field(description="the house rules version the member read and agreed to")
    transport: Transport = Field(
        default="cookie", description="cookie: a browser session; bearer: the token comes back in the body"
    )


class SignInIn(StrictModel):
    pseudonym: PseudonymIn
    password: Password
    transport: Transport = "cookie"


class RecoverIn(StrictModel):
    pseudonym: PseudonymIn
    recovery_code: PlainText(1, 64, multiline=False)  # type: ignore[valid-type]
    new_password: Password


class PasswordChangeIn(StrictModel):
    current_password: Password
    new_password: Password


class RulesAgreementIn(StrictModel):
    version: int


class ProfileIn(StrictModel):
    about_me: PlainText(0, 300) | None = None  # type: ignore[valid-type]
    avatar: str | None = Field(default=None, max_length=40)


class PublicProfile(BaseModel):
    pseudonym: str
    avatar: str
    about_me: str | None
    joined_at: datetime


class BreakState(BaseModel):
    since: datetime
    until: datetime | None

    @classmethod
    def of(cls, member: Member, now: datetime) -> "BreakState | None":
        if member.break_started_at is None or not member.on_break(now):
            return None
        return cls(since=member.break_started_at, until=member.break_until)


class AccountOut(PublicProfile):
    role: Role
    rules_version_agreed: int
    taking_a_break: BreakState | None = Field(
        default=None, description="set while taking a break; reading and posting stay open"
    )


class SessionOut(BaseModel):
    id: int
    device: str
    created_at: datetime
    last_seen_at: datetime
    expires_at: datetime
    current: bool


class SignedIn(BaseModel):
    account: AccountOut
    session: SessionOut
    token: str | None = Field(default=None, description="only for transport=bearer")
    csrf_token: str | None = Field(
        default=None, description="only for transport=cookie: send it as X-CSRF-Token on writes"
    )


class Joined(SignedIn):
    recovery_code: str = Field(description="shown once: the only way back in if the password is lost")
    screening: ScreeningNotice | None = Field(
        default=None, description="crisis help when the chosen name suggests someone may be at risk"
    )


class ProfileWritten(AccountOut):
    screening: ScreeningNotice | None = Field(
        default=None, description="crisis help when the words suggest someone may be at risk"
    )


class Recovered(BaseModel):
    recovery_code: str = Field(description="the new recovery code; the old one no longer works")


class MemberRef(BaseModel):
    pseudonym: str
    avatar: str


class AvatarList(BaseModel):
    avatars: list[str]

"""The community settings administrators edit: the team persona, moderation hours, thresholds, help
signposts, the moderators' canned removal messages and the team's welcome to new members. Each section
is stored as JSON under its name and validated by its schema on the way in and out; a section never
saved reads as its defaults.
"""

import json
from datetime import UTC, datetime, time
from functools import cache, lru_cache
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, BaseModel, Field, WithJsonSchema, field_validator, model_validator
from sqlalchemy import ScalarSelect, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.config import Settings
from app.core.db import utcnow
from app.core.text import PlainText
from app.moderation.models import Setting

Line = PlainText(1, 120, multiline=False)
Paragraph = PlainText(1, 1000)


@cache
def _deployment_persona() -> str:
    # Until administrators name the persona, the deployment's ALONGSIDE_TEAM_NAME names it.
    return Settings().team_name


class TeamSettings(BaseModel):
    """How the moderators appear to members."""

    persona_name: Line = Field(default_factory=_deployment_persona)  # type: ignore[valid-type]
    # When true, moderators sign what they send with their own pseudonym under the persona.
    sign_with_own_name: bool = False


# A wall-clock time in the hours' time zone. JSON Schema's "time" format demands an offset, which a local
# time has none of, so the schema says what the service really reads and writes.
def _local(value: time) -> time:
    if value.tzinfo is not None:
        raise ValueError("must be a local time such as 09:00, without an offset")
    return value


LocalTime = Annotated[
    time,
    AfterValidator(_local),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^\d{2}:\d{2}(:\d{2})?$",
            "description": "HH:MM, local to the time zone",
        }
    ),
]


class HoursWindow(BaseModel):
    days: list[Annotated[int, Field(ge=0, le=6)]] = Field(
        default=[0, 1, 2, 3, 4, 5, 6], min_length=1, description="0 is Monday"
    )
    start: LocalTime = time(9, 0)
    end: LocalTime = time(21, 0)

    @model_validator(mode="after")
    def _ordered(self) -> "HoursWindow":
        if self.end <= self.start:
            raise ValueError("end must be after start (split a window that crosses midnight in two)")
        return self


class ModerationHours(BaseModel):
    """When moderators are on duty; outside these hours automatic safeguards take over."""

    timezone: str = "Europe/London"
    windows: list[HoursWindow] = Field(default_factory=lambda: [HoursWindow()], max_length=21)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("must be an IANA time zone such as Europe/London") from None
        return value

    def on_duty(self, at: datetime) -> bool:
        local = at.astimezone(ZoneInfo(self.timezone))
        return any(
            local.weekday() in window.days and window.start <= local.time().replace(tzinfo=None) < window.end
            for window in self.windows
        )


class LadderStep(BaseModel):
    kind: Literal["warning", "suspension", "ban"]
    days: int | None = Field(default=None, ge=1, le=3650, description="suspensions only")

    @model_validator(mode="after")
    def _days_for_suspensions(self) -> "LadderStep":
        if (self.kind == "suspension") != (self.days is not None):
            raise ValueError("a suspension step needs days; other steps have none")
        return self


MOST_HELD_POSTS = 50


class Thresholds(BaseModel):
    # Outside moderation hours: this many different members reporting one item hides it until reviewed.
    hide_after_reporters: int = Field(default=3, ge=1, le=100)
    # Outside moderation hours: reports on this many of one member's items within the window stop them
    # posting until a moderator has reviewed.
    pause_after_reported_items: int = Field(default=5, ge=1, le=100)
    pause_window_hours: int = Field(default=24, ge=1, le=168)
    # A new member's first posts and replies wait for a moderator.
    new_member_held_posts: int = Field(default=3, ge=0, le=MOST_HELD_POSTS)
    # Crisis language: hold the words until a moderator has seen them (true), or publish and flag urgent.
    hold_crisis_posts: bool = True
    # The suggested next sanction, by the number of strikes in the last 12 months.
    strike_ladder: list[LadderStep] = Field(
        default_factory=lambda: [
            LadderStep(kind="warning"),
            LadderStep(kind="suspension", days=14),
            LadderStep(kind="suspension", days=30),
            LadderStep(kind="ban"),
        ],
        min_length=1,
        max_length=10,
    )


class Signpost(BaseModel):
    name: Line  # type: ignore[valid-type]
    description: Paragraph  # type: ignore[valid-type]
    contact: Line  # type: ignore[valid-type]
    how: Literal["call", "text", "web", "emergency"]
    available: Line | None = None  # type: ignore[valid-type]


class Signposts(BaseModel):
    """Crisis help, shown to anyone at any time, and at once to a member whose words show crisis."""

    intro: Paragraph = (  # type: ignore[valid-type]
        "If you are thinking about ending your life or you are in danger now, please reach out now. "
        "These services are free and open to you."
    )
    items: list[Signpost] = Field(
        default_factory=lambda: [
            Signpost(
                name="Emergency services",
                description="If you or someone else is in immediate danger, or has taken an overdose.",
                contact="999",
                how="emergency",
                available="24 hours",
            ),
            Signpost(
                name="Samaritans",
                description="Someone to talk to, whatever you're going through.",
                contact="116 123",
                how="call",
                available="24 hours, every day, free",
            ),
            Signpost(
                name="Shout",
                description="Text support if you'd rather not talk.",
                contact="Text SHOUT to 85258",
                how="text",
                available="24 hours, every day, free",
            ),
            Signpost(
                name="NHS 111",
                description="Urgent mental health help from the NHS; choose the mental health option.",
                contact="111",
                how="call",
                available="24 hours",
            ),
        ],
        min_length=1,
        max_length=20,
    )


class CannedMessage(BaseModel):
    key: Annotated[str, Field(pattern=r"^[a-z0-9_-]{1,40}$")]
    title: Line  # type: ignore[valid-type]
    text: Paragraph  # type: ignore[valid-type]


class RemovalMessages(BaseModel):
    """Texts moderators start from when they explain a removal; the rule is always named beside them."""

    items: list[CannedMessage] = Field(
        default_factory=lambda: [
            CannedMessage(
                key="may-trigger",
                title="Could be hard for others to read",
                text=(
                    "We've taken your words down because parts of them could be hard for others here to "
                    "read. You're welcome to post again without those details, and we're here if you "
                    "want to talk."
                ),
            ),
            CannedMessage(
                key="contact-details",
                title="Contact details",
                text=(
                    "We've taken your words down because they included contact details. Staying "
                    "anonymous keeps everyone safe; please post again without them."
                ),
            ),
            CannedMessage(
                key="unkind",
                title="Unkind words",
                text=(
                    "We've taken your words down because they could hurt someone. Everyone here is "
                    "going through something; please keep replies kind."
                ),
            ),
        ],
        max_length=50,
    )


class WelcomeSettings(BaseModel):
    """The team persona's message to every member who joins, in their conversation with the team."""

    message: Paragraph = (  # type: ignore[valid-type]
        "Welcome to Alongside. We're the moderation team, and we're glad you're here.\n\n"
        "Please read the house rules before you post: they keep this a safe place for everyone, and they "
        "were written with the community.\n\n"
        "The wall is where members share how they feel, at any hour. If you don't want to reply, you can "
        "press I hear you so someone knows they were heard. Posts nobody has heard yet are easy to find.\n\n"
        "Look after yourself: you can take a break whenever you need one, hide what you'd rather not see, "
        "and find crisis help on every page. You can message us here at any time."
    )


SECTIONS: dict[str, type[BaseModel]] = {
    "team": TeamSettings,
    "hours": ModerationHours,
    "thresholds": Thresholds,
    "signposts": Signposts,
    "removal_messages": RemovalMessages,
    "welcome": WelcomeSettings,
}


class CommunitySettings(BaseModel):
    team: TeamSettings = Field(default_factory=TeamSettings)
    hours: ModerationHours = Field(default_factory=ModerationHours)
    thresholds: Thresholds = Field(default_factory=Thresholds)
    signposts: Signposts = Field(default_factory=Signposts)
    removal_messages: RemovalMessages = Field(default_factory=RemovalMessages)
    welcome: WelcomeSettings = Field(default_factory=WelcomeSettings)


async def load(session: AsyncSession) -> CommunitySettings:
    """Every section, saved or default, in one query. Read always, validated only when the stored text
    changed (most posts need the thresholds): callers treat the answer as read-only."""
    rows = await session.execute(select(Setting.key, Setting.value).where(Setting.key.in_(SECTIONS)))
    return _parsed(tuple(sorted((key, value) for key, value in rows)))


def stored_thresholds() -> ScalarSelect[str | None]:
    """The thresholds section as stored (NULL while never saved), for a statement that reads it along
    with other things; `thresholds_of` reads its value."""
    return select(Setting.value).where(Setting.key == "thresholds").scalar_subquery()


def thresholds_of(stored: str | None) -> Thresholds:
    return _parsed((("thresholds", stored),) if stored is not None else ()).thresholds


@lru_cache(maxsize=8)
def _parsed(stored: tuple[tuple[str, str], ...]) -> CommunitySettings:
    return CommunitySettings.model_validate({key: json.loads(value) for key, value in stored})


async def save(session: AsyncSession, *, key: str, value: BaseModel, actor_id: int | None) -> None:
    """Store one section whole (validated by the caller's schema)."""
    row = await session.get(Setting, key)
    stored = value.model_dump_json()
    if row is None:
        session.add(Setting(key=key, value=stored, updated_at=utcnow(), updated_by_id=actor_id))
    else:
        row.value, row.updated_at, row.updated_by_id = stored, utcnow(), actor_id
    await session.flush()


def now_on_duty(settings: CommunitySettings, at: datetime | None = None) -> bool:
    return settings.hours.on_duty(at or datetime.now(UTC))

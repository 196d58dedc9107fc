"""House rules as members read them, and what screening tells an author about their words."""

from datetime import datetime

from pydantic import BaseModel, Field

from app.moderation.settings import Signposts


class HouseRuleOut(BaseModel):
    id: int
    position: int
    title: str
    text: str
    summary: str | None


class RuleSetOut(BaseModel):
    version: int
    published_at: datetime
    change_summary: str
    rules: list[HouseRuleOut]


class RuleRef(BaseModel):
    id: int
    title: str
    summary: str | None


class ScreeningNotice(BaseModel):
    """Beside words just stored: whether they wait for a moderator, under which rules, and crisis help."""

    held: bool = Field(description="waiting for a moderator: nobody else sees them yet")
    first_words: bool = Field(description="held because a new member's first words are read first")
    rules: list[RuleRef] = Field(description="the house rules the words are held under")
    help: Signposts | None = Field(description="crisis help, when the words show someone may be at risk")

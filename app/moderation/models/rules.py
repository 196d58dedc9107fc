"""House rules and their versions, screening checks, and the settings administrators edit.

Moderation data is append-only: rules retire rather than disappear, every version of the rule set is
kept as it was published, and the checks that screen words are versioned beside them.
"""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Boolean, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import Base, BigId, UTCDateTime, str_enum, utcnow


class RuleSetVersion(Base):
    __tablename__ = "rule_set_version"

    version: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    change_summary: Mapped[str] = mapped_column(Text)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"))


class HouseRule(Base):
    __tablename__ = "house_rule"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    position: Mapped[int]
    title: Mapped[str] = mapped_column(String(80))
    body: Mapped[str] = mapped_column(Text)
    summary: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Retired rules keep their id so old decisions can still cite them.
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class RuleRevision(Base):
    """A rule exactly as it read in one version of the rule set, so any version can be read again."""

    __tablename__ = "rule_revision"

    version: Mapped[int] = mapped_column(
        ForeignKey("rule_set_version.version", ondelete="CASCADE"), primary_key=True
    )
    rule_id: Mapped[int] = mapped_column(ForeignKey("house_rule.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int]
    title: Mapped[str] = mapped_column(String(80))
    body: Mapped[str] = mapped_column(Text)
    summary: Mapped[str | None] = mapped_column(Text)


class ScreeningVersion(Base):
    """Each change to the checks makes a version; every worker recompiles when it sees a newer one."""

    __tablename__ = "screening_version"

    version: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    change_summary: Mapped[str] = mapped_column(Text)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"))


class CheckKindColumn(StrEnum):
    phrases = "phrases"
    pattern = "pattern"
    shouting = "shouting"
    contact_details = "contact_details"
    crisis = "crisis"


class CheckActionColumn(StrEnum):
    nudge = "nudge"
    hold = "hold"
    block = "block"
    flag = "flag"


class ScreeningCheck(Base):
    """An automated check that enforces one house rule, with what happens when it matches."""

    __tablename__ = "screening_check"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    rule_id: Mapped[int] = mapped_column(ForeignKey("house_rule.id", ondelete="RESTRICT"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    kind: Mapped[CheckKindColumn] = mapped_column(str_enum(CheckKindColumn, "check_kind"))
    action: Mapped[CheckActionColumn] = mapped_column(str_enum(CheckActionColumn, "check_action"))
    phrases: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of words and phrases
    pattern: Mapped[str | None] = mapped_column(Text)
    min_letters: Mapped[int] = mapped_column(Integer, default=12)
    max_capital_share: Mapped[float] = mapped_column(Float, default=0.7)
    contact_kinds: Mapped[str] = mapped_column(Text, default="[]")  # JSON list
    # Crisis and self-harm text: moderators' screens blur it until they choose to read it.
    sensitive: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Setting(Base):
    """One section of the settings administrators edit (JSON, validated by its schema on the way in)."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"))

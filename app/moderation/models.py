"""House rules and the versions of the rule set members agree to."""

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import Base, BigId, UTCDateTime, utcnow


class RuleSetVersion(Base):
    __tablename__ = "rule_set_version"

    version: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    change_summary: Mapped[str] = mapped_column(Text)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


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

"""The review queue: one item per reported or screened target, the reasons it gathered, the decisions."""

from datetime import datetime
from enum import IntEnum, StrEnum

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import Base, BigId, UTCDateTime, str_enum, utcnow


class TargetType(StrEnum):
    post = "post"
    reply = "reply"
    member = "member"
    message = "message"


class Priority(IntEnum):
    """Lower comes first in the queue."""

    urgent = 0
    reported = 1
    held = 2
    flagged = 3


class ItemStatus(StrEnum):
    open = "open"
    resolved = "resolved"


class Resolution(StrEnum):
    approved = "approved"
    removed = "removed"
    dismissed = "dismissed"


class ReasonSource(StrEnum):
    report = "report"
    screening = "screening"
    crisis = "crisis"
    new_member = "new_member"


class DecisionAction(StrEnum):
    approve = "approve"
    remove = "remove"
    dismiss = "dismiss"
    escalate = "escalate"


class ReviewItem(Base):
    __tablename__ = "review_item"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    target_type: Mapped[TargetType] = mapped_column(str_enum(TargetType, "target_type"))
    target_id: Mapped[int] = mapped_column(BigId)
    # Whose words, or which member, the item is about.
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), index=True)
    status: Mapped[ItemStatus] = mapped_column(str_enum(ItemStatus, "item_status"), default=ItemStatus.open)
    priority: Mapped[int] = mapped_column(Integer)
    # Every change bumps it; a decision made on an older version is refused (409).
    version: Mapped[int] = mapped_column(Integer, default=1)
    # A resolved item that gathers a new reason opens again in a new round.
    round: Mapped[int] = mapped_column(Integer, default=1)
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    claimed_by_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"))
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    escalated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Hidden by reports outside moderation hours, until a moderator decides.
    auto_hidden_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolution: Mapped[Resolution | None] = mapped_column(str_enum(Resolution, "resolution"))

    __table_args__ = (
        UniqueConstraint("target_type", "target_id"),
        Index("ix_review_item_queue", "status", "priority", "opened_at"),
    )


class ReviewReason(Base):
    """Why an item is in the queue: a member's report, a screening hit, crisis language, a new member."""

    __tablename__ = "review_reason"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("review_item.id", ondelete="CASCADE"))
    round: Mapped[int] = mapped_column(Integer)
    source: Mapped[ReasonSource] = mapped_column(str_enum(ReasonSource, "reason_source"))
    reporter_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), index=True)
    rule_id: Mapped[int | None] = mapped_column(ForeignKey("house_rule.id", ondelete="RESTRICT"))
    note: Mapped[str | None] = mapped_column(Text)
    check_id: Mapped[int | None] = mapped_column(ForeignKey("screening_check.id", ondelete="SET NULL"))
    action: Mapped[str | None] = mapped_column(String(16))
    excerpts: Mapped[str] = mapped_column(Text, default="[]")  # JSON: the matched words
    spans: Mapped[str] = mapped_column(Text, default="[]")  # JSON: [start, end] offsets in the text
    sensitive: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # When the reporter was told the outcome.
    reporter_told_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (
        Index("ix_review_reason_item_id_round", "item_id", "round"),
        # One member's repeated reports on one item count once.
        Index(
            "uq_review_reason_one_report",
            "item_id",
            "round",
            "reporter_id",
            unique=True,
            sqlite_where=text("reporter_id IS NOT NULL"),
            postgresql_where=text("reporter_id IS NOT NULL"),
        ),
    )


class Decision(Base):
    """What a moderator decided on an item, and on which version of it; never changed afterwards."""

    __tablename__ = "decision"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("review_item.id", ondelete="CASCADE"), index=True)
    round: Mapped[int] = mapped_column(Integer)
    item_version: Mapped[int] = mapped_column(Integer)
    moderator_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"))
    action: Mapped[DecisionAction] = mapped_column(str_enum(DecisionAction, "decision_action"))
    rule_id: Mapped[int | None] = mapped_column(ForeignKey("house_rule.id", ondelete="RESTRICT"))
    # The words the author was sent, as sent.
    message: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

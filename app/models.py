"""Every model, imported in one place so Alembic and the tests see the whole schema."""

from app.accounts.models import Member, MemberRelation, MemberSession
from app.community.models import Notification
from app.core.db import Base
from app.messages.models import (
    Conversation,
    ConversationMember,
    Message,
    MessageHide,
    MessagingPreference,
    Welcome,
)
from app.moderation.models import (
    Appeal,
    AuditEntry,
    Decision,
    HouseRule,
    ModeratorNote,
    ReviewItem,
    ReviewReason,
    RuleRevision,
    RuleSetVersion,
    Sanction,
    ScreeningCheck,
    ScreeningVersion,
    Setting,
)
from app.realtime.models import Event
from app.wall.models import Post, PostHear, PostHide, Reply, ReplyHear

__all__ = [
    "Appeal",
    "AuditEntry",
    "Base",
    "Conversation",
    "ConversationMember",
    "Decision",
    "Event",
    "HouseRule",
    "Member",
    "MemberRelation",
    "MemberSession",
    "Message",
    "MessageHide",
    "MessagingPreference",
    "ModeratorNote",
    "Notification",
    "Post",
    "PostHear",
    "PostHide",
    "Reply",
    "ReplyHear",
    "ReviewItem",
    "ReviewReason",
    "RuleRevision",
    "RuleSetVersion",
    "Sanction",
    "ScreeningCheck",
    "ScreeningVersion",
    "Setting",
    "Welcome",
]

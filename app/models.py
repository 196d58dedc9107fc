"""Every model, imported in one place so Alembic and the tests see the whole schema."""

from app.accounts.models import Member, MemberRelation, MemberSession
from app.core.db import Base
from app.moderation.models import HouseRule, RuleSetVersion
from app.realtime.models import Event
from app.wall.models import Post, PostHear, PostHide, Reply, ReplyHear

__all__ = [
    "Base",
    "Event",
    "HouseRule",
    "Member",
    "MemberRelation",
    "MemberSession",
    "Post",
    "PostHear",
    "PostHide",
    "Reply",
    "ReplyHear",
    "RuleSetVersion",
]

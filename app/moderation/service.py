"""House rules as members read them."""

from sqlalchemy import ScalarSelect, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.moderation.models import HouseRule, RuleSetVersion


def current_version_number() -> ScalarSelect[int]:
    """The current version's number, for a statement that reads it along with other things."""
    return select(func.max(RuleSetVersion.version)).scalar_subquery()


async def current_version(session: AsyncSession) -> RuleSetVersion:
    version = await session.scalar(select(RuleSetVersion).order_by(RuleSetVersion.version.desc()).limit(1))
    if version is None:
        raise RuntimeError("The database has no house rules; run the migrations.")
    return version


async def current_rules(session: AsyncSession) -> tuple[RuleSetVersion, list[HouseRule]]:
    version = await current_version(session)
    rules = await session.scalars(
        select(HouseRule).where(HouseRule.retired_at.is_(None)).order_by(HouseRule.position, HouseRule.id)
    )
    return version, list(rules)

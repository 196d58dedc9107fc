from fastapi import APIRouter

from app.core.session import DbSession
from app.moderation import service
from app.moderation.schemas import HouseRuleOut, RuleSetOut

router = APIRouter(tags=["house rules"])


@router.get("/rules", summary="The current house rules and their version", response_model=RuleSetOut)
async def get_rules(session: DbSession) -> RuleSetOut:
    version, rules = await service.current_rules(session)
    return RuleSetOut(
        version=version.version,
        published_at=version.published_at,
        change_summary=version.change_summary,
        rules=[
            HouseRuleOut(id=r.id, position=r.position, title=r.title, text=r.body, summary=r.summary)
            for r in rules
        ],
    )

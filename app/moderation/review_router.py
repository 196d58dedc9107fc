"""The review queue: moderators list, claim and decide items; they lift pauses made outside hours."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, status

from app.accounts.dependencies import PseudonymPath, Viewer, require
from app.accounts.service import find_member
from app.core.errors import (
    Conflict,
    CsrfFailed,
    Forbidden,
    Invalid,
    NotAuthenticated,
    NotFound,
    error_responses,
)
from app.core.permissions import Permission
from app.core.schemas import ItemId, Page, encode_cursor
from app.core.session import DbSession
from app.moderation import decisions, outside_hours, queue, queue_listing
from app.moderation.queue_listing import Claimed
from app.moderation.review_schemas import DecisionIn, DecisionOut, PriorityName, ReviewItemOut, ReviewPage

router = APIRouter(prefix="/moderation", tags=["review queue"])

Reviewer = Annotated[Viewer, Depends(require(Permission.review), scope="function")]
READ_ERRORS = error_responses(NotAuthenticated, Forbidden, NotFound, Invalid)
WRITE_ERRORS = error_responses(NotAuthenticated, CsrfFailed, Forbidden, NotFound, Conflict, Invalid)


@router.get(
    "/queue",
    summary="Open items: urgent, reported, held, flagged, oldest first",
    response_model=ReviewPage,
    responses=READ_ERRORS,
)
async def list_queue(
    viewer: Reviewer,
    session: DbSession,
    page: Page,
    priority: Annotated[PriorityName | None, Query()] = None,
    escalated: Annotated[bool | None, Query(description="only escalated items, or only the others")] = None,
    claimed: Annotated[Claimed | None, Query(description="mine: items I hold; unclaimed: nobody's")] = None,
) -> ReviewPage:
    items = await queue_listing.open_items(
        session, viewer_id=viewer.id, page=page, priority=priority, escalated=escalated, claimed=claimed
    )
    more = len(items) > page.limit
    items = items[: page.limit]
    return ReviewPage(
        items=await queue_listing.describe(session, items, viewer_id=viewer.id),
        next_cursor=encode_cursor(items[-1].id) if more and items else None,
    )


@router.get(
    "/queue/{item_id}", summary="One review item", response_model=ReviewItemOut, responses=READ_ERRORS
)
async def get_item(item_id: ItemId, viewer: Reviewer, session: DbSession) -> ReviewItemOut:
    item = await queue_listing.one_item(session, item_id=item_id)
    return (await queue_listing.describe(session, [item], viewer_id=viewer.id))[0]


@router.post(
    "/queue/{item_id}/claim",
    summary="Claim an item, so no other moderator acts on it (a claim lapses after 15 minutes)",
    response_model=ReviewItemOut,
    responses=WRITE_ERRORS,
)
async def claim(item_id: ItemId, viewer: Reviewer, session: DbSession) -> ReviewItemOut:
    item = await queue.claim(
        session, item_id=item_id, moderator_id=viewer.id, may_safeguard=_safeguards(viewer)
    )
    return (await queue_listing.describe(session, [item], viewer_id=viewer.id))[0]


@router.delete(
    "/queue/{item_id}/claim",
    summary="Let go of an item I claimed",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=WRITE_ERRORS,
)
async def release(item_id: ItemId, viewer: Reviewer, session: DbSession) -> None:
    await queue.release(session, item_id=item_id, moderator_id=viewer.id)


@router.post(
    "/queue/{item_id}/decision",
    summary="Decide an item: approve, remove (naming a rule), dismiss or escalate",
    status_code=status.HTTP_201_CREATED,
    response_model=DecisionOut,
    responses=WRITE_ERRORS,
)
async def decide(item_id: ItemId, body: DecisionIn, viewer: Reviewer, session: DbSession) -> DecisionOut:
    decision, item = await decisions.decide(
        session,
        moderator=decisions.Moderator(member=viewer.member, may_safeguard=_safeguards(viewer)),
        item_id=item_id,
        action=body.action,
        version=body.version,
        rule_id=body.rule_id,
        message_key=body.message_key,
        message=body.message,
    )
    return DecisionOut(
        id=decision.id,
        item_id=item.id,
        action=decision.action,
        rule_id=decision.rule_id,
        message=decision.message,
        created_at=decision.created_at,
        item_status=item.status,
        item_version=item.version,
    )


@router.delete(
    "/members/{pseudonym}/posting-pause",
    summary="Let a member post again after reports paused them outside moderation hours",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(NotAuthenticated, CsrfFailed, Forbidden, NotFound, Invalid),
)
async def resume_posting(pseudonym: PseudonymPath, viewer: Reviewer, session: DbSession) -> None:
    member = await find_member(session, pseudonym)
    if member is None:
        raise NotFound("No member has that pseudonym.")
    await outside_hours.resume_posting(session, member=member, actor_id=viewer.id)


def _safeguards(viewer: Viewer) -> bool:
    return viewer.can(Permission.safeguarding)

"""Moderators' private notes on members: append-only, and never shown to the member."""

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from app.accounts.models import Member
from app.accounts.service import find_member
from app.core.db import utcnow
from app.core.errors import NotFound
from app.core.schemas import PageRequest
from app.moderation import audit
from app.moderation.models import ModeratorNote


async def _member(session: AsyncSession, pseudonym: str) -> Member:
    member = await find_member(session, pseudonym)
    if member is None:
        raise NotFound("No member has that pseudonym.")
    return member


async def notes(
    session: AsyncSession, *, pseudonym: str, page: PageRequest
) -> list[tuple[ModeratorNote, str | None]]:
    """Newest first, each with its author's pseudonym; one row more than asked."""
    member = await _member(session, pseudonym)
    author = aliased(Member)
    query = (
        select(ModeratorNote, author.pseudonym)
        .outerjoin(author, author.id == ModeratorNote.author_id)
        .where(ModeratorNote.member_id == member.id)
        .order_by(ModeratorNote.id.desc())
        .limit(page.limit + 1)
    )
    if page.after is not None:
        query = query.where(ModeratorNote.id < page.after)
    return [(note, name) for note, name in (await session.execute(query)).all()]


async def add_note(session: AsyncSession, *, author_id: int, pseudonym: str, body: str) -> ModeratorNote:
    member = await _member(session, pseudonym)
    note = ModeratorNote(member_id=member.id, author_id=author_id, body=body, created_at=utcnow())
    session.add(note)
    await session.flush()
    # The log says a note was written, not what it says: notes stay with the moderators' screens.
    await audit.record(
        session,
        actor_id=author_id,
        action="note.added",
        target_type="member",
        target_id=member.id,
        target_member_id=member.id,
        details={"note_id": note.id},
    )
    return note

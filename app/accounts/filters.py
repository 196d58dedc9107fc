"""A member's personal filter words: kept on the member, changed as a whole, compiled for reading."""

import json

from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.models import FilterMode, Member
from app.core.errors import Invalid
from app.realtime import events
from app.wall.filter_words import MAX_WORDS, compiled, word_key
from app.wall.visibility import ReaderFilter


def words(member: Member) -> list[str]:
    return json.loads(member.filter_words or "[]")


async def replace(
    session: AsyncSession, *, member: Member, new_words: list[str], mode: FilterMode
) -> list[str]:
    """The list as a whole; words that read the same ("Self harm", "self-harm") are kept once."""
    if len(new_words) > MAX_WORDS:
        raise Invalid(f"Keep at most {MAX_WORDS} filter words.", field="words")
    kept: dict[str, str] = {}
    for position, word in enumerate(new_words):
        key = word_key(word)
        if not key:
            raise Invalid("A filter word needs at least one letter or digit.", field=f"words.{position}")
        kept.setdefault(key, word.strip())
    member.filter_words = json.dumps(list(kept.values()), ensure_ascii=False)
    member.filter_mode = mode
    await session.flush()
    # Open screens and every worker's kept wall page read the member's filters again.
    await events.viewer_changed(session, member.id)
    return list(kept.values())


def reader_filter(filter_words: str, mode: FilterMode) -> ReaderFilter | None:
    """From the stored column; members with the same words share one compiled matcher."""
    matcher = compiled(tuple(json.loads(filter_words or "[]")))
    return ReaderFilter(matcher, leave_out=mode == FilterMode.leave_out) if matcher else None


def for_reader(member: Member) -> ReaderFilter | None:
    return reader_filter(member.filter_words, member.filter_mode)

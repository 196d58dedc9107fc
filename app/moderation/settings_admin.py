"""Administrators edit the community settings one section at a time; each save is audited whole."""

import re

from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from app.moderation import audit, settings
from app.moderation.settings import CommunitySettings, Signpost


async def save_section(
    session: AsyncSession, *, actor_id: int, section: str, value: BaseModel
) -> CommunitySettings:
    """Store one section (already validated by its schema) and record it before and after."""
    before = getattr(await settings.load(session), section)
    await settings.save(session, key=section, value=value, actor_id=actor_id)
    await audit.record(
        session,
        actor_id=actor_id,
        action="settings.changed",
        target_type="setting",
        reason=section,
        details={
            "section": section,
            "before": before.model_dump(mode="json"),
            "after": value.model_dump(mode="json"),
        },
    )
    return await settings.load(session)


_DIALLABLE = re.compile(r"^\+?[\d ()-]{2,20}$")
_TEXT_WORD = re.compile(r"^text\s+(\w+)\s+to\s+(\d[\d ]*)$", re.IGNORECASE)


def signpost_link(signpost: Signpost) -> tuple[str, str] | None:
    """The label and href a screen offers for a signpost, if its contact can be dialled, texted or opened."""
    contact = signpost.contact.strip()
    if signpost.how in ("call", "emergency") and _DIALLABLE.match(contact):
        return f"Call {contact}", "tel:" + re.sub(r"[^\d+]", "", contact)
    if signpost.how == "text":
        worded = _TEXT_WORD.match(contact)
        if worded:
            word, number = worded.group(1), worded.group(2).replace(" ", "")
            return f"Text {word} to {number}", f"sms:{number}?body={word}"
        if _DIALLABLE.match(contact):
            return f"Text {contact}", "sms:" + re.sub(r"[^\d+]", "", contact)
    if signpost.how == "web" and contact.startswith("https://"):
        return f"Visit {signpost.name}", contact
    return None

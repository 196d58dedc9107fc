"""The compiled screener each worker keeps: built from the stored checks, rebuilt when their version moves."""

import json

from sqlalchemy import delete, update

from app.core.db import utcnow
from app.moderation.models import ScreeningCheck, ScreeningVersion
from app.moderation.screening import CheckKind
from app.moderation.screening.starter import starter_checks
from app.moderation.screening_cache import ScreenerCache


async def test_the_migrations_seed_every_starter_check_and_they_compile(app):
    async with app.state.database.read_session() as session:
        screener = await ScreenerCache().current(session)
        stored = (await session.execute(ScreeningCheck.__table__.select())).all()
    assert len(stored) == len(starter_checks())
    screening = screener.screen("I just want to die tonight, I can't go on")
    assert screening.crisis


async def test_a_new_version_of_the_checks_is_picked_up_without_a_restart(app):
    cache = ScreenerCache()
    async with app.state.database.read_session() as session:
        before = (await cache.current(session)).screen("what a lovely marmalade morning")
    assert before.hits == ()
    async with app.state.database.transaction() as session:
        await session.execute(
            update(ScreeningCheck)
            .where(ScreeningCheck.kind == CheckKind.phrases)
            .values(phrases=json.dumps(["marmalade"]))
        )
        session.add(ScreeningVersion(version=2, change_summary="marmalade", published_at=utcnow()))
    try:
        async with app.state.database.read_session() as session:
            after = (await cache.current(session)).screen("what a lovely marmalade morning")
        assert {hit.excerpts for hit in after.hits} == {("marmalade",)}
    finally:
        async with app.state.database.transaction() as session:
            await session.execute(delete(ScreeningVersion).where(ScreeningVersion.version == 2))
            for row in starter_checks():
                if row["kind"] == "phrases":
                    await session.execute(
                        update(ScreeningCheck)
                        .where(ScreeningCheck.name == row["description"][:80])
                        .values(phrases=json.dumps(row["phrases"]))
                    )

"""Migrations make every table: upgrade, downgrade to nothing, upgrade again, and no drift from the models."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, select
from sqlalchemy.ext.asyncio import create_async_engine

from app.core.migrations import downgrade, upgrade
from app.models import Base
from app.moderation.models import HouseRule, RuleSetVersion
from tests.conftest import fresh_database_url

MODEL_TABLES = set(Base.metadata.tables)


async def _tables(engine) -> set[str]:
    async with engine.connect() as connection:
        names = await connection.run_sync(lambda sync: set(inspect(sync).get_table_names()))
    return names - {"alembic_version"}


async def _drift(engine) -> list:
    async with engine.connect() as connection:
        return await connection.run_sync(
            lambda sync: compare_metadata(
                MigrationContext.configure(sync, opts={"compare_type": True}), Base.metadata
            )
        )


async def test_upgrade_downgrade_upgrade_and_no_drift(tmp_root):
    url, remove = await fresh_database_url(tmp_root)
    engine = create_async_engine(url)
    try:
        await upgrade(engine)
        assert await _tables(engine) == MODEL_TABLES
        await downgrade(engine, "base")
        assert await _tables(engine) == set()
        await upgrade(engine)
        assert await _tables(engine) == MODEL_TABLES
        assert await _drift(engine) == []
    finally:
        await engine.dispose()
        await remove()


async def test_first_migration_seeds_the_starter_house_rules(test_database):
    engine = create_async_engine(test_database.url)
    try:
        async with engine.connect() as connection:
            versions = (await connection.execute(select(RuleSetVersion.version))).scalars().all()
            titles = (
                (await connection.execute(select(HouseRule.title).order_by(HouseRule.position)))
                .scalars()
                .all()
            )
    finally:
        await engine.dispose()
    assert versions == [1]
    assert len(titles) == 6
    assert any("contact details" in t.lower() for t in titles)
    assert any("crisis" in t.lower() for t in titles)

"""When the house rules change, a member reads what changed and agrees before posting again."""

from collections.abc import AsyncIterator, Awaitable, Callable

import pytest
from playwright.async_api import expect
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from tests.browser.conftest import check_screen, member_on, write_post


@pytest.fixture
async def publish_new_rules(test_database) -> AsyncIterator[Callable[[], Awaitable[None]]]:
    """Publishes version 2 of the rule set, as an administrator's change would; removed afterwards."""
    engine = create_async_engine(test_database.url)

    async def publish() -> None:
        async with engine.begin() as connection:
            await connection.execute(
                text(
                    "INSERT INTO rule_set_version (version, change_summary, published_at) "
                    "VALUES (2, 'Clearer words about shouting.', CURRENT_TIMESTAMP)"
                )
            )

    yield publish
    async with engine.begin() as connection:
        await connection.execute(text("DELETE FROM rule_set_version WHERE version = 2"))
    await engine.dispose()


async def test_a_member_agrees_to_the_new_rules_before_posting_again(open_page, live, publish_new_rules):
    ash = await member_on(open_page, live, "ash")
    await publish_new_rules()
    await ash.reload()
    await expect(ash.locator(".callout")).to_contain_text("The house rules have changed (version 2)")
    composer = ash.locator("form.composer")
    await composer.get_by_label("What would you like to share?").fill("Trying to post again.")
    await composer.get_by_role("button", name="Post").click()
    await expect(composer.get_by_role("alert")).to_contain_text("The house rules changed")
    await composer.get_by_role("link", name="Read the house rules and agree").click()

    await expect(ash.locator("h1")).to_have_text("House rules")
    await expect(ash.get_by_text("What changed: Clearer words about shouting.")).to_be_visible()
    await check_screen(ash, "rules-agreement")
    await ash.get_by_role("button", name="I agree to version 2").click()
    await expect(ash.locator("h1")).to_have_text("The wall")
    await expect(ash.locator(".callout")).to_have_count(0)
    await write_post(ash, "Posting again after agreeing.")

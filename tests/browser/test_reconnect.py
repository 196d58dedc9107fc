"""The live connection says when it is offline, reconnects by itself, and resumes from its last event."""

from playwright.async_api import expect
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from app.main import create_app
from tests.browser.conftest import check_screen, member_on, sockets_reach, write_post
from tests.realtime.conftest import LiveServer


async def drop_offline(page, live) -> None:
    await page.context.set_offline(True)
    await expect(page.locator("#connection")).to_contain_text("You are offline")
    await sockets_reach(live, 1)


async def test_a_member_who_drops_offline_catches_up_on_what_was_missed(open_page, live):
    ash = await member_on(open_page, live, "ash")
    birch = await member_on(open_page, live, "birch")
    await write_post(ash, "Before birch dropped out.")
    await expect(birch.get_by_role("button", name="Show 1 new post")).to_be_visible()
    sockets = []
    birch.on("websocket", lambda ws: sockets.append(ws.url))

    await drop_offline(birch, live)
    await check_screen(birch, "wall-offline")
    await write_post(ash, "While birch was away.")

    await birch.context.set_offline(False)
    # Caught up event by event: the missed post joins the one already waiting.
    await expect(birch.get_by_role("button", name="Show 2 new posts")).to_be_visible()
    await expect(birch.locator("#connection")).to_be_hidden()
    assert sockets, "no new connection was made"
    assert all("last_event_id=" in url for url in sockets), sockets


async def test_away_past_what_the_server_keeps_offers_a_fresh_list(open_page, live, test_database):
    ash = await member_on(open_page, live, "ash")
    birch = await member_on(open_page, live, "birch")
    await write_post(ash, "Before birch dropped out.")
    await expect(birch.get_by_role("button", name="Show 1 new post")).to_be_visible()
    await drop_offline(birch, live)
    await write_post(ash, "Long after birch left.")
    engine = create_async_engine(test_database.url)
    async with engine.begin() as connection:
        await connection.execute(text("DELETE FROM event"))  # as if pruned after the retention
    await engine.dispose()

    await birch.context.set_offline(False)
    fresh = birch.get_by_role("button", name="Show the latest posts")
    await expect(fresh).to_be_visible()
    await fresh.click()
    await expect(birch.locator("article.post")).to_have_count(2)
    await expect(birch.locator("article.post").first).to_contain_text("Long after birch left.")


async def test_after_the_server_restarts_the_page_reconnects_by_itself(open_page, live):
    ash = await member_on(open_page, live, "ash")
    birch = await member_on(open_page, live, "birch")
    await write_post(ash, "Before the restart.")
    await expect(birch.get_by_role("button", name="Show 1 new post")).to_be_visible()
    await live.stop()
    await expect(birch.locator("#connection")).to_contain_text("You are offline")
    restarted = LiveServer(create_app(live.app.state.settings), live.port)
    await restarted.start()
    try:
        await sockets_reach(restarted, 2)
        await expect(birch.locator("#connection")).to_be_hidden()
        await write_post(ash, "Back again.")
        await expect(birch.get_by_role("button", name="Show 2 new posts")).to_be_visible()
    finally:
        await restarted.stop()

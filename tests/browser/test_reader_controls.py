"""Hide, mute and block from a post's menu: what they take away, live too, and undoing them in settings."""

from playwright.async_api import Locator, Page, expect

from tests.browser.conftest import check_screen, member_on, post_card, write_post


async def choose(page, text: str, action: str) -> None:
    card = post_card(page, text)
    await card.locator("summary", has_text="More").click()
    await card.get_by_role("button", name=action).click()


async def settings_section(page: Page, name: str) -> Locator:
    await page.get_by_role("link", name="Settings").click()
    return page.get_by_role("region", name=name)


async def undo_there(page: Page, section: Locator, button: str, empty: str) -> None:
    """Undo from the settings section, see the list empty, and go back to the wall."""
    await section.get_by_role("button", name=button).click()
    await expect(section.get_by_text(empty)).to_be_visible()
    await page.get_by_role("link", name="The wall").click()


async def test_hiding_a_post_takes_it_away_and_settings_brings_it_back(open_page, live):
    ash = await member_on(open_page, live, "ash")
    await write_post(ash, "A post birch would rather not see.")
    birch = await member_on(open_page, live, "birch")
    card = post_card(birch, "rather not see")
    await card.locator("summary", has_text="More").click()
    await check_screen(birch, "wall-post-menu")
    await card.get_by_role("button", name="Hide this post").click()
    await expect(post_card(birch, "rather not see")).to_have_count(0)
    await expect(birch.locator("#notice")).to_contain_text("Post hidden.")

    await birch.reload()
    await expect(birch.locator("h1")).to_have_text("The wall")
    await expect(post_card(birch, "rather not see")).to_have_count(0)

    hidden = await settings_section(birch, "Hidden posts")
    await expect(hidden).to_contain_text("A post birch would rather not see.")
    await check_screen(birch, "settings")
    await undo_there(birch, hidden, "Show again", "You have not hidden any posts.")
    await expect(post_card(birch, "rather not see")).to_be_visible()


async def test_undo_puts_a_hidden_post_back_where_it_was(open_page, live):
    ash = await member_on(open_page, live, "ash")
    await write_post(ash, "Older words.")
    await ash.wait_for_timeout(50)
    await write_post(ash, "Newer words.")
    birch = await member_on(open_page, live, "birch")
    await choose(birch, "Newer words.", "Hide this post")
    await expect(post_card(birch, "Newer words.")).to_have_count(0)
    await birch.locator("#notice").get_by_role("button", name="Undo").click()
    await expect(birch.locator("article.post").first).to_contain_text("Newer words.")
    await birch.reload()
    await expect(post_card(birch, "Newer words.")).to_be_visible()


async def test_muting_takes_a_members_posts_away_now_and_live(open_page, live):
    ash = await member_on(open_page, live, "ash")
    cedar = await member_on(open_page, live, "cedar")
    await write_post(ash, "From ash, before the mute.")
    birch = await member_on(open_page, live, "birch")
    await choose(birch, "before the mute", "Mute ash")
    await expect(post_card(birch, "before the mute")).to_have_count(0)
    await expect(birch.locator("#notice")).to_contain_text("You muted ash.")

    await write_post(ash, "From ash, after the mute.")
    await write_post(cedar, "From cedar, after the mute.")
    # Events arrive in order: once cedar's post is waiting, ash's would have been too.
    await expect(birch.get_by_role("button", name="Show 1 new post")).to_be_visible()
    await birch.get_by_role("button", name="Show 1 new post").click()
    await expect(post_card(birch, "From cedar")).to_be_visible()
    await expect(post_card(birch, "From ash")).to_have_count(0)

    muted = await settings_section(birch, "Muted members")
    await undo_there(birch, muted, "Unmute ash", "You have not muted anyone.")
    await expect(post_card(birch, "From ash, after the mute.")).to_be_visible()


async def test_blocking_works_both_ways_and_live(open_page, live):
    ash = await member_on(open_page, live, "ash")
    cedar = await member_on(open_page, live, "cedar")
    await write_post(ash, "From ash, before the block.")
    birch = await member_on(open_page, live, "birch")
    await write_post(birch, "From birch, before the block.")
    await expect(ash.get_by_role("button", name="Show 1 new post")).to_be_visible()
    await choose(birch, "From ash", "Block ash")
    await expect(post_card(birch, "From ash")).to_have_count(0)

    await ash.reload()
    await expect(ash.locator("h1")).to_have_text("The wall")
    await expect(post_card(ash, "From birch")).to_have_count(0)
    await write_post(birch, "From birch, after the block.")
    await write_post(ash, "From ash, after the block.")
    await write_post(cedar, "From cedar, after the block.")
    # In order: once cedar's post is waiting, the blocked member's would have been too.
    for page in (ash, birch):
        await page.get_by_role("button", name="Show 1 new post").click()
        await expect(post_card(page, "From cedar")).to_be_visible()
    await expect(post_card(ash, "From birch")).to_have_count(0)
    await expect(post_card(birch, "From ash")).to_have_count(0)

    blocked = await settings_section(birch, "Blocked members")
    await expect(blocked.get_by_role("link", name="ash")).to_be_visible()
    await undo_there(birch, blocked, "Unblock ash", "You have not blocked anyone.")
    await expect(post_card(birch, "From ash, after the block.")).to_be_visible()


async def test_a_members_page_lists_their_posts_and_mutes_them(open_page, live):
    ash = await member_on(open_page, live, "ash")
    await write_post(ash, "Ash's only post.")
    birch = await member_on(open_page, live, "birch")
    await post_card(birch, "Ash's only post.").get_by_role("link", name="ash").click()
    await expect(birch.locator("h1")).to_have_text("ash")
    await expect(post_card(birch, "Ash's only post.")).to_be_visible()
    await check_screen(birch, "member-other")
    mute = birch.get_by_role("button", name="Mute ash")
    await expect(mute).to_have_attribute("aria-pressed", "false")
    await mute.click()
    await expect(birch.get_by_role("button", name="Mute ash")).to_have_attribute("aria-pressed", "true")
    await expect(post_card(birch, "Ash's only post.")).to_have_count(0)

"""The wall live in several browsers at once: posts arrive behind "N new posts", I hear you and replies
count up for the author as they happen, and edits and deletions reach every reader."""

import asyncio

from playwright.async_api import expect

from tests.browser.conftest import PHONE, check_screen, member_on, post_card, write_post


async def test_a_new_post_waits_behind_a_button_and_hearing_it_reaches_the_author_live(open_page, live):
    ash = await member_on(open_page, live, "ash")
    birch = await member_on(open_page, live, "birch")
    await write_post(birch, "Birch was here first.")
    await ash.get_by_role("button", name="Show 1 new post").click()
    await expect(post_card(ash, "Birch was here first.")).to_be_visible()
    first_seen = await ash.locator("article.post").first.text_content()

    await write_post(birch, "Rough night, can't sleep.")
    waiting = ash.get_by_role("button", name="Show 1 new post")
    await expect(waiting).to_be_visible()
    # Nothing moved under the reader: the new post is not in the list until they ask for it.
    await expect(post_card(ash, "Rough night")).to_have_count(0)
    assert await ash.locator("article.post").first.text_content() == first_seen
    await expect(ash.locator("#announcer")).to_have_text("1 new post on the wall.")
    await check_screen(ash, "wall-new-posts-waiting")

    await waiting.click()
    card = post_card(ash, "Rough night")
    await expect(card).to_be_focused()
    await card.get_by_role("button", name="I hear you").click()
    await expect(card.get_by_role("button", name="I hear you")).to_have_attribute("aria-pressed", "true")
    await expect(card.locator(".heard-count")).to_have_text("Heard by 1 member")

    mine = post_card(birch, "Rough night")
    await expect(mine.locator(".heard-count")).to_have_text("Heard by 1 member")
    await mine.get_by_role("button", name="Who heard you").click()
    await expect(mine.locator(".hearers")).to_have_text("ash")
    await check_screen(birch, "wall-author-heard")


async def test_three_members_a_reply_counts_up_live_and_the_thread_grows(open_page, live):
    ash = await member_on(open_page, live, "ash")
    birch = await member_on(open_page, live, "birch")
    await write_post(ash, "Does anyone else find Sundays hard?")
    cedar = await member_on(open_page, live, "cedar")
    await post_card(cedar, "Sundays").get_by_role("link", name="Reply").click()
    await expect(cedar.locator("h1")).to_have_text("ash's post")
    await birch.get_by_role("button", name="Show 1 new post").click()
    await post_card(birch, "Sundays").get_by_role("link", name="Reply").click()
    await expect(birch.locator("h1")).to_have_text("ash's post")

    await cedar.get_by_label("Your reply").fill("Yes, every week. You are not alone.")
    await cedar.get_by_role("button", name="Reply", exact=True).click()
    reply = "Yes, every week. You are not alone."
    await expect(cedar.locator("article.reply").filter(has_text=reply)).to_be_visible()
    await expect(birch.locator("article.reply").filter(has_text=reply)).to_be_visible()
    await expect(post_card(birch, "Sundays").locator(".reply-count")).to_have_text("1 reply")
    await expect(post_card(ash, "Sundays").get_by_role("link", name="1 reply")).to_be_visible()

    await (
        birch.locator("article.reply").filter(has_text=reply).get_by_role("button", name="I hear you").click()
    )
    await expect(cedar.locator("article.reply .heard-count")).to_have_text("Heard by 1 member")
    await check_screen(birch, "thread")


async def test_a_content_warning_keeps_the_post_closed_until_the_reader_opens_it(open_page, live):
    ash = await member_on(open_page, live, "ash")
    birch = await member_on(open_page, live, "birch", viewport=PHONE, color_scheme="dark")
    await write_post(
        ash,
        "Today I went outside for the first time in a week.",
        kind="Sharing a little win",
        warning="anxiety",
    )
    await birch.get_by_role("button", name="Show 1 new post").click()
    card = post_card(birch, "Content warning: anxiety")
    words = card.get_by_text("Today I went outside")
    await expect(words).to_be_hidden()
    await expect(card.locator(".kind")).to_have_text("Sharing a little win")
    await check_screen(birch, "wall-phone-dark")
    await card.get_by_text("Content warning: anxiety").click()
    await expect(words).to_be_visible()


async def test_edits_reach_readers_live_and_a_deleted_post_leaves_their_screens(open_page, live):
    ash = await member_on(open_page, live, "ash")
    await write_post(ash, "Feeling low tonight.")
    birch = await member_on(open_page, live, "birch")
    card = post_card(ash, "Feeling low tonight.")
    await card.get_by_role("button", name="Edit").click()
    editor = ash.get_by_role("form", name="Edit your post")
    await editor.get_by_label("What would you like to share?").fill("Feeling a bit better tonight.")
    await check_screen(ash, "wall-editing")
    await editor.get_by_role("button", name="Save").click()
    await expect(post_card(birch, "Feeling a bit better tonight.")).to_be_visible()
    await expect(post_card(birch, "Feeling a bit better tonight.").locator(".edited")).to_have_text(
        " (edited)"
    )

    await post_card(ash, "a bit better").get_by_role("button", name="Delete").click()
    await ash.get_by_role("button", name="Delete post").click()
    await expect(post_card(ash, "a bit better")).to_have_count(0)
    await expect(post_card(birch, "a bit better")).to_have_count(0)
    await expect(birch.get_by_text("Nothing here yet.")).to_be_visible()


async def test_not_heard_yet_lists_posts_nobody_has_answered(open_page, live):
    ash = await member_on(open_page, live, "ash")
    await write_post(ash, "First: nobody has heard this.")
    await ash.wait_for_timeout(50)
    await write_post(ash, "Second: this one gets heard.")
    birch = await member_on(open_page, live, "birch")
    await post_card(birch, "Second").get_by_role("button", name="I hear you").click()
    await expect(post_card(birch, "Second").locator(".heard-count")).to_have_text("Heard by 1 member")
    await birch.get_by_role("link", name="Not heard yet").click()
    await expect(birch.locator("h1")).to_have_text("Not heard yet")
    await expect(post_card(birch, "First")).to_be_visible()
    await expect(post_card(birch, "Second")).to_have_count(0)
    await check_screen(birch, "unheard")


async def test_the_composer_keeps_its_words_read_only_while_a_post_is_on_its_way(open_page, live):
    ash = await member_on(open_page, live, "ash")
    held_back: list = []
    arrived = asyncio.Event()

    async def slow_post(route):
        held_back.append(route)
        arrived.set()

    await ash.route(f"{live.base_url}/api/v1/posts", slow_post)
    composer = ash.locator("form.composer")
    words = composer.get_by_label("What would you like to share?")
    await words.fill("A slow evening.")
    await composer.get_by_role("button", name="Post").click()
    await asyncio.wait_for(arrived.wait(), 8)
    # While the post is on its way nothing can be typed that clearing the form would then lose.
    await expect(words).not_to_be_editable()
    await expect(composer).to_have_attribute("aria-busy", "true")

    await held_back[0].continue_()
    await expect(post_card(ash, "A slow evening.")).to_be_visible()
    await expect(words).to_be_editable()
    await expect(words).to_have_value("")
    await expect(composer).not_to_have_attribute("aria-busy", "true")

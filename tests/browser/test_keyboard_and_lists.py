"""The wall by keyboard alone, older pages, the kind filter, and replies the author edits or deletes."""

from playwright.async_api import expect

from tests.browser.conftest import member_on, post_card, write_post


async def test_the_wall_works_from_the_keyboard(open_page, live):
    ash = await member_on(open_page, live, "ash")
    birch = await member_on(open_page, live, "birch")
    await birch.keyboard.press("Tab")
    await expect(birch.get_by_role("link", name="Skip to content")).to_be_focused()

    await write_post(ash, "Typed with care.")
    waiting = birch.get_by_role("button", name="Show 1 new post")
    await waiting.focus()
    await birch.keyboard.press("Enter")
    card = post_card(birch, "Typed with care.")
    await expect(card).to_be_focused()
    await birch.keyboard.press("Tab")  # the author's name
    await birch.keyboard.press("Tab")
    await expect(card.get_by_role("button", name="I hear you")).to_be_focused()
    await birch.keyboard.press("Space")
    await expect(post_card(ash, "Typed with care.").locator(".heard-count")).to_have_text("Heard by 1 member")

    menu = card.locator("summary")
    await menu.focus()
    await birch.keyboard.press("Enter")
    await expect(card.get_by_role("button", name="Hide this post")).to_be_visible()
    await birch.keyboard.press("Tab")
    await birch.keyboard.press("Escape")
    await expect(card.get_by_role("button", name="Hide this post")).to_be_hidden()
    await expect(menu).to_be_focused()


async def test_older_posts_load_a_page_at_a_time_and_kinds_filter_the_wall(open_page, live):
    ash = await member_on(open_page, live, "ash")
    for number in range(1, 22):
        kind = "saying_hello" if number == 21 else "looking_for_support"
        response = await ash.request.post(
            "/api/v1/posts",
            data={"kind": kind, "body": f"Post number {number}."},
            headers={"X-CSRF-Token": await csrf(ash)},
        )
        assert response.status == 201, await response.text()
    await ash.reload()
    await expect(ash.locator("article.post")).to_have_count(20)
    await expect(post_card(ash, "Post number 1.")).to_have_count(0)
    await ash.get_by_role("button", name="Show older posts").click()
    await expect(ash.locator("article.post")).to_have_count(21)
    await expect(ash.locator("article.post").last).to_contain_text("Post number 1.")
    await expect(ash.get_by_role("button", name="Show older posts")).to_be_hidden()

    await ash.get_by_role("navigation", name="Kinds of post").get_by_role("link", name="Saying hello").click()
    await expect(ash.get_by_role("link", name="Saying hello")).to_have_attribute("aria-current", "page")
    await expect(ash.locator("article.post")).to_have_count(1)
    await expect(ash.locator("article.post")).to_contain_text("Post number 21.")


async def test_the_author_edits_and_deletes_a_reply_and_readers_see_it_live(open_page, live):
    ash = await member_on(open_page, live, "ash")
    await write_post(ash, "A question for everyone.")
    await post_card(ash, "A question").get_by_role("link", name="Reply").click()
    birch = await member_on(open_page, live, "birch")
    await post_card(birch, "A question").get_by_role("link", name="Reply").click()
    await birch.get_by_label("Your reply").fill("My first answer.")
    await birch.get_by_role("button", name="Reply", exact=True).click()
    await expect(ash.locator("article.reply")).to_contain_text("My first answer.")

    reply = birch.locator("article.reply")
    await reply.get_by_role("button", name="Edit").click()
    await (
        birch.get_by_role("form", name="Edit your reply").get_by_label("Your reply").fill("A better answer.")
    )
    await birch.get_by_role("button", name="Save").click()
    await expect(ash.locator("article.reply")).to_contain_text("A better answer.")
    await expect(ash.locator("article.post .reply-count")).to_have_text("1 reply")

    await reply.get_by_role("button", name="Delete").click()
    await birch.get_by_role("button", name="Delete reply").click()
    await expect(ash.locator("article.reply")).to_have_count(0)
    await expect(ash.locator("article.post .reply-count")).to_have_text("Reply")


async def csrf(page) -> str:
    cookies = await page.context.cookies()
    return next(c["value"] for c in cookies if c["name"] == "alongside_csrf")

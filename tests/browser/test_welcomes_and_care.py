"""New members and welcomes, and looking after oneself in real browsers: filter words collapse a post,
a break and the welcome back, exporting one's data as a JSON file, and erasing the account."""

import json
from datetime import date, timedelta

from playwright.async_api import Page, expect

from tests.browser.conftest import PHONE, check_screen, member_on, post_card, write_post
from tests.conftest import PASSWORD


def section(page: Page, name: str):
    return page.get_by_role("region", name=name)


async def test_a_new_member_is_welcomed_and_sees_who_welcomed_them(open_page, live):
    birch = await member_on(open_page, live, "birch")
    ash = await member_on(open_page, live, "ash", viewport=PHONE)
    await birch.get_by_role("link", name="New members").click()
    await expect(birch.locator("h1")).to_have_text("New members")
    row = birch.locator("li", has=birch.get_by_role("link", name="ash", exact=True))
    await expect(row).to_contain_text("Nobody has welcomed them yet")
    await row.get_by_role("button", name="Welcome ash").click()
    await row.get_by_label("A few words of welcome (optional)").fill("Glad you found us, ash.")
    await check_screen(birch, "new-members-welcome")
    await row.get_by_role("button", name="Send welcome").click()
    await expect(row).to_contain_text("You welcomed them.")
    await expect(row).to_contain_text("Welcomed by 1 member")
    # One welcome per pair: the button stays gone when the list is read again.
    await birch.reload()
    row = birch.locator("li", has=birch.get_by_role("link", name="ash", exact=True))
    await expect(row).to_contain_text("You welcomed them.")
    await expect(row.get_by_role("button", name="Welcome ash")).to_have_count(0)

    await ash.goto("/new-members")
    welcomers = ash.get_by_role("list", name="Who welcomed you")
    await expect(welcomers).to_contain_text("birch welcomed you")
    await check_screen(ash, "new-members-phone")
    await welcomers.get_by_role("link", name="Read and answer birch").click()
    await expect(ash.locator("h1")).to_have_text("Conversation with birch")
    await expect(ash.locator(".message").last).to_contain_text("Glad you found us, ash.")
    await ash.get_by_role("link", name="Notifications").click()
    await expect(ash.locator(".notification").first).to_contain_text("birch welcomed you")


async def test_a_filter_word_collapses_a_post_until_tapped(open_page, live):
    ash = await member_on(open_page, live, "ash", "/settings")
    filters = section(ash, "Filter words")
    await filters.get_by_label("A word or phrase to filter").fill("spiders")
    await filters.get_by_role("button", name="Add word").click()
    await expect(filters.get_by_role("list", name="Your filter words")).to_contain_text("spiders")
    await expect(filters).to_contain_text("1 of 200 words")
    await check_screen(ash, "settings-filter-words")

    birch = await member_on(open_page, live, "birch")
    await write_post(birch, "There were SPIDERS in the bath again today.")
    await write_post(birch, "A quiet evening with tea.")
    await ash.get_by_role("link", name="The wall").click()
    card = post_card(ash, "Hidden by your filter")
    await expect(card).to_have_count(1)
    words = card.locator(".body")
    await expect(words).to_be_hidden()
    await expect(post_card(ash, "A quiet evening with tea.").locator(".body")).to_be_visible()
    await card.get_by_text("Hidden by your filter").click()
    await expect(words).to_have_text("There were SPIDERS in the bath again today.")
    await check_screen(ash, "wall-filtered")


async def test_a_break_is_taken_and_ended_with_a_welcome_back(open_page, live):
    ash = await member_on(open_page, live, "ash", "/settings", viewport=PHONE)
    taking = section(ash, "Take a break")
    until = (date.today() + timedelta(days=3)).isoformat()
    await taking.get_by_label("Until (optional)").fill(until)
    await taking.get_by_role("button", name="Take a break").click()
    await expect(taking).to_contain_text("You are taking a break since")
    await expect(taking).to_contain_text(", until ")
    me = await (await ash.request.get("/api/v1/me")).json()
    assert me["taking_a_break"]["until"].startswith(until[:8])
    await check_screen(ash, "settings-on-a-break-phone")
    await taking.get_by_role("button", name="End my break").click()
    await expect(taking.get_by_role("status")).to_contain_text("Welcome back. We're glad you're here.")
    await expect(taking.get_by_role("button", name="Take a break")).to_be_visible()
    me = await (await ash.request.get("/api/v1/me")).json()
    assert me["taking_a_break"] is None


async def test_exporting_asks_for_the_password_and_downloads_json(open_page, live):
    ash = await member_on(open_page, live, "ash", "/settings")
    export = ash.locator("form", has=ash.get_by_role("heading", name="Export your data"))
    await export.get_by_label("Your password, again").fill("not my password at all")
    await export.get_by_role("button", name="Export my data").click()
    await expect(export.get_by_role("alert")).to_have_text("Your password is not right.")
    await export.get_by_label("Your password, again").fill(PASSWORD)
    async with ash.expect_download() as waiting:
        await export.get_by_role("button", name="Export my data").click()
    download = await waiting.value
    assert download.suggested_filename == "alongside-ash.json"
    document = json.loads((await download.path()).read_text())
    assert document["profile"]["pseudonym"] == "ash"
    assert "format_version" in document
    await expect(export.get_by_role("link", name="Download your data (JSON)")).to_be_visible()
    await check_screen(ash, "settings-export")


async def test_erasing_asks_for_the_password_and_a_clear_yes_then_signs_out(open_page, live):
    ash = await member_on(open_page, live, "ash", "/settings", viewport=PHONE)
    erase = ash.locator("form", has=ash.get_by_role("heading", name="Erase your account"))
    await erase.get_by_label("Your password, again").fill(PASSWORD)
    await erase.get_by_role("button", name="Erase my account").click()
    await expect(erase.get_by_role("alert")).to_contain_text("Tick the box")
    await erase.get_by_label("I understand my account and my words are erased for good").check()
    await erase.get_by_label("Your password, again").fill("not my password at all")
    await erase.get_by_role("button", name="Erase my account").click()
    await expect(erase.get_by_role("alert")).to_contain_text("password")
    assert (await ash.request.get("/api/v1/me")).status == 200
    await check_screen(ash, "settings-erase-phone")

    await erase.get_by_label("Your password, again").fill(PASSWORD)
    await erase.get_by_role("button", name="Erase my account").click()
    await expect(ash.locator("#notice")).to_contain_text("Your account is erased.")
    await expect(ash).to_have_url(f"{live.base_url}/")
    await expect(
        ash.get_by_role("navigation", name="Main").get_by_role("link", name="Sign in")
    ).to_be_visible()
    assert (await ash.request.get("/api/v1/me")).status == 401


async def test_choosing_notification_kinds_is_kept(open_page, live):
    ash = await member_on(open_page, live, "ash", "/settings")
    choices = ash.locator("form", has=ash.get_by_role("heading", name="Notifications you get"))
    heard = choices.get_by_label("Someone heard your post or reply")
    await expect(heard).to_be_checked()
    await heard.uncheck()
    await choices.get_by_role("button", name="Save notification choices").click()
    await expect(ash.locator("#notice")).to_contain_text("Notification choices saved.")
    kept = await (await ash.request.get("/api/v1/me/notification-settings")).json()
    assert {c["kind"]: c["on"] for c in kept["choices"]}["wall.heard"] is False
    await ash.reload()
    await expect(choices.get_by_label("Someone heard your post or reply")).not_to_be_checked()
    await expect(choices.get_by_label("Someone sent you a message")).to_be_checked()
    await check_screen(ash, "settings-desktop")

"""Joining, the recovery code shown once, signing in and out, recovering, and the account's settings."""

import re

from playwright.async_api import expect

from tests.browser.conftest import PHONE, check_screen, join_by_api, member_on
from tests.conftest import PASSWORD

NEW_PASSWORD = "a different and quieter morning"


async def test_joining_shows_the_recovery_code_once_and_asks_to_keep_it(open_page):
    page = await open_page(viewport=PHONE)
    await page.goto("/join")
    await page.get_by_label("Pseudonym").fill("willow")
    await page.get_by_label("Password").fill(PASSWORD)
    await page.get_by_role("button", name="Join").click()
    # Not without agreeing to the house rules.
    await expect(page.get_by_role("alert")).to_contain_text("tick the box to agree")
    await expect(page.get_by_label("I have read the house rules and agree to them")).to_be_focused()

    await page.get_by_label("I have read the house rules and agree to them").check()
    await page.get_by_role("button", name="Join").click()
    await expect(page.locator("h1")).to_have_text("Keep your recovery code")
    code = (await page.locator(".recovery-code code").text_content()).strip()
    assert re.fullmatch(r"[A-Za-z0-9-]{12,}", code), code
    await check_screen(page, "recovery-code-phone")

    go = page.get_by_role("link", name="Go to the wall")
    await expect(go).to_have_attribute("aria-disabled", "true")
    await go.click(force=True)
    await expect(page.locator("h1")).to_have_text("Keep your recovery code")
    await page.get_by_label("I have kept my recovery code somewhere safe").check()
    await go.click()
    await expect(page.locator("h1")).to_have_text("The wall")
    await expect(page.get_by_role("button", name="Sign out (willow)")).to_be_visible()
    await check_screen(page, "wall-empty-phone")

    await page.reload()
    await expect(page.locator("h1")).to_have_text("The wall")
    await expect(page.get_by_text(code)).to_have_count(0)


async def test_a_taken_pseudonym_is_named_at_its_field(open_page):
    page = await open_page()
    await join_by_api(page, "rowan")
    await page.context.clear_cookies()
    await page.goto("/join")
    await page.get_by_label("Pseudonym").fill("Rowan")
    await page.get_by_label("Password").fill(PASSWORD)
    await page.get_by_label("I have read the house rules and agree to them").check()
    await page.get_by_role("button", name="Join").click()
    await expect(page.get_by_role("alert")).to_be_visible()
    await expect(page.get_by_label("Pseudonym")).to_have_attribute("aria-invalid", "true")
    await check_screen(page, "join-error")


async def test_sign_out_then_in_again_and_a_wrong_password_is_refused(open_page, live):
    page = await member_on(open_page, live, "hazel")
    await page.get_by_role("button", name="Sign out (hazel)").click()
    await expect(page.locator("h1")).to_have_text("Alongside: you are not on your own")
    await page.get_by_role("navigation", name="Main").get_by_role("link", name="Sign in").click()
    await page.get_by_label("Pseudonym").fill("hazel")
    await page.get_by_label("Password").fill("not the password at all")
    await page.get_by_role("button", name="Sign in").click()
    await expect(page.get_by_role("alert")).to_be_visible()
    await check_screen(page, "sign-in-error")
    await page.get_by_label("Password").fill(PASSWORD)
    await page.get_by_role("button", name="Sign in").click()
    await expect(page.locator("h1")).to_have_text("The wall")


async def test_recovering_with_the_code_sets_a_new_password_and_gives_a_new_code(open_page):
    page = await open_page()
    await page.goto("/join")
    await page.get_by_label("Pseudonym").fill("alder")
    await page.get_by_label("Password").fill(PASSWORD)
    await page.get_by_label("I have read the house rules and agree to them").check()
    await page.get_by_role("button", name="Join").click()
    first_code = (await page.locator(".recovery-code code").text_content()).strip()
    await page.context.clear_cookies()

    await page.goto("/recover")
    await page.get_by_label("Pseudonym").fill("alder")
    await page.get_by_label("Recovery code").fill(first_code)
    await page.get_by_label("New password").fill(NEW_PASSWORD)
    await page.get_by_role("button", name="Set the new password").click()
    await expect(page.locator("h1")).to_have_text("Keep your recovery code")
    second_code = (await page.locator(".recovery-code code").text_content()).strip()
    assert second_code != first_code
    await page.get_by_label("I have kept my recovery code somewhere safe").check()
    await page.get_by_role("link", name="Sign in with the new password").click()
    await expect(page.get_by_label("Pseudonym")).to_have_value("alder")
    await page.get_by_label("Password").fill(NEW_PASSWORD)
    await page.get_by_role("button", name="Sign in").click()
    await expect(page.locator("h1")).to_have_text("The wall")


async def test_about_me_and_avatar_show_on_the_profile(open_page, live):
    page = await member_on(open_page, live, "maple", path="/settings")
    await page.get_by_label("About me").fill("Here most evenings. Tea helps.")
    await page.get_by_label("moon, lavender").check()
    await page.get_by_role("button", name="Save profile").click()
    await expect(page.locator("#notice")).to_contain_text("Profile saved.")
    await page.get_by_role("link", name="My posts").click()
    await expect(page.locator("h1")).to_have_text("maple")
    await expect(page.locator(".about")).to_have_text("Here most evenings. Tea helps.")
    await expect(page.locator(".profile svg.avatar--lavender")).to_have_count(1)
    await check_screen(page, "member-own")


async def test_another_session_can_be_signed_out_from_settings(open_page, live):
    page = await member_on(open_page, live, "elder", path="/settings")
    other = await open_page()
    await other.goto("/sign-in")
    await other.get_by_label("Pseudonym").fill("elder")
    await other.get_by_label("Password").fill(PASSWORD)
    await other.get_by_role("button", name="Sign in").click()
    await expect(other.locator("h1")).to_have_text("The wall")

    await page.reload()
    sessions = page.get_by_role("region", name="Where you are signed in")
    await expect(sessions.get_by_role("listitem")).to_have_count(2)
    await sessions.get_by_role("button", name="Sign out there").click()
    await expect(sessions.get_by_role("listitem")).to_have_count(1)
    # The other browser's live socket closes, and it is told it was signed out.
    await expect(other.locator("h1")).to_have_text("Sign in")
    await expect(other.get_by_text("You were signed out.")).to_be_visible()


async def test_changing_the_password(open_page, live):
    page = await member_on(open_page, live, "linden", path="/settings")
    form = page.get_by_role("form", name="Change your password")
    await form.get_by_label("Current password").fill(PASSWORD)
    await form.get_by_label("New password").fill(NEW_PASSWORD)
    await form.get_by_role("button", name="Change password").click()
    await expect(page.locator("#notice")).to_contain_text("Password changed.")
    await page.get_by_role("button", name="Sign out (linden)").click()
    await page.goto("/sign-in")
    await page.get_by_label("Pseudonym").fill("linden")
    await page.get_by_label("Password").fill(NEW_PASSWORD)
    await page.get_by_role("button", name="Sign in").click()
    await expect(page.locator("h1")).to_have_text("The wall")

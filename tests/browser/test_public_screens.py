"""What anyone sees without signing in: the landing page, the house rules, help, and a missing page."""

import pytest
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import expect

from tests.browser.conftest import DESKTOP, PHONE, check_screen

SCREENS = [
    ("landing", "/", "Alongside: you are not on your own"),
    ("rules", "/rules", "House rules"),
    ("help", "/help", "Help, right now"),
    ("join", "/join", "Join Alongside"),
    ("sign-in", "/sign-in", "Sign in"),
    ("recover", "/recover", "Recover your account"),
    ("not-found", "/no-such-page", "Page not found"),
]


@pytest.mark.parametrize(
    ("viewport", "scheme"), [(DESKTOP, "light"), (PHONE, "dark")], ids=["desktop-light", "phone-dark"]
)
async def test_every_public_screen_has_its_heading_the_help_link_and_no_serious_axe_finding(
    open_page, viewport, scheme
):
    page = await open_page(viewport=viewport, color_scheme=scheme)
    for name, path, heading in SCREENS:
        await page.goto(path)
        await expect(page.locator("h1")).to_have_text(heading)
        await expect(page).to_have_title(f"{heading} · Alongside")
        await expect(page.get_by_role("link", name="I need help now").first).to_be_visible()
        await check_screen(page, f"{name}-{scheme}-{viewport['width']}")


async def test_the_landing_page_lists_the_house_rules_the_api_serves(open_page, live):
    page = await open_page()
    rules = await (await page.request.get("/api/v1/rules")).json()
    await page.goto("/")
    shown = page.get_by_role("region", name="The house rules").locator("h3")
    await expect(shown).to_have_text([rule["title"] for rule in rules["rules"]])
    await expect(
        page.get_by_role("link", name=f"Read the house rules in full (version {rules['version']})")
    ).to_be_visible()


async def test_help_shows_the_uk_signposts_without_signing_in(open_page):
    page = await open_page()
    await page.goto("/")
    await page.get_by_role("link", name="I need help now").first.click()
    await expect(page.locator("h1")).to_have_text("Help, right now")
    await expect(page.get_by_role("link", name="Call 116 123")).to_have_attribute("href", "tel:116123")
    await expect(page.get_by_role("link", name="Text SHOUT to 85258")).to_have_attribute(
        "href", "sms:85258?body=SHOUT"
    )
    await expect(page.get_by_role("link", name="Call 111")).to_be_visible()
    await expect(page.get_by_role("link", name="Call 999")).to_be_visible()


async def test_the_wall_sends_a_visitor_to_sign_in_and_back(open_page):
    page = await open_page()
    await page.goto("/wall")
    await expect(page).to_have_url("/sign-in?next=%2Fwall")
    await expect(page.locator("h1")).to_have_text("Sign in")


async def test_the_content_security_policy_refuses_inline_script(open_page):
    page = await open_page()
    await page.goto("/")
    with pytest.raises(PlaywrightError):
        await page.add_script_tag(content="window.injected = true")
    assert await page.evaluate("() => window.injected") is None


async def test_the_axe_check_fails_on_a_serious_finding(open_page):
    page = await open_page()
    await page.goto("/sign-in")
    await expect(page.locator("h1")).to_have_text("Sign in")
    # A field whose label is gone is a critical finding; the check must not let it through.
    await page.evaluate("() => document.querySelectorAll('label').forEach((label) => label.remove())")
    with pytest.raises(AssertionError, match="label"):
        await check_screen(page, "deliberately-broken")

"""The review queue filtered by priority and claim, in a real browser."""

from playwright.async_api import expect

from app.core.permissions import Role
from tests.browser.conftest import check_screen, member_on, post_card
from tests.browser.test_moderation import compose, staff_on


async def test_the_queue_filters_by_priority_and_by_claim(open_page, live):
    ash = await member_on(open_page, live, "ash")
    await compose(ash, "I want to die tonight.")
    await expect(post_card(ash, "want to die").locator(".badge")).to_have_text("Waiting for a moderator")
    await compose(ash, "You should go die, birch.")
    await expect(post_card(ash, "go die").locator(".badge")).to_have_text("Waiting for a moderator")
    rowan = await staff_on(open_page, live, "rowan", Role.moderator, "/moderation")
    await expect(rowan.locator(".review-item")).to_have_count(2)

    await rowan.get_by_label("Priority").select_option("held")
    await rowan.get_by_role("button", name="Filter").click()
    await expect(rowan).to_have_url(f"{live.base_url}/moderation?priority=held")
    await expect(rowan.locator(".review-item")).to_have_count(1)
    await expect(rowan.locator(".review-item.priority-held")).to_be_visible()
    await check_screen(rowan, "queue-filtered")

    await rowan.get_by_role("link", name="Clear").click()
    urgent = rowan.locator(".review-item.priority-urgent")
    await urgent.get_by_role("button", name="Claim").click()
    await expect(urgent.get_by_role("button", name="Let it go")).to_be_visible()
    await rowan.get_by_label("Claimed").select_option("mine")
    await rowan.get_by_role("button", name="Filter").click()
    await expect(rowan.locator(".review-item")).to_have_count(1)
    await expect(rowan.locator(".review-item.priority-urgent")).to_be_visible()
    await rowan.get_by_label("Claimed").select_option("unclaimed")
    await rowan.get_by_role("button", name="Filter").click()
    await expect(rowan.locator(".review-item")).to_have_count(1)
    await expect(rowan.locator(".review-item.priority-held")).to_be_visible()

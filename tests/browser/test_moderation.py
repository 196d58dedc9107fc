"""Moderation in real browsers: screening's answers to the author, crisis help and the urgent item, a
report and a removal that vanishes live and reaches the author with the rule, and the moderators' and
administrators' screens."""

from typing import Any

from playwright.async_api import Page, expect
from sqlalchemy import update

from app.accounts.models import Member as MemberRow
from app.core.permissions import Role
from tests.browser.conftest import PHONE, check_screen, join_by_api, member_on, post_card, sockets_reach


async def set_role(live: Any, pseudonym: str, role: Role) -> None:
    async with live.app.state.database.transaction() as session:
        await session.execute(update(MemberRow).where(MemberRow.pseudonym == pseudonym).values(role=role))


async def staff_on(open_page, live, pseudonym: str, role: Role, path: str, **options: Any) -> Page:
    page = await open_page(**options)
    await join_by_api(page, pseudonym)
    await set_role(live, pseudonym, role)
    sockets = live.app.state.hub.connection_count
    await page.goto(path)
    await expect(page.locator("h1")).to_be_visible()
    await sockets_reach(live, sockets + 1)
    return page


async def compose(page: Page, body: str) -> None:
    composer = page.locator("form.composer")
    await composer.get_by_label("What would you like to share?").fill(body)
    await composer.get_by_role("button", name="Post").click()


async def test_a_crisis_post_brings_help_to_its_author_and_an_urgent_item_to_the_moderator(open_page, live):
    rowan = await staff_on(open_page, live, "rowan", Role.moderator, "/moderation")
    await expect(rowan.locator("h1")).to_have_text("Review queue")
    ash = await member_on(open_page, live, "ash", viewport=PHONE)
    await compose(ash, "I want to die tonight, I can't do this any more.")

    crisis = ash.locator(".crisis")
    await expect(crisis).to_be_visible()
    await expect(crisis.get_by_role("link", name="Call 116 123")).to_have_attribute("href", "tel:116123")
    await expect(crisis.get_by_role("link", name="Text SHOUT to 85258")).to_have_attribute(
        "href", "sms:85258?body=SHOUT"
    )
    await expect(post_card(ash, "I want to die").locator(".badge")).to_have_text("Waiting for a moderator")
    await check_screen(ash, "crisis-help-phone")

    urgent = rowan.locator(".review-item.priority-urgent")
    await expect(urgent).to_be_visible()
    # Crisis words are blurred until the moderator chooses to read them.
    await expect(urgent.locator(".review-words.blurred")).to_have_count(1)
    await check_screen(rowan, "queue-urgent-blurred")
    await urgent.get_by_role("button", name="Show the words").click()
    await expect(urgent.locator(".review-words mark")).to_have_text("want to die")
    await urgent.get_by_role("button", name="Claim").click()
    await expect(
        rowan.locator(".review-item.priority-urgent").get_by_role("button", name="Let it go")
    ).to_be_visible()


async def test_a_report_then_a_removal_vanishes_live_and_the_author_gets_the_notice(open_page, live):
    birch = await member_on(open_page, live, "birch")
    await compose(birch, "Nobody here ever listens, you are all useless.")
    await expect(post_card(birch, "useless")).to_be_visible()
    ash = await member_on(open_page, live, "ash")
    cedar = await member_on(open_page, live, "cedar", viewport=PHONE, color_scheme="dark")

    card = post_card(ash, "useless")
    await card.locator("summary").click()
    await card.get_by_role("button", name="Report this post").click()
    report = card.locator("form.report")
    await report.get_by_label("Be kind").check()
    await check_screen(ash, "report-form")
    await report.get_by_role("button", name="Send report").click()
    await expect(ash.locator("#notice")).to_contain_text("Nobody else is told")
    await expect(post_card(ash, "useless")).to_have_count(0)

    rowan = await staff_on(open_page, live, "rowan", Role.moderator, "/moderation")
    item = rowan.locator(".review-item").filter(has_text="useless")
    await expect(item).to_be_visible()
    await item.get_by_label("House rule").select_option(label="Be kind")
    await item.get_by_label("Message to the author").fill(
        "We took this down because it was unkind to others."
    )
    await check_screen(rowan, "queue-decision")
    await item.get_by_role("button", name="Remove").click()
    await expect(rowan.locator("#notice")).to_contain_text("Removed")

    await expect(post_card(cedar, "useless")).to_have_count(0)
    badge = birch.locator("#nav-notifications .count")
    await expect(badge).to_have_text("1")
    await birch.locator("#nav-notifications").click()
    await expect(birch.locator("h1")).to_have_text("Notifications")
    notice = birch.locator(".notification").first
    await expect(notice).to_contain_text("A moderator removed your post")
    await expect(notice).to_contain_text("Be kind")
    await expect(notice.locator("blockquote")).to_contain_text("you are all useless")
    await check_screen(birch, "notification-removed")
    await notice.get_by_role("button", name="Appeal this decision").click()
    await notice.get_by_label("Why should a moderator look at this again?").fill(
        "I was upset, not aiming it at anyone."
    )
    await notice.get_by_role("button", name="Send appeal").click()
    await expect(notice.get_by_role("status")).to_contain_text("Your appeal is sent")
    await birch.get_by_role("button", name="Mark all as read").click()
    await expect(badge).to_have_count(0)
    await birch.goto("/appeals")
    await expect(birch.locator(".appeals")).to_contain_text("Waiting for a moderator")
    await check_screen(birch, "my-appeals")

    await rowan.goto("/moderation/appeals")
    await expect(rowan.locator("h1")).to_have_text("Appeals")
    await check_screen(rowan, "moderation-appeals")
    await rowan.goto("/moderation/members/birch")
    await expect(rowan.locator("h1")).to_have_text("birch: moderation")
    await check_screen(rowan, "moderation-member")
    await rowan.get_by_label("Add a note").fill("Upset evening; check in kindly.")
    await rowan.get_by_role("button", name="Save note").click()
    await expect(rowan.get_by_text("Upset evening; check in kindly.")).to_be_visible()
    await rowan.goto("/moderation/audit?member=birch")
    await expect(rowan.locator(".audit li").first).to_be_visible()
    await check_screen(rowan, "moderation-audit")


async def test_a_nudge_then_post_anyway(open_page, live):
    ash = await member_on(open_page, live, "ash")
    await compose(ash, "This week has been fucking hard.")
    nudge = ash.locator(".screening.nudge")
    await expect(nudge).to_be_visible()
    await expect(nudge).to_contain_text("fucking")
    await expect(post_card(ash, "fucking hard")).to_have_count(0)
    await check_screen(ash, "screening-nudge")
    await nudge.get_by_role("button", name="Post anyway").click()
    await expect(post_card(ash, "fucking hard")).to_be_visible()


async def test_an_administrator_changes_a_rule_and_a_member_agrees_before_posting(open_page, live):
    ash = await member_on(open_page, live, "ash")
    ada = await staff_on(open_page, live, "ada", Role.admin, "/admin/rules")
    await expect(ada.locator("h1")).to_have_text("House rules editor")
    await check_screen(ada, "admin-rules")
    add = ada.locator("form[aria-labelledby=add-rule]")
    await add.get_by_label("Title").fill("Look after yourself")
    await add.get_by_label("The rule in full").fill("Take a break when you need one; the wall will be here.")
    await add.get_by_label("What changed, for members").fill("A new rule about self-care.")
    await add.get_by_role("button", name="Publish the new rule").click()
    await expect(ada.locator(".rules-editor")).to_contain_text("Look after yourself")

    banner = ash.locator(".rules-changed")
    await expect(banner).to_contain_text("A new rule about self-care.")
    await compose(ash, "Trying to post after the change.")
    await expect(ash.locator("form.composer").get_by_role("alert")).to_contain_text("The house rules changed")
    await banner.get_by_role("link", name="Read what changed and agree").click()
    await expect(ash.locator(".agreement")).to_contain_text("Look after yourself")
    await check_screen(ash, "rules-changed-agree")
    await ash.locator(".agreement").get_by_role("button", name="I agree").click()
    await expect(ash.locator("h1")).to_have_text("The wall")
    await compose(ash, "Posting again after agreeing.")
    await expect(post_card(ash, "Posting again after agreeing.")).to_be_visible()


async def test_the_administrators_screens_load_and_save(open_page, live):
    ada = await staff_on(open_page, live, "ada", Role.admin, "/admin/settings")
    await expect(ada.locator("h1")).to_have_text("Settings and roles")
    await check_screen(ada, "admin-settings")
    team = ada.locator("form[aria-labelledby=settings-team]")
    await team.get_by_label("Team name members see").fill("Robin")
    await team.get_by_role("button", name="Save moderator team").click()
    await expect(ada.locator("#notice")).to_contain_text("Moderator team saved.")
    thresholds = ada.locator("form[aria-labelledby=settings-thresholds]")
    await thresholds.get_by_role("button", name="Save thresholds").click()
    await expect(ada.locator("#notice")).to_contain_text("Thresholds saved.")
    hours = ada.locator("form[aria-labelledby=settings-hours]")
    await hours.get_by_role("button", name="Save moderation hours").click()
    await expect(ada.locator("#notice")).to_contain_text("Moderation hours saved.")
    for name in ("Crisis signposts", "Removal messages"):
        await ada.get_by_role("button", name=f"Save {name.lower()}").click()
        await expect(ada.locator("#notice")).to_contain_text(f"{name} saved.")
    await join_by_api(await open_page(), "birch")
    roles = ada.locator("form[aria-labelledby=settings-roles]")
    await roles.get_by_label("Member’s pseudonym").fill("birch")
    await roles.get_by_label("Role").select_option("moderator")
    await roles.get_by_role("button", name="Set the role").click()
    await expect(ada.locator("#notice")).to_contain_text("birch is now a moderator.")

    await ada.goto("/admin/checks")
    await expect(ada.locator("h1")).to_have_text("Screening checks")
    await check_screen(ada, "admin-checks")
    await ada.goto("/admin/figures")
    await expect(ada.locator("h1")).to_have_text("Figures")
    await check_screen(ada, "admin-figures")
    await ada.goto("/moderation", wait_until="load")
    await expect(ada.locator("h1")).to_have_text("Review queue")
    await expect(ada.get_by_text("Nothing is waiting. Thank you.")).to_be_visible()
    await check_screen(ada, "queue-empty", full_page=False)


async def test_members_do_not_see_the_moderators_areas(open_page, live):
    ash = await member_on(open_page, live, "ash")
    await expect(ash.locator("#nav").get_by_role("link", name="Review queue")).to_have_count(0)
    await ash.goto("/moderation")
    await expect(ash.locator("h1")).to_have_text("Page not found")

"""The house rules editor gathers several changes and publishes them as one version with one summary;
a member then reads what changed and agrees before posting again."""

from playwright.async_api import Locator, Page, expect

from app.core.permissions import Role
from tests.browser.conftest import check_screen, member_on, post_card
from tests.browser.test_moderation import compose, staff_on

EDITED = "Keep your language gentle, and please don't write in capital letters: it reads as shouting."


def rule_row(page: Page, title: str) -> Locator:
    return page.locator("ol.rules-editor > li").filter(has=page.get_by_role("heading", name=title))


async def gather_retirement(page: Page, title: str) -> None:
    row = rule_row(page, title)
    await row.locator("summary", has_text="Move or retire").click()
    await row.get_by_role("button", name="Retire it").click()


async def test_an_administrator_publishes_several_changes_as_one_version(open_page, live):
    ash = await member_on(open_page, live, "ash")
    ada = await staff_on(open_page, live, "ada", Role.admin, "/admin/rules")
    versions = ada.locator("ol.versions > li")
    await expect(versions).to_have_count(1)
    pending = ada.locator(".pending-changes > li")

    shouting = rule_row(ada, "4. No bad language or shouting")
    await shouting.locator("summary", has_text="Edit").click()
    edit = shouting.get_by_role("form", name="Edit No bad language or shouting")
    await edit.get_by_label("The rule in full").fill(EDITED)
    await edit.get_by_role("button", name="Add to this set of changes").click()
    await expect(pending).to_have_count(1)

    add = ada.locator("form[aria-labelledby=add-rule]")
    await add.get_by_label("Title").fill("Look after yourself")
    await add.get_by_label("The rule in full").fill("Take a break when you need one; the wall will be here.")
    await add.get_by_role("button", name="Add to this set of changes").click()
    await expect(pending).to_have_count(2)
    await expect(add.get_by_label("Title")).to_have_value("")
    # Reloading the page loses nothing gathered.
    await ada.reload()
    await expect(pending).to_have_count(2)
    await expect(pending.first).to_contain_text("Edit rule 4")

    await gather_retirement(ada, "1. Be kind")
    # A rule that screening checks still use cannot retire: the API's reason shows beside that change.
    await gather_retirement(ada, "5. Keep contact details private")
    await expect(pending).to_have_count(4)
    publish = ada.get_by_role("form", name="Publish the gathered changes")
    summary = publish.get_by_label("What changed, for members")
    await publish.get_by_role("button", name="Publish these changes as one version").click()
    await expect(summary).to_have_attribute("aria-invalid", "true")
    await summary.fill(
        "Gentler words on shouting, a rule on self-care, and kindness now runs through them all."
    )
    await publish.get_by_role("button", name="Publish these changes as one version").click()
    blocked = pending.filter(has_text="Keep contact details private")
    await expect(blocked.locator(".field-error")).to_contain_text("still has live screening checks")
    await expect(publish.get_by_role("alert")).to_contain_text("still has live screening checks")
    await check_screen(ada, "admin-rules-gathered")
    await blocked.get_by_role("button", name="Remove: Retire “Keep contact details private”").click()
    await expect(pending).to_have_count(3)
    crisis = rule_row(ada, "6. This is not a crisis service")
    await crisis.locator("summary", has_text="Move or retire").click()
    await crisis.get_by_role("button", name="Move it up").click()
    await expect(pending).to_have_count(4)
    await publish.get_by_role("button", name="Publish these changes as one version").click()

    await expect(versions).to_have_count(2)
    await expect(versions.first).to_contain_text("Version 2")
    await expect(versions.first).to_contain_text("a rule on self-care")
    await expect(pending).to_have_count(0)
    await ada.reload()
    await expect(versions).to_have_count(2)
    await expect(pending).to_have_count(0)
    editor = ada.locator("ol.rules-editor")
    await expect(editor).to_contain_text("Look after yourself")
    await expect(editor).to_contain_text(EDITED)
    await expect(rule_row(ada, "1. Be kind")).to_have_count(0)
    # Be kind retired, the crisis rule moved above contact details, the new rule last.
    await expect(editor.locator("> li > h3")).to_have_text(
        [
            "1. No graphic detail of self-harm or suicide, and no methods",
            "2. No abuse or discrimination",
            "3. No bad language or shouting",
            "4. This is not a crisis service",
            "5. Keep contact details private",
            "6. Look after yourself",
        ]
    )
    await check_screen(ada, "admin-rules-published")

    await compose(ash, "Trying to post after the change.")
    await expect(ash.locator("form.composer").get_by_role("alert")).to_contain_text("The house rules changed")
    await ash.locator(".rules-changed").get_by_role("link", name="Read what changed and agree").click()
    agreement = ash.locator(".agreement")
    await expect(agreement).to_contain_text("a rule on self-care")
    await expect(agreement.locator("li", has_text="Look after yourself")).to_be_visible()
    await expect(agreement.locator("li", has_text="No bad language or shouting")).to_contain_text(EDITED)
    await expect(agreement.locator("li", has_text="Be kind")).to_contain_text("(no longer a rule)")
    await agreement.get_by_role("button", name="I agree to version 2").click()
    await expect(ash.locator("h1")).to_have_text("The wall")
    await compose(ash, "Posting again after agreeing.")
    await expect(post_card(ash, "Posting again after agreeing.")).to_be_visible()

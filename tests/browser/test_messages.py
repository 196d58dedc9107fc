"""Private messages in real browsers: a message arrives live with the unread badge, a refusal stays
neutral, a message can be reported, and a member's conversation with the moderator team."""

import httpx
from playwright.async_api import Page, expect

from app.core.permissions import Role
from tests.browser.conftest import PHONE, check_screen, member_on
from tests.browser.test_moderation import staff_on
from tests.conftest import join


def nav_messages(page: Page):
    return page.locator("#nav-messages")


async def write_from_profile(page: Page, to: str, body: str) -> None:
    await page.goto(f"/members/{to}")
    await page.get_by_role("button", name=f"Send {to} a message").click()
    await page.get_by_label(f"Your message to {to}").fill(body)
    await page.locator("form").get_by_role("button", name="Send", exact=True).click()


async def test_a_message_arrives_live_with_the_unread_badge_and_is_answered(open_page, live):
    ash = await member_on(open_page, live, "ash", viewport=PHONE)
    # The team's welcome on joining waits unread.
    await expect(nav_messages(ash).locator(".count")).to_have_text("1")
    birch = await member_on(open_page, live, "birch")
    await write_from_profile(birch, "ash", "Hello ash, how are you doing tonight?")
    await expect(birch.locator("h1")).to_have_text("Conversation with ash")
    await expect(birch.locator(".message.ours")).to_contain_text("Hello ash, how are you doing tonight?")

    # ash is on the wall: the badge beside Messages counts the message as it arrives.
    await expect(nav_messages(ash).locator(".count")).to_have_text("2")
    await expect(nav_messages(ash)).to_contain_text("2 unread")
    await nav_messages(ash).click()
    await expect(ash.locator("h1")).to_have_text("Messages")
    row = ash.locator(".conversations li", has_text="Conversation with birch")
    await expect(row).to_contain_text("1 new message")
    await expect(row).to_contain_text("birch: Hello ash")
    await check_screen(ash, "messages-list-phone")
    await row.get_by_role("link").click()
    await expect(ash.locator("h1")).to_have_text("Conversation with birch")
    await expect(ash.locator(".message").first).to_contain_text("Hello ash, how are you doing tonight?")
    # Opening the conversation reads it; the team's welcome still waits.
    await expect(nav_messages(ash).locator(".count")).to_have_text("1")

    await ash.get_by_label("Write to birch").fill("Better for hearing from you.")
    await ash.get_by_role("button", name="Send", exact=True).click()
    await expect(ash.locator(".message.ours")).to_contain_text("Better for hearing from you.")
    # birch is in the conversation: the answer arrives live in the log, and is read at once.
    log = birch.get_by_role("log", name="Messages with ash")
    await expect(log.locator(".message:not(.ours)")).to_contain_text("Better for hearing from you.")
    await expect(nav_messages(birch).locator(".count")).to_have_text("1")
    await check_screen(ash, "conversation-phone")
    await check_screen(birch, "conversation-desktop")


async def test_a_reported_message_leaves_the_reporters_view_and_reaches_the_queue_in_context(open_page, live):
    ash = await member_on(open_page, live, "ash")
    birch = await member_on(open_page, live, "birch")
    await write_from_profile(birch, "ash", "Hi ash, a question for you.")
    await expect(birch.locator("h1")).to_have_text("Conversation with ash")
    await birch.get_by_label("Write to ash").fill("You are all useless here.")
    await birch.get_by_role("button", name="Send", exact=True).click()
    await expect(birch.locator(".message.ours", has_text="useless")).to_be_visible()
    await nav_messages(ash).click()
    await ash.locator(".conversations a", has_text="birch").click()
    message = ash.locator(".message", has_text="useless")
    await message.locator("summary").click()
    await message.get_by_role("button", name="Report this message").click()
    await message.locator("form.report").get_by_label("Be kind").check()
    await message.get_by_role("button", name="Send report").click()
    await expect(ash.locator("#notice")).to_contain_text("Nobody else is told")
    await expect(ash.locator(".message", has_text="useless")).to_have_count(0)
    await ash.reload()
    await expect(ash.locator("h1")).to_have_text("Conversation with birch")
    await expect(ash.locator(".message", has_text="a question for you")).to_be_visible()
    await expect(ash.locator(".message", has_text="useless")).to_have_count(0)

    rowan = await staff_on(open_page, live, "rowan", Role.moderator, "/moderation")
    item = rowan.locator(".review-item", has_text="A message by birch")
    # A private message's words are not in the queue: reading them is a recorded choice.
    await expect(item).not_to_contain_text("useless")
    await item.get_by_role("button", name="Read it in its conversation").click()
    around = item.get_by_role("list", name="The conversation around it")
    await expect(around.locator("li").first).to_contain_text("Hi ash, a question for you.")
    await expect(around.locator(".context-current")).to_contain_text("You are all useless here.")
    await expect(around.locator(".context-current")).to_contain_text("the message under review")
    await check_screen(rowan, "queue-message-context")


async def test_a_member_who_takes_no_messages_gets_a_neutral_refusal(open_page, live):
    cedar = await member_on(open_page, live, "cedar")
    await cedar.get_by_role("link", name="Settings").click()
    choices = cedar.locator("form", has=cedar.get_by_role("heading", name="Who may message you"))
    await choices.get_by_label("Only members I already have a conversation with").check()
    await choices.get_by_role("button", name="Save who may message you").click()
    await expect(cedar.locator("#notice")).to_contain_text("Saved.")

    ash = await member_on(open_page, live, "ash")
    await write_from_profile(ash, "cedar", "Hi cedar!")
    await expect(ash.get_by_role("alert")).to_have_text("cedar isn't taking messages from you at the moment.")
    await expect(ash.locator("h1")).to_have_text("cedar")
    await check_screen(ash, "message-refused")


async def test_a_member_writes_to_the_team_and_a_moderator_answers_as_the_team(open_page, live):
    rowan = await staff_on(open_page, live, "rowan", Role.moderator, "/moderation/inbox")
    await expect(rowan.locator("h1")).to_have_text("Team inbox")
    ash = await member_on(open_page, live, "ash", "/messages", viewport=PHONE)
    persona = (await (await ash.request.get("/api/v1/me/team-conversation")).json())["team"]
    await ash.get_by_role("link", name=f"Message the moderators ({persona})").click()
    await expect(ash.locator("h1")).to_have_text("Message the moderators")
    await ash.get_by_label("Write to the moderators").fill("Could someone explain why my post went?")
    await ash.get_by_role("button", name="Send", exact=True).click()
    await expect(ash.locator(".message.ours")).to_contain_text("Could someone explain")
    await check_screen(ash, "team-conversation-phone")

    # The inbox updates live, unanswered first, and the navigation counts what waits for an answer.
    entry = rowan.locator(".inbox li", has_text="Conversation with ash")
    await expect(entry).to_contain_text("Waiting for an answer")
    await expect(rowan.locator("#nav-inbox .count")).to_have_text("1")
    await expect(rowan.locator("#nav-inbox")).to_contain_text("1 waiting for an answer")
    await check_screen(rowan, "team-inbox")
    await entry.get_by_role("link").click()
    await expect(rowan.locator("h1")).to_have_text("ash and the team")
    await expect(rowan.locator(".message:not(.ours)")).to_contain_text("Could someone explain")
    await rowan.get_by_label("Answer ash as the team").fill("Of course: it named a phone number.")
    await rowan.get_by_role("button", name="Send", exact=True).click()
    await expect(rowan.locator(".message.ours").last).to_contain_text("rowan, for the team")
    await expect(rowan.locator("#nav-inbox .count")).to_have_count(0)
    await check_screen(rowan, "team-inbox-thread")

    # The member sees the answer live, signed as the team's persona, not the moderator.
    answer = ash.locator(".message:not(.ours)").last
    await expect(answer).to_contain_text("it named a phone number")
    await expect(answer.locator(".author")).to_have_text(persona)
    await expect(answer).not_to_contain_text("rowan")


async def test_a_moderator_starts_a_conversation_from_the_members_moderation_page(open_page, live):
    ash = await member_on(open_page, live, "ash")
    rowan = await staff_on(open_page, live, "rowan", Role.moderator, "/moderation/members/ash")
    await rowan.get_by_role("button", name="Write to ash from the team").click()
    await rowan.get_by_label("Your message to ash").fill("Checking in: how are you finding things?")
    await rowan.locator("form").get_by_role("button", name="Send", exact=True).click()
    await expect(rowan.locator("h1")).to_have_text("ash and the team")
    await expect(rowan.locator(".message.ours").last).to_contain_text("Checking in")

    # The badge counts conversations: the welcome and the new message are both in the team's one.
    await expect(nav_messages(ash).locator(".count")).to_have_text("1")
    await nav_messages(ash).click()
    await ash.get_by_role("link", name="Message the moderators").click()
    await expect(ash.locator(".message:not(.ours)").last).to_contain_text("Checking in")
    await expect(nav_messages(ash).locator(".count")).to_have_count(0)


async def test_screening_answers_a_message_with_a_nudge_a_hold_and_crisis_help(open_page, live):
    birch = await member_on(open_page, live, "birch", color_scheme="dark")
    ash = await member_on(open_page, live, "ash", viewport=PHONE)
    await write_from_profile(ash, "birch", "This week has been fucking hard.")
    nudge = ash.locator(".screening.nudge")
    await expect(nudge).to_contain_text("fucking")
    await expect(nudge.get_by_role("heading", level=2)).to_have_text("Before you share this")
    await check_screen(ash, "message-nudge-phone")
    await nudge.get_by_role("button", name="Send anyway").click()
    await expect(ash.locator("h1")).to_have_text("Conversation with birch")
    await expect(ash.locator(".message.ours")).to_contain_text("fucking hard")

    await ash.get_by_label("Write to birch").fill("You should go die.")
    await ash.get_by_role("button", name="Send", exact=True).click()
    held = ash.locator(".message.ours", has_text="go die")
    await expect(held.locator(".badge")).to_have_text("Waiting for a moderator")
    await expect(ash.locator("#notice")).to_contain_text("Your message is waiting for a moderator")

    await ash.get_by_label("Write to birch").fill("Honestly I want to die tonight.")
    await ash.get_by_role("button", name="Send", exact=True).click()
    await expect(ash.locator(".crisis")).to_be_visible()

    # birch sees only what went straight through.
    await birch.goto("/messages")
    await birch.get_by_role("link", name="Conversation with ash").click()
    await expect(birch.locator(".message", has_text="fucking hard")).to_have_count(1)
    await expect(birch.locator(".message", has_text="go die")).to_have_count(0)
    await expect(birch.locator(".message", has_text="want to die")).to_have_count(0)
    # Reading the conversation leaves only the team's welcome unread.
    await expect(nav_messages(birch).locator(".count")).to_have_text("1")
    await check_screen(birch, "conversation-dark")


async def test_a_suspended_member_can_still_message_the_moderators(open_page, live):
    ash = await member_on(open_page, live, "ash")
    rowan = await staff_on(open_page, live, "rowan", Role.moderator, "/moderation/members/ash")
    sanction = rowan.locator("form[aria-labelledby=sanction-heading]")
    await sanction.get_by_label("Kind").select_option("suspension")
    await sanction.get_by_label("House rule").select_option(index=1)
    await sanction.get_by_label("Message to the member").fill("A pause for a few days, after what happened.")
    await sanction.get_by_role("button", name="Send to the member").click()
    await expect(rowan.locator("#notice")).to_contain_text("Sent.")

    await ash.goto("/messages/team")
    await expect(ash.locator("h1")).to_have_text("Message the moderators")
    await ash.get_by_label("Write to the moderators").fill("I understand. May I come back on Monday?")
    await ash.get_by_role("button", name="Send", exact=True).click()
    await expect(ash.locator(".message.ours")).to_contain_text("May I come back on Monday?")
    await rowan.goto("/moderation/inbox")
    await expect(rowan.locator(".inbox li", has_text="ash")).to_contain_text("May I come back on Monday?")


async def test_conversations_list_newest_first_and_load_more(open_page, live):
    ash = await member_on(open_page, live, "ash")
    # One more than a page; names unlike each other (look-alike pseudonyms are refused).
    names = (
        "alder aspen beech cherry cypress elm fir hazel holly juniper larch linden magnolia maple "
        "myrtle olive poplar rowan spruce willow yew"
    ).split()
    async with httpx.AsyncClient(base_url=live.base_url) as client:
        for name in names:
            writer = await join(client, name)
            started = await writer.post(
                "/api/v1/conversations", json={"pseudonym": "ash", "body": f"Hello from {name}."}
            )
            assert started.status_code == 201, started.text
    await ash.goto("/messages")
    rows = ash.locator(".conversations li")
    await expect(rows).to_have_count(20)
    await expect(rows.first).to_contain_text("Conversation with yew")
    await expect(rows.first).to_contain_text("yew: Hello from yew.")
    await ash.get_by_role("button", name="Load more conversations").click()
    await expect(rows).to_have_count(21)
    await expect(rows.last).to_contain_text("Conversation with alder")
    await expect(ash.get_by_role("button", name="Load more conversations")).to_be_hidden()

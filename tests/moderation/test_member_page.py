"""The member page for moderators: state, strikes in the last 12 months, the suggested next step from
the strike ladder, the sanctions history, decisions on their words and open appeals."""

from datetime import timedelta

from sqlalchemy import update

from app.accounts.models import Member as MemberRow
from app.core.db import utcnow
from app.moderation import settings as community_settings
from app.moderation.models import DecisionAction, Sanction
from app.moderation.settings import LadderStep, Thresholds
from tests.moderation.sanction_helpers import API, removed_post, rules, sanctioned, team

__all__ = ["rules", "team"]  # fixtures


async def page(moderator, pseudonym: str = "ash") -> dict:
    response = await moderator.get(f"{API}/moderation/members/{pseudonym}")
    assert response.status_code == 200, response.text
    return response.json()


async def test_a_member_with_a_clean_record(team):
    shown = await page(team["rowan"])
    assert (shown["pseudonym"], shown["role"], shown["state"]) == ("ash", "member", "active")
    assert shown["strikes_last_12_months"] == 0 and shown["sanctions"] == []
    assert shown["suggested_next_step"] == {"kind": "warning", "days": None}
    assert shown["joined_at"]


async def test_each_strike_moves_the_suggestion_one_step_up_the_ladder(team, rules):
    expected = [
        {"kind": "suspension", "days": 14},
        {"kind": "suspension", "days": 30},
        {"kind": "ban", "days": None},
    ]
    for step in expected:
        await sanctioned(team["rowan"], "ash", rules[0]["id"])
        assert (await page(team["rowan"]))["suggested_next_step"] == step


async def test_the_suggestion_stays_on_the_last_step(team, rules):
    for _ in range(5):
        await sanctioned(team["rowan"], "ash", rules[0]["id"])
    shown = await page(team["rowan"])
    assert shown["strikes_last_12_months"] == 5
    assert shown["suggested_next_step"] == {"kind": "ban", "days": None}


async def test_the_ladder_is_the_one_administrators_set(app, team, rules):
    ladder = [LadderStep(kind="suspension", days=3), LadderStep(kind="suspension", days=7)]
    async with app.state.database.transaction() as session:
        await community_settings.save(
            session, key="thresholds", value=Thresholds(strike_ladder=ladder), actor_id=None
        )
    assert (await page(team["rowan"]))["suggested_next_step"] == {"kind": "suspension", "days": 3}
    await sanctioned(team["rowan"], "ash", rules[0]["id"])
    assert (await page(team["rowan"]))["suggested_next_step"] == {"kind": "suspension", "days": 7}


async def test_an_overruled_strike_does_not_count(team, rules):
    made = await sanctioned(team["rowan"], "ash", rules[0]["id"])
    await team["willow"].post(f"{API}/moderation/sanctions/{made['id']}/overrule", json={"reason": "Wrong."})
    assert (await page(team["rowan"]))["strikes_last_12_months"] == 0


async def test_a_lifted_suspension_still_counts(team, rules):
    made = await sanctioned(team["rowan"], "ash", rules[0]["id"], "suspension", days=7)
    await team["willow"].post(f"{API}/moderation/sanctions/{made['id']}/lift", json={"reason": "Calmer."})
    assert (await page(team["rowan"]))["strikes_last_12_months"] == 1


async def test_strikes_older_than_twelve_months_do_not_count(app, team, rules):
    made = await sanctioned(team["rowan"], "ash", rules[0]["id"])
    async with app.state.database.transaction() as session:
        await session.execute(
            update(Sanction)
            .where(Sanction.id == made["id"])
            .values(created_at=utcnow() - timedelta(days=366))
        )
    shown = await page(team["rowan"])
    assert shown["strikes_last_12_months"] == 0 and len(shown["sanctions"]) == 1


async def test_a_suspended_member_shows_until_when(team, rules):
    made = await sanctioned(team["rowan"], "ash", rules[0]["id"], "suspension", days=7)
    shown = await page(team["rowan"])
    assert shown["state"] == "suspended"
    assert shown["suspended_until"].replace("Z", "+00:00")[:19] == made["ends_at"].replace("Z", "+00:00")[:19]


async def test_a_banned_member_shows_as_banned(team, rules):
    await sanctioned(team["rowan"], "ash", rules[0]["id"], "ban")
    assert (await page(team["rowan"]))["state"] == "banned"


async def test_a_member_whose_posting_is_paused_shows_it(app, team):
    async with app.state.database.transaction() as session:
        await session.execute(
            update(MemberRow).where(MemberRow.pseudonym == "ash").values(posting_paused_at=utcnow())
        )
    shown = await page(team["rowan"])
    assert shown["state"] == "posting_paused" and shown["posting_paused_at"]


async def test_the_history_shows_lifted_and_overruled_sanctions_newest_first(team, rules):
    first = await sanctioned(team["rowan"], "ash", rules[0]["id"])
    second = await sanctioned(team["rowan"], "ash", rules[0]["id"], "suspension", days=7)
    await team["willow"].post(f"{API}/moderation/sanctions/{first['id']}/overrule", json={"reason": "Wrong."})
    await team["willow"].post(f"{API}/moderation/sanctions/{second['id']}/lift", json={"reason": "Calmer."})
    history = (await page(team["rowan"]))["sanctions"]
    assert [(s["id"], s["status"], s["moderator"]) for s in history] == [
        (second["id"], "lifted", "rowan"),
        (first["id"], "overruled", "rowan"),
    ]
    assert (history[0]["lifted_by"], history[0]["lift_reason"]) == ("willow", "Calmer.")
    assert (history[1]["overruled_by"], history[1]["overrule_reason"]) == ("willow", "Wrong.")


async def test_recent_decisions_are_on_their_words_only(app, team, rules):
    post, decision_id = await removed_post(app, team["ash"], "rowan", rules[0]["id"])
    await removed_post(app, team["birch"], "rowan", rules[0]["id"])
    decisions = (await page(team["rowan"]))["recent_decisions"]
    assert [(d["id"], d["action"], d["target_type"], d["target_id"], d["moderator"]) for d in decisions] == [
        (decision_id, DecisionAction.remove.value, "post", post["id"], "rowan")
    ]
    assert decisions[0]["rule"] == {"id": rules[0]["id"], "title": rules[0]["title"]}


async def test_open_appeals_are_listed(team, rules):
    made = await sanctioned(team["rowan"], "ash", rules[0]["id"])
    sent = await team["ash"].post(f"{API}/me/appeals", json={"sanction_id": made["id"], "text": "Please."})
    shown = await page(team["rowan"])
    assert [(a["id"], a["sanction_id"]) for a in shown["open_appeals"]] == [(sent.json()["id"], made["id"])]


async def test_an_unknown_member_is_not_found(team):
    assert (await team["rowan"].get(f"{API}/moderation/members/nobody-here")).status_code == 404


async def test_the_page_names_staff_roles(team):
    assert (await page(team["rowan"], "sage"))["role"] == "admin"

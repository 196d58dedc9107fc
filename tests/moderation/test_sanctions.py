"""Sanctions: warnings, suspensions and bans name a live rule, tell the member, and are lifted or
overruled on the record, never erased; moderators answer only to administrators."""

from datetime import timedelta

from sqlalchemy import select, update

from app.accounts.models import Member as MemberRow
from app.accounts.service import PERMANENT
from app.core.db import utcnow
from app.moderation import settings as community_settings
from app.moderation.models import (
    Decision,
    DecisionAction,
    HouseRule,
    ItemStatus,
    Resolution,
    ReviewItem,
    Sanction,
    TargetType,
)
from app.moderation.settings import TeamSettings
from tests.moderation.sanction_helpers import (
    API,
    audit_actions,
    days_from_now,
    notifications,
    open_item,
    rules,
    sanction,
    sanctioned,
    suspended_until,
    team,
)

__all__ = ["rules", "team"]  # fixtures


async def test_a_warning_tells_the_member_the_rule_the_message_and_how_to_appeal(app, team, rules):
    made = await sanctioned(team["rowan"], "ash", rules[0]["id"])
    [(kind, data)] = await notifications(app, "ash")
    assert kind == "moderation.warning"
    assert data["sanction_id"] == made["id"]
    assert data["rule"] == {"id": rules[0]["id"], "title": rules[0]["title"]}
    assert data["message"] == "Please keep replies kind."
    assert data["from"] == "Sam from the moderation team"
    assert data["appeal"]["sanction_id"] == made["id"] and data["appeal"]["how"]


async def test_a_warning_is_a_strike_on_record_and_does_not_stop_posting(team, rules):
    made = await sanctioned(team["rowan"], "ash", rules[0]["id"])
    assert (made["kind"], made["status"], made["ends_at"]) == ("warning", "on_record", None)
    assert (
        await team["ash"].post(f"{API}/posts", json={"kind": "saying_hello", "body": "Hi"})
    ).status_code == 201


async def test_a_suspension_for_days_ends_that_many_days_from_now(app, team, rules):
    made = await sanctioned(team["rowan"], "ash", rules[0]["id"], "suspension", days=14)
    until = await suspended_until(app, "ash")
    assert until is not None and abs(until - days_from_now(14)) < timedelta(minutes=1)
    assert made["status"] == "in_force"


async def test_a_suspension_until_a_time_ends_then(app, team, rules):
    end = days_from_now(3).replace(microsecond=0)
    await sanctioned(team["rowan"], "ash", rules[0]["id"], "suspension", until=end.isoformat())
    assert await suspended_until(app, "ash") == end


async def test_a_suspension_notifies_the_member_with_its_end(app, team, rules):
    made = await sanctioned(team["rowan"], "ash", rules[0]["id"], "suspension", days=2)
    [(kind, data)] = await notifications(app, "ash")
    assert kind == "moderation.suspended"
    assert data["kind"] == "suspension" and data["ends_at"] == made["ends_at"].replace("Z", "+00:00")


async def test_a_ban_never_ends_on_its_own(app, team, rules):
    made = await sanctioned(team["rowan"], "ash", rules[0]["id"], "ban")
    assert await suspended_until(app, "ash") == PERMANENT
    assert made["ends_at"] is None


async def test_a_suspension_needs_days_or_until(team, rules):
    response = await sanction(team["rowan"], "ash", rules[0]["id"], "suspension")
    assert response.status_code == 422 and response.json()["field"] == "days"


async def test_a_suspension_takes_days_or_until_not_both(team, rules):
    response = await sanction(
        team["rowan"], "ash", rules[0]["id"], "suspension", days=2, until=days_from_now(2).isoformat()
    )
    assert response.status_code == 422


async def test_a_warning_takes_no_length(team, rules):
    response = await sanction(team["rowan"], "ash", rules[0]["id"], "warning", days=2)
    assert response.status_code == 422 and response.json()["field"] == "days"


async def test_suspension_days_stay_within_ten_years(team, rules):
    for days in (0, 3651):
        response = await sanction(team["rowan"], "ash", rules[0]["id"], "suspension", days=days)
        assert response.status_code == 422, days


async def test_a_suspension_cannot_end_in_the_past(team, rules):
    response = await sanction(
        team["rowan"], "ash", rules[0]["id"], "suspension", until=days_from_now(-1).isoformat()
    )
    assert response.status_code == 422 and response.json()["field"] == "until"


async def test_a_suspension_until_needs_a_time_zone(team, rules):
    naive = days_from_now(2).replace(tzinfo=None).isoformat()
    response = await sanction(team["rowan"], "ash", rules[0]["id"], "suspension", until=naive)
    assert response.status_code == 422


async def test_a_sanction_names_a_current_rule(app, team, rules):
    rule_id = rules[0]["id"]
    async with app.state.database.transaction() as session:
        await session.execute(update(HouseRule).where(HouseRule.id == rule_id).values(retired_at=utcnow()))
    try:
        response = await sanction(team["rowan"], "ash", rule_id)
    finally:
        async with app.state.database.transaction() as session:
            await session.execute(update(HouseRule).where(HouseRule.id == rule_id).values(retired_at=None))
    assert response.status_code == 422 and response.json()["field"] == "rule_id"


async def test_an_unknown_rule_is_refused(team):
    response = await sanction(team["rowan"], "ash", 999_999)
    assert response.status_code == 422 and response.json()["field"] == "rule_id"


async def test_the_message_is_required_and_at_most_2000_characters(team, rules):
    for message in ("  ", "x" * 2001):
        response = await team["rowan"].post(
            f"{API}/moderation/members/ash/sanctions",
            json={"kind": "warning", "rule_id": rules[0]["id"], "message": message},
        )
        assert response.status_code == 422


async def test_an_unknown_member_is_not_found(team, rules):
    assert (await sanction(team["rowan"], "nobody-here", rules[0]["id"])).status_code == 404


async def test_a_moderator_cannot_sanction_themself(team, rules):
    assert (await sanction(team["rowan"], "rowan", rules[0]["id"])).status_code == 403


async def test_a_moderator_cannot_sanction_an_administrator(team, rules):
    assert (await sanction(team["rowan"], "sage", rules[0]["id"])).status_code == 403


async def test_a_moderator_cannot_sanction_another_moderator(team, rules):
    assert (await sanction(team["rowan"], "willow", rules[0]["id"])).status_code == 403


async def test_an_administrator_can_sanction_a_moderator(team, rules):
    assert (await sanction(team["sage"], "rowan", rules[0]["id"], "suspension", days=1)).status_code == 201


async def test_an_administrator_cannot_sanction_themself(team, rules):
    assert (await sanction(team["sage"], "sage", rules[0]["id"])).status_code == 403


async def test_imposing_writes_one_audit_entry(app, team, rules):
    made = await sanctioned(team["rowan"], "ash", rules[0]["id"], "suspension", days=1)
    assert await audit_actions(app) == [("sanction.suspension", made["id"])]


async def test_moderators_can_sign_with_their_own_name(app, team, rules):
    async with app.state.database.transaction() as session:
        team_settings = TeamSettings(persona_name="Sam", sign_with_own_name=True)
        await community_settings.save(session, key="team", value=team_settings, actor_id=None)
    await sanctioned(team["rowan"], "ash", rules[0]["id"])
    [(_, data)] = await notifications(app, "ash")
    assert data["from"] == "rowan"


async def test_the_team_persona_is_the_one_administrators_name(app, team, rules):
    async with app.state.database.transaction() as session:
        team_settings = TeamSettings(persona_name="Jo from the team")
        await community_settings.save(session, key="team", value=team_settings, actor_id=None)
    await sanctioned(team["rowan"], "ash", rules[0]["id"])
    [(_, data)] = await notifications(app, "ash")
    assert data["from"] == "Jo from the team"


async def test_lifting_early_lets_the_member_post_again(team, rules):
    made = await sanctioned(team["rowan"], "ash", rules[0]["id"], "suspension", days=7)
    lifted = await team["willow"].post(
        f"{API}/moderation/sanctions/{made['id']}/lift", json={"reason": "Talked."}
    )
    assert lifted.status_code == 200, lifted.text
    assert (
        await team["ash"].post(f"{API}/posts", json={"kind": "saying_hello", "body": "Hi"})
    ).status_code == 201


async def test_lifting_is_recorded_on_the_sanction_not_erased(team, rules):
    made = await sanctioned(team["rowan"], "ash", rules[0]["id"], "ban")
    lifted = (
        await team["willow"].post(f"{API}/moderation/sanctions/{made['id']}/lift", json={"reason": "Talked."})
    ).json()
    assert (lifted["status"], lifted["lifted_by"], lifted["lift_reason"]) == ("lifted", "willow", "Talked.")
    assert (
        lifted["lifted_at"] is not None and lifted["kind"] == "ban" and lifted["message"] == made["message"]
    )


async def test_lifting_one_suspension_leaves_another_in_force(app, team, rules):
    short = await sanctioned(team["rowan"], "ash", rules[0]["id"], "suspension", days=3)
    long = await sanctioned(team["rowan"], "ash", rules[0]["id"], "suspension", days=30)
    await team["rowan"].post(f"{API}/moderation/sanctions/{long['id']}/lift", json={"reason": "Too long."})
    until = await suspended_until(app, "ash")
    assert until is not None and until.isoformat().startswith(short["ends_at"][:19])


async def test_lifting_tells_the_member_and_writes_one_audit_entry(app, team, rules):
    made = await sanctioned(team["rowan"], "ash", rules[0]["id"], "suspension", days=7)
    await team["rowan"].post(f"{API}/moderation/sanctions/{made['id']}/lift", json={"reason": "Talked."})
    kinds = [kind for kind, _ in await notifications(app, "ash")]
    assert kinds == ["moderation.suspended", "moderation.lifted"]
    assert (await audit_actions(app))[-1] == ("sanction.lifted", made["id"])


async def test_a_warning_has_nothing_to_lift(team, rules):
    made = await sanctioned(team["rowan"], "ash", rules[0]["id"])
    response = await team["rowan"].post(f"{API}/moderation/sanctions/{made['id']}/lift", json={"reason": "x"})
    assert response.status_code == 409


async def test_a_lifted_suspension_cannot_be_lifted_again(team, rules):
    made = await sanctioned(team["rowan"], "ash", rules[0]["id"], "suspension", days=7)
    url = f"{API}/moderation/sanctions/{made['id']}/lift"
    await team["rowan"].post(url, json={"reason": "Talked."})
    assert (await team["rowan"].post(url, json={"reason": "Again."})).status_code == 409


async def test_lifting_an_unknown_sanction_is_not_found(team):
    response = await team["rowan"].post(f"{API}/moderation/sanctions/999999/lift", json={"reason": "x"})
    assert response.status_code == 404


async def test_a_moderator_cannot_lift_a_moderators_suspension(team, rules):
    made = await sanctioned(team["sage"], "willow", rules[0]["id"], "suspension", days=7)
    response = await team["rowan"].post(f"{API}/moderation/sanctions/{made['id']}/lift", json={"reason": "x"})
    assert response.status_code == 403


async def test_a_suspension_ends_by_itself_when_its_time_passes(app, team, rules):
    made = await sanctioned(team["rowan"], "ash", rules[0]["id"], "suspension", days=1)
    past = utcnow() - timedelta(seconds=1)
    async with app.state.database.transaction() as session:
        await session.execute(update(Sanction).where(Sanction.id == made["id"]).values(ends_at=past))
        await session.execute(
            update(MemberRow).where(MemberRow.pseudonym == "ash").values(suspended_until=past)
        )
    assert (
        await team["ash"].post(f"{API}/posts", json={"kind": "saying_hello", "body": "Hi"})
    ).status_code == 201


async def test_overruling_a_suspension_lifts_it_and_records_both(team, rules):
    made = await sanctioned(team["rowan"], "ash", rules[0]["id"], "suspension", days=7)
    response = await team["willow"].post(
        f"{API}/moderation/sanctions/{made['id']}/overrule", json={"reason": "Misread the thread."}
    )
    body = response.json()
    assert (body["status"], body["overruled_by"], body["overrule_reason"]) == (
        "overruled",
        "willow",
        "Misread the thread.",
    )
    assert body["lifted_at"] is not None
    assert (
        await team["ash"].post(f"{API}/posts", json={"kind": "saying_hello", "body": "Hi"})
    ).status_code == 201


async def test_overruling_tells_the_member_and_writes_one_audit_entry(app, team, rules):
    made = await sanctioned(team["rowan"], "ash", rules[0]["id"])
    await team["willow"].post(f"{API}/moderation/sanctions/{made['id']}/overrule", json={"reason": "Wrong."})
    assert [kind for kind, _ in await notifications(app, "ash")][-1] == "moderation.overruled"
    assert await audit_actions(app) == [("sanction.warning", made["id"]), ("sanction.overruled", made["id"])]


async def test_a_strike_is_overruled_once(team, rules):
    made = await sanctioned(team["rowan"], "ash", rules[0]["id"])
    url = f"{API}/moderation/sanctions/{made['id']}/overrule"
    await team["willow"].post(url, json={"reason": "Wrong."})
    assert (await team["willow"].post(url, json={"reason": "Again."})).status_code == 409


async def test_a_sanction_answering_an_open_item_resolves_it_with_a_decision(app, team, rules):
    post = await team["ash"].write_post()
    item_id = await open_item(app, target_type=TargetType.post, target_id=post["id"], author="ash")
    await sanctioned(team["rowan"], "ash", rules[0]["id"], item_id=item_id)
    async with app.state.database.read_session() as session:
        item = await session.get(ReviewItem, item_id)
        decisions = list(await session.scalars(select(Decision).where(Decision.item_id == item_id)))
    assert item is not None and (item.status, item.resolution) == (ItemStatus.resolved, Resolution.dismissed)
    assert [(d.action, d.rule_id) for d in decisions] == [(DecisionAction.dismiss, rules[0]["id"])]


async def test_a_sanction_answering_an_item_keeps_the_words_as_they_are(app, team, rules):
    post = await team["ash"].write_post()
    item_id = await open_item(app, target_type=TargetType.post, target_id=post["id"], author="ash")
    await sanctioned(team["rowan"], "ash", rules[0]["id"], item_id=item_id)
    assert (await team["birch"].get(f"{API}/posts/{post['id']}")).status_code == 200


async def test_a_sanction_cannot_answer_an_item_about_someone_else(app, team, rules):
    post = await team["birch"].write_post()
    item_id = await open_item(app, target_type=TargetType.post, target_id=post["id"], author="birch")
    response = await sanction(team["rowan"], "ash", rules[0]["id"], item_id=item_id)
    assert response.status_code == 422 and response.json()["field"] == "item_id"

"""Appeals: a member appeals their own sanction or a removal of their words, once at a time; another
moderator grants (the strike is overruled, the words come back) or refuses; nothing is erased."""

from sqlalchemy import select, update

from app.core.permissions import Role
from app.moderation.models import Decision, DecisionAction, ReviewItem, TargetType
from app.realtime.models import Event
from app.wall.models import Post
from tests.moderation.sanction_helpers import (
    API,
    audit_actions,
    decide_item,
    notifications,
    open_item,
    removed_post,
    rules,
    sanctioned,
    set_role,
    team,
)

__all__ = ["rules", "team"]  # fixtures


async def appeal(member, **body):
    return await member.post(f"{API}/me/appeals", json={"text": "I think this was a mistake.", **body})


async def appealed(member, **body) -> dict:
    response = await appeal(member, **body)
    assert response.status_code == 201, response.text
    return response.json()


async def decide(moderator, appeal_id: int, outcome: str = "granted", response: str = "You're right."):
    return await moderator.post(
        f"{API}/moderation/appeals/{appeal_id}/decision", json={"outcome": outcome, "response": response}
    )


async def test_a_member_appeals_their_own_sanction_and_sees_it_open(team, rules):
    made = await sanctioned(team["rowan"], "ash", rules[0]["id"])
    sent = await appealed(team["ash"], sanction_id=made["id"])
    mine = (await team["ash"].get(f"{API}/me/appeals")).json()["items"]
    assert [(a["id"], a["status"], a["sanction_id"], a["response"]) for a in mine] == [
        (sent["id"], "open", made["id"], None)
    ]


async def test_someone_elses_sanction_cannot_be_appealed(team, rules):
    made = await sanctioned(team["rowan"], "ash", rules[0]["id"])
    assert (await appeal(team["birch"], sanction_id=made["id"])).status_code == 404


async def test_an_unknown_sanction_is_not_found(team):
    assert (await appeal(team["ash"], sanction_id=999_999)).status_code == 404


async def test_one_appeal_per_sanction_is_open_at_a_time(team, rules):
    made = await sanctioned(team["rowan"], "ash", rules[0]["id"])
    await appealed(team["ash"], sanction_id=made["id"])
    assert (await appeal(team["ash"], sanction_id=made["id"])).status_code == 409


async def test_after_a_refusal_the_member_may_appeal_again(team, rules):
    made = await sanctioned(team["rowan"], "ash", rules[0]["id"])
    first = await appealed(team["ash"], sanction_id=made["id"])
    await decide(team["willow"], first["id"], "refused", "It stands.")
    assert (await appeal(team["ash"], sanction_id=made["id"])).status_code == 201


async def test_an_appeal_names_a_sanction_or_a_decision(team, rules):
    made = await sanctioned(team["rowan"], "ash", rules[0]["id"])
    assert (await appeal(team["ash"])).status_code == 422
    assert (await appeal(team["ash"], sanction_id=made["id"], decision_id=1)).status_code == 422


async def test_an_appeal_text_is_at_most_2000_characters(team, rules):
    made = await sanctioned(team["rowan"], "ash", rules[0]["id"])
    response = await team["ash"].post(
        f"{API}/me/appeals", json={"sanction_id": made["id"], "text": "x" * 2001}
    )
    assert response.status_code == 422


async def test_a_member_appeals_a_removal_of_their_own_words(app, team, rules):
    _, decision_id = await removed_post(app, team["ash"], "rowan", rules[0]["id"])
    assert (await appeal(team["ash"], decision_id=decision_id)).status_code == 201


async def test_a_removal_of_someone_elses_words_cannot_be_appealed(app, team, rules):
    _, decision_id = await removed_post(app, team["ash"], "rowan", rules[0]["id"])
    assert (await appeal(team["birch"], decision_id=decision_id)).status_code == 404


async def test_only_a_removal_can_be_appealed(app, team, rules):
    post = await team["ash"].write_post()
    item = await open_item(app, target_type=TargetType.post, target_id=post["id"], author="ash")
    approved = await decide_item(app, item, moderator="rowan", action=DecisionAction.approve, rule_id=None)
    response = await appeal(team["ash"], decision_id=approved)
    assert response.status_code == 422 and response.json()["field"] == "decision_id"


async def test_moderators_see_open_appeals_oldest_first(team, rules):
    first = await sanctioned(team["rowan"], "ash", rules[0]["id"])
    second = await sanctioned(team["rowan"], "birch", rules[0]["id"])
    older = await appealed(team["birch"], sanction_id=second["id"])
    newer = await appealed(team["ash"], sanction_id=first["id"])
    listed = (await team["willow"].get(f"{API}/moderation/appeals")).json()["items"]
    assert [(a["id"], a["member"]) for a in listed] == [(older["id"], "birch"), (newer["id"], "ash")]


async def test_decided_appeals_leave_the_open_list_and_are_listed_by_outcome(team, rules):
    made = await sanctioned(team["rowan"], "ash", rules[0]["id"])
    sent = await appealed(team["ash"], sanction_id=made["id"])
    await decide(team["willow"], sent["id"], "refused", "It stands.")
    assert (await team["willow"].get(f"{API}/moderation/appeals")).json()["items"] == []
    refused = (await team["willow"].get(f"{API}/moderation/appeals?status=refused")).json()["items"]
    assert [(a["id"], a["resolved_by"], a["response"]) for a in refused] == [
        (sent["id"], "willow", "It stands.")
    ]


async def test_the_appeal_list_pages_with_a_cursor(team, rules):
    for name in ("ash", "birch", "cedar"):
        made = await sanctioned(team["rowan"], name, rules[0]["id"])
        await appealed(team[name], sanction_id=made["id"])
    first = (await team["willow"].get(f"{API}/moderation/appeals?limit=2")).json()
    rest = (
        await team["willow"].get(f"{API}/moderation/appeals?limit=2&cursor={first['next_cursor']}")
    ).json()
    assert [a["member"] for a in first["items"] + rest["items"]] == ["ash", "birch", "cedar"]
    assert rest["next_cursor"] is None


async def test_granting_an_appeal_on_a_suspension_lifts_it_and_overrules_the_strike(team, rules):
    made = await sanctioned(team["rowan"], "ash", rules[0]["id"], "suspension", days=7)
    sent = await appealed(team["ash"], sanction_id=made["id"])
    assert (await decide(team["willow"], sent["id"])).status_code == 200
    assert (
        await team["ash"].post(f"{API}/posts", json={"kind": "saying_hello", "body": "Hi"})
    ).status_code == 201
    page = (await team["willow"].get(f"{API}/moderation/members/ash")).json()
    assert page["strikes_last_12_months"] == 0
    assert page["sanctions"][0]["status"] == "overruled"


async def test_refusing_an_appeal_keeps_the_sanction(team, rules):
    made = await sanctioned(team["rowan"], "ash", rules[0]["id"], "suspension", days=7)
    sent = await appealed(team["ash"], sanction_id=made["id"])
    await decide(team["willow"], sent["id"], "refused", "It stands.")
    response = await team["ash"].post(f"{API}/posts", json={"kind": "saying_hello", "body": "Hi"})
    assert response.json()["code"] == "suspended"


async def test_the_member_sees_the_outcome_and_the_response(team, rules):
    made = await sanctioned(team["rowan"], "ash", rules[0]["id"])
    sent = await appealed(team["ash"], sanction_id=made["id"])
    await decide(team["willow"], sent["id"], "refused", "It stands, and here is why.")
    [mine] = (await team["ash"].get(f"{API}/me/appeals")).json()["items"]
    assert (mine["status"], mine["response"]) == ("refused", "It stands, and here is why.")


async def test_the_member_is_notified_of_the_decision(app, team, rules):
    made = await sanctioned(team["rowan"], "ash", rules[0]["id"])
    sent = await appealed(team["ash"], sanction_id=made["id"])
    await decide(team["willow"], sent["id"])
    kind, data = (await notifications(app, "ash"))[-1]
    assert kind == "moderation.appeal_decided"
    assert (data["appeal_id"], data["outcome"], data["response"]) == (sent["id"], "granted", "You're right.")


async def test_a_decision_writes_one_audit_entry(app, team, rules):
    made = await sanctioned(team["rowan"], "ash", rules[0]["id"])
    sent = await appealed(team["ash"], sanction_id=made["id"])
    await decide(team["willow"], sent["id"])
    assert await audit_actions(app) == [("sanction.warning", made["id"]), ("appeal.granted", sent["id"])]


async def test_an_appeal_is_decided_once(team, rules):
    made = await sanctioned(team["rowan"], "ash", rules[0]["id"])
    sent = await appealed(team["ash"], sanction_id=made["id"])
    await decide(team["willow"], sent["id"])
    assert (await decide(team["willow"], sent["id"], "refused")).status_code == 409


async def test_an_unknown_appeal_is_not_found(team):
    assert (await decide(team["willow"], 999_999)).status_code == 404


async def test_the_moderator_who_imposed_it_does_not_decide_the_appeal(team, rules):
    made = await sanctioned(team["rowan"], "ash", rules[0]["id"])
    sent = await appealed(team["ash"], sanction_id=made["id"])
    assert (await decide(team["rowan"], sent["id"])).status_code == 403


async def test_the_only_active_moderator_may_decide_an_appeal_on_their_own_call(app, team, rules):
    made = await sanctioned(team["rowan"], "ash", rules[0]["id"])
    sent = await appealed(team["ash"], sanction_id=made["id"])
    for name in ("willow", "sage"):
        await set_role(app, name, Role.member)
    assert (await decide(team["rowan"], sent["id"])).status_code == 200


async def test_a_suspended_colleague_does_not_count_as_someone_else_to_decide(app, team, rules):
    made = await sanctioned(team["rowan"], "ash", rules[0]["id"])
    sent = await appealed(team["ash"], sanction_id=made["id"])
    await sanctioned(team["sage"], "willow", rules[0]["id"], "suspension", days=1)
    await set_role(app, "sage", Role.member)
    assert (await decide(team["rowan"], sent["id"])).status_code == 200


async def test_the_moderator_who_removed_the_words_does_not_decide_the_appeal(app, team, rules):
    _, decision_id = await removed_post(app, team["ash"], "rowan", rules[0]["id"])
    sent = await appealed(team["ash"], decision_id=decision_id)
    assert (await decide(team["rowan"], sent["id"])).status_code == 403


async def test_a_moderator_cannot_decide_a_moderators_appeal(team, rules):
    made = await sanctioned(team["sage"], "willow", rules[0]["id"])
    sent = await appealed(team["willow"], sanction_id=made["id"])
    assert (await decide(team["rowan"], sent["id"])).status_code == 403


async def test_granting_a_removal_appeal_puts_the_words_back_for_everyone(app, team, rules):
    post, decision_id = await removed_post(app, team["ash"], "rowan", rules[0]["id"])
    assert (await team["birch"].get(f"{API}/posts/{post['id']}")).status_code == 404
    sent = await appealed(team["ash"], decision_id=decision_id)
    await decide(team["willow"], sent["id"])
    assert (await team["birch"].get(f"{API}/posts/{post['id']}")).status_code == 200


async def test_restored_words_reappear_live(app, team, rules):
    post, decision_id = await removed_post(app, team["ash"], "rowan", rules[0]["id"])
    sent = await appealed(team["ash"], decision_id=decision_id)
    await decide(team["willow"], sent["id"])
    async with app.state.database.read_session() as session:
        last = await session.scalar(
            select(Event).where(Event.post_id == post["id"]).order_by(Event.id.desc())
        )
    assert last is not None and (last.kind, last.audience) == ("post.published", "wall")


async def test_the_removal_stays_on_record_beside_its_reversal(app, team, rules):
    post, decision_id = await removed_post(app, team["ash"], "rowan", rules[0]["id"])
    sent = await appealed(team["ash"], decision_id=decision_id)
    await decide(team["willow"], sent["id"])
    async with app.state.database.read_session() as session:
        item_id = await session.scalar(select(ReviewItem.id).where(ReviewItem.target_id == post["id"]))
        rows = (
            await session.scalars(select(Decision).where(Decision.item_id == item_id).order_by(Decision.id))
        ).all()
    assert [(d.id == decision_id, d.action) for d in rows] == [
        (True, DecisionAction.remove),
        (False, DecisionAction.approve),
    ]


async def test_a_restored_reply_counts_again_on_its_post(app, team, rules):
    post = await team["birch"].write_post()
    reply = (await team["ash"].post(f"{API}/posts/{post['id']}/replies", json={"body": "Unkind."})).json()
    item = await open_item(app, target_type=TargetType.reply, target_id=reply["id"], author="ash")
    decision_id = await decide_item(
        app, item, moderator="rowan", action=DecisionAction.remove, rule_id=rules[0]["id"]
    )
    sent = await appealed(team["ash"], decision_id=decision_id)
    await decide(team["willow"], sent["id"])
    assert (await team["birch"].get(f"{API}/posts/{post['id']}")).json()["post"]["reply_count"] == 1
    replies = (await team["birch"].get(f"{API}/posts/{post['id']}/replies")).json()["items"]
    assert [r["id"] for r in replies] == [reply["id"]]


async def test_a_reversed_removal_cannot_be_appealed_again(app, team, rules):
    _, decision_id = await removed_post(app, team["ash"], "rowan", rules[0]["id"])
    sent = await appealed(team["ash"], decision_id=decision_id)
    await decide(team["willow"], sent["id"])
    assert (await appeal(team["ash"], decision_id=decision_id)).status_code == 409


async def test_granting_leaves_words_their_author_deleted_since_deleted(app, team, rules):
    post, decision_id = await removed_post(app, team["ash"], "rowan", rules[0]["id"])
    async with app.state.database.transaction() as session:
        await session.execute(update(Post).where(Post.id == post["id"]).values(state="deleted", body=""))
    sent = await appealed(team["ash"], decision_id=decision_id)
    assert (await decide(team["willow"], sent["id"])).status_code == 200
    assert (await team["birch"].get(f"{API}/posts/{post['id']}")).status_code == 404


async def test_an_appeal_reaches_moderators_live(app, team, rules):
    made = await sanctioned(team["rowan"], "ash", rules[0]["id"])
    sent = await appealed(team["ash"], sanction_id=made["id"])
    async with app.state.database.read_session() as session:
        last = await session.scalar(select(Event).order_by(Event.id.desc()))
    assert last is not None and (last.kind, last.audience) == ("appeal.opened", "moderators")
    assert f'"appeal_id":{sent["id"]}' in last.payload

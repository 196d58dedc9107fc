"""Decisions: approve, remove, dismiss, escalate; versions, claims, notices, the record and the audit log."""

from sqlalchemy import func, select, update

from app.core.permissions import Role
from app.moderation import queue as review_queue
from app.moderation import settings
from app.moderation.models import AuditEntry, Decision, Priority, ReasonSource, TargetType
from app.moderation.settings import TeamSettings
from app.wall.models import ContentState, Post
from tests.conftest import join
from tests.moderation.conftest import (
    API,
    decide,
    make_role,
    member_id,
    notifications,
    queue,
    report_post,
    rule_ids,
    set_on_duty,
)
from tests.realtime.conftest import frames_until_quiet, next_frame, stream


async def held(app, member, body: str = "held words") -> dict:
    """A post waiting for a moderator, as a new member's first post would."""
    post = await member.write_post(body)
    author_id = await member_id(app, member)
    async with app.state.database.transaction() as session:
        await session.execute(update(Post).where(Post.id == post["id"]).values(state=ContentState.pending))
        await review_queue.add_reason(
            session,
            target_type=TargetType.post,
            target_id=post["id"],
            member_id=author_id,
            source=ReasonSource.new_member,
            priority=Priority.held,
        )
    return post


async def reported(team, body: str = "unkind words") -> tuple[dict, dict]:
    post = await team["ash"].write_post(body)
    await report_post(team["birch"], post["id"])
    [item] = await queue(team["mod"])
    return post, item


async def test_approving_publishes_held_words(app, team):
    ash, cedar, mod = team["ash"], team["cedar"], team["mod"]
    post = await held(app, ash)
    assert (await cedar.get(f"{API}/posts/{post['id']}")).status_code == 404
    [item] = await queue(mod)
    response = await decide(mod, item, "approve")
    assert response.status_code == 201
    assert response.json()["item_status"] == "resolved"
    assert (await cedar.get(f"{API}/posts/{post['id']}")).json()["post"]["state"] == "published"
    assert await queue(mod) == []
    [approved] = await notifications(app, ash, "moderation.approved")
    assert approved["post_id"] == post["id"]


async def test_dismissing_held_words_is_refused(app, team):
    await held(app, team["ash"])
    [item] = await queue(team["mod"])
    response = await decide(team["mod"], item, "dismiss")
    assert response.status_code == 422 and response.json()["field"] == "action"


async def test_dismissing_keeps_the_words_up(team):
    post, item = await reported(team)
    assert (await decide(team["mod"], item, "dismiss")).status_code == 201
    assert (await team["cedar"].get(f"{API}/posts/{post['id']}")).status_code == 200


async def test_removing_needs_a_rule(team):
    _, item = await reported(team)
    response = await decide(team["mod"], item, "remove", message="Sorry.")
    assert response.status_code == 422 and response.json()["field"] == "rule_id"


async def test_removing_needs_an_explanation(team, client):
    _, item = await reported(team)
    rule = (await rule_ids(client))[0]
    assert (await decide(team["mod"], item, "remove", rule_id=rule)).json()["field"] == "message"
    unknown = await decide(team["mod"], item, "remove", rule_id=rule, message_key="no-such-text")
    assert unknown.status_code == 422 and unknown.json()["field"] == "message_key"


async def test_removed_words_leave_the_wall_for_everyone_and_their_author(team, client):
    ash, cedar, mod = team["ash"], team["cedar"], team["mod"]
    post, item = await reported(team)
    rule = (await rule_ids(client))[0]
    assert (await decide(mod, item, "remove", rule_id=rule, message="Please rewrite.")).status_code == 201
    for member in (ash, cedar):
        assert (await member.get(f"{API}/posts/{post['id']}")).status_code == 404
        assert (await member.get(f"{API}/posts")).json()["items"] == []


async def test_the_removal_notice_names_the_rule_and_quotes_the_words(app, team, client):
    ash, mod = team["ash"], team["mod"]
    post = await ash.write_post("what I wrote", content_warning="anger")
    await report_post(team["birch"], post["id"])
    [item] = await queue(mod)
    rules = (await client.get(f"{API}/rules")).json()["rules"]
    await decide(mod, item, "remove", rule_id=rules[1]["id"], message_key="unkind", message="Take care.")
    [notice] = await notifications(app, ash, "moderation.removed")
    assert notice["rule"] == {
        "id": rules[1]["id"],
        "title": rules[1]["title"],
        "summary": rules[1]["summary"],
    }
    assert notice["your_words"] == {"body": "what I wrote", "content_warning": "anger"}
    assert notice["message"].startswith("We've taken your words down because they could hurt someone.")
    assert notice["message"].endswith("Take care.")
    assert notice["from"] == "Sam from the moderation team"
    assert "appeal" in notice["appeal"]


async def test_moderators_can_sign_with_their_own_name(app, team, client):
    async with app.state.database.transaction() as session:
        await settings.save(session, key="team", value=TeamSettings(sign_with_own_name=True), actor_id=None)
    _, item = await reported(team)
    await decide(team["mod"], item, "remove", rule_id=(await rule_ids(client))[0], message="Sorry.")
    [notice] = await notifications(app, team["ash"], "moderation.removed")
    assert notice["from"] == "rowan"


async def test_removing_a_reply_takes_it_off_the_thread(app, team, client):
    ash, birch, cedar, mod = team["ash"], team["birch"], team["cedar"], team["mod"]
    post = await cedar.write_post()
    reply = (await ash.post(f"{API}/posts/{post['id']}/replies", json={"body": "unkind"})).json()
    await birch.post(f"{API}/replies/{reply['id']}/report", json={"note": "unkind"})
    [item] = await queue(mod)
    assert item["target"]["post_id"] == post["id"]
    await decide(mod, item, "remove", rule_id=(await rule_ids(client))[0], message="Sorry.")
    thread = (await cedar.get(f"{API}/posts/{post['id']}")).json()
    assert thread["replies"]["items"] == [] and thread["post"]["reply_count"] == 0
    [notice] = await notifications(app, ash, "moderation.removed")
    assert notice["your_words"]["body"] == "unkind" and notice["target_type"] == "reply"


async def test_a_stale_version_is_refused(team):
    post, item = await reported(team)
    await report_post(team["cedar"], post["id"])
    response = await decide(team["mod"], item, "dismiss")
    assert response.status_code == 409 and response.json()["code"] == "stale_version"


async def test_deciding_an_item_another_moderator_holds_is_refused(team):
    _, item = await reported(team)
    await team["lead"].post(f"{API}/moderation/queue/{item['id']}/claim")
    response = await decide(team["mod"], item, "dismiss")
    assert response.status_code == 409 and response.json()["code"] == "claimed"


async def test_deciding_a_free_item_claims_it_on_the_way(team):
    _, item = await reported(team)
    assert (await decide(team["mod"], item, "dismiss")).status_code == 201


async def test_a_decided_item_cannot_be_decided_again(team):
    _, item = await reported(team)
    first = await decide(team["mod"], item, "dismiss")
    again = await decide(team["lead"], item | {"version": first.json()["item_version"]}, "dismiss")
    assert again.status_code == 409 and again.json()["code"] == "already_decided"


async def test_escalated_items_are_decided_only_by_the_safeguarding_lead(app, team):
    mod, lead = team["mod"], team["lead"]
    _, item = await reported(team)
    escalated = await decide(mod, item, "escalate")
    assert escalated.status_code == 201 and escalated.json()["item_status"] == "open"
    [item] = await queue(mod)
    assert item["escalated_at"] is not None
    assert (await decide(mod, item, "dismiss")).status_code == 403
    assert (await mod.post(f"{API}/moderation/queue/{item['id']}/claim")).status_code == 403
    assert (await decide(lead, item, "dismiss")).status_code == 201
    [told] = await notifications(app, lead, "moderation.escalated")
    assert told["item_id"] == item["id"]


async def test_a_member_is_dismissed_or_escalated_not_approved_or_removed(team, client):
    mod = team["mod"]
    await team["birch"].post(f"{API}/members/ash/report", json={"note": "not kind"})
    [item] = await queue(mod)
    assert (await decide(mod, item, "approve")).status_code == 422
    rule = (await rule_ids(client))[0]
    assert (await decide(mod, item, "remove", rule_id=rule, message="x")).status_code == 422
    assert (await decide(mod, item, "dismiss")).status_code == 201


async def test_a_moderator_cannot_decide_an_item_about_themself(team):
    await team["birch"].post(f"{API}/members/rowan/report", json={"note": "not kind"})
    [item] = await queue(team["mod"])
    assert (await decide(team["mod"], item, "dismiss")).status_code == 403


async def test_each_decision_writes_one_decision_row_and_one_audit_entry(app, team, client):
    _, item = await reported(team)
    rule = (await rule_ids(client))[0]
    await decide(team["mod"], item, "remove", rule_id=rule, message="Sorry.")
    async with app.state.database.transaction() as session:
        decisions = (await session.scalars(select(Decision))).all()
        entries = (await session.scalars(select(AuditEntry))).all()
    assert [(d.action, d.rule_id, d.message, d.item_version) for d in decisions] == [
        ("remove", rule, "Sorry.", item["version"])
    ]
    assert [(e.action, e.rule_id, e.target_type) for e in entries] == [("item.removed", rule, "post")]


async def test_a_refused_decision_writes_nothing(app, team):
    _, item = await reported(team)
    await decide(team["mod"], item | {"version": 99}, "dismiss")
    async with app.state.database.transaction() as session:
        assert await session.scalar(select(func.count()).select_from(Decision)) == 0
        assert await session.scalar(select(func.count()).select_from(AuditEntry)) == 0


async def test_a_removal_vanishes_live_for_another_member(live, http):
    ash, birch, cedar, mod = [await join(http, n) for n in ("ash", "birch", "cedar", "rowan")]
    await make_role(live.app, mod, Role.moderator)
    await set_on_duty(live.app, True)
    post = await ash.write_post("unkind words")
    await report_post(birch, post["id"])
    [item] = await queue(mod)
    rule = (await rule_ids(http))[0]
    async with stream(live, cedar) as socket:
        assert (await decide(mod, item, "remove", rule_id=rule, message="Sorry.")).status_code == 201
        frame = await next_frame(socket)
        assert frame == {"id": frame["id"], "type": "post.removed", "data": {"post_id": post["id"]}}
        assert await frames_until_quiet(socket) == []


async def test_approved_words_arrive_live(live, http):
    ash, cedar, mod = [await join(http, n) for n in ("ash", "cedar", "rowan")]
    await make_role(live.app, mod, Role.moderator)
    post = await held(live.app, ash)
    [item] = await queue(mod)
    async with stream(live, cedar) as socket:
        await decide(mod, item, "approve")
        frame = await next_frame(socket)
    assert frame["type"] == "post.published" and frame["data"]["post"]["id"] == post["id"]

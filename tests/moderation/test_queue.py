"""The review queue: one item per target, its order, filters, pages, claims and live updates."""

from datetime import timedelta

from sqlalchemy import update

from app.core.permissions import Role
from app.moderation import queue as review_queue
from app.moderation.models import Priority, ReasonSource, ReviewItem, TargetType
from tests.conftest import join
from tests.moderation.conftest import (
    API,
    decide,
    events_for,
    make_role,
    member_id,
    now,
    queue,
    report_post,
    set_on_duty,
)
from tests.realtime.conftest import next_frame, stream


async def add(app, post: dict, author_id: int, priority: Priority, **reason) -> tuple[int, bool]:
    async with app.state.database.transaction() as session:
        item, counted = await review_queue.add_reason(
            session,
            target_type=TargetType.post,
            target_id=post["id"],
            member_id=author_id,
            source=reason.pop("source", ReasonSource.screening),
            priority=priority,
            **reason,
        )
        return item.id, counted


async def test_items_come_urgent_reported_held_flagged_then_oldest_first(app, team):
    ash, birch, mod = team["ash"], team["birch"], team["mod"]
    ash_id = await member_id(app, ash)
    flagged = await ash.write_post("flagged")
    held_old = await ash.write_post("held first")
    held_new = await ash.write_post("held second")
    reported = await ash.write_post("reported")
    urgent = await ash.write_post("urgent")
    await add(app, flagged, ash_id, Priority.flagged)
    await add(app, held_old, ash_id, Priority.held, source=ReasonSource.new_member)
    await add(app, held_new, ash_id, Priority.held, source=ReasonSource.new_member)
    await report_post(birch, reported["id"])
    await add(app, urgent, ash_id, Priority.urgent, source=ReasonSource.crisis, sensitive=True)
    items = await queue(mod)
    assert [i["target"]["body"] for i in items] == [
        "urgent",
        "reported",
        "held first",
        "held second",
        "flagged",
    ]
    assert [i["priority"] for i in items] == ["urgent", "reported", "held", "held", "flagged"]


async def test_one_item_per_target_takes_its_most_urgent_reason(app, team):
    ash, birch, mod = team["ash"], team["birch"], team["mod"]
    post = await ash.write_post()
    first, _ = await add(app, post, await member_id(app, ash), Priority.flagged, action="flag")
    await report_post(birch, post["id"])
    [item] = await queue(mod)
    assert item["id"] == first
    assert item["priority"] == "reported"
    assert [r["source"] for r in item["reasons"]] == ["screening", "report"]
    assert item["version"] == 2


async def test_screening_reasons_show_excerpts_spans_and_a_sensitive_mark(app, team):
    ash, mod = team["ash"], team["mod"]
    # Written plainly, so the only reason on the item is the one added here.
    post = await ash.write_post("I want to be done with it all")
    await add(
        app,
        post,
        await member_id(app, ash),
        Priority.urgent,
        source=ReasonSource.crisis,
        action="hold",
        excerpts=["end it all"],
        spans=[(10, 20)],
        sensitive=True,
    )
    [item] = await queue(mod)
    [reason] = item["reasons"]
    assert reason["excerpts"] == ["end it all"] and reason["spans"] == [[10, 20]]
    assert reason["sensitive"] is True and item["sensitive"] is True


async def test_the_queue_filters_by_priority_escalation_and_claim(app, team):
    ash, birch, mod, lead = team["ash"], team["birch"], team["mod"], team["lead"]
    ash_id = await member_id(app, ash)
    reported, flagged = await ash.write_post("r"), await ash.write_post("f")
    await report_post(birch, reported["id"])
    await add(app, flagged, ash_id, Priority.flagged)
    assert [i["target"]["body"] for i in await queue(mod, priority="flagged")] == ["f"]
    first = (await queue(mod))[0]
    await mod.post(f"{API}/moderation/queue/{first['id']}/claim")
    assert [i["id"] for i in await queue(mod, claimed="mine")] == [first["id"]]
    assert first["id"] not in [i["id"] for i in await queue(lead, claimed="unclaimed")]
    assert await queue(mod, escalated="true") == []
    await decide(mod, (await queue(mod, claimed="mine"))[0], "escalate")
    assert [i["id"] for i in await queue(mod, escalated="true")] == [first["id"]]


async def test_the_queue_pages_with_a_cursor(app, team):
    ash, mod = team["ash"], team["mod"]
    ash_id = await member_id(app, ash)
    for n in range(5):
        await add(
            app, await ash.write_post(f"post {n}"), ash_id, Priority.held if n % 2 else Priority.flagged
        )
    seen, cursor = [], None
    while True:
        params = {"limit": 2} | ({"cursor": cursor} if cursor else {})
        body = (await mod.get(f"{API}/moderation/queue", params=params)).json()
        seen += [i["target"]["body"] for i in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen == ["post 1", "post 3", "post 0", "post 2", "post 4"]


async def test_one_item_can_be_read_with_its_target(app, team):
    ash, birch, mod = team["ash"], team["birch"], team["mod"]
    post = await ash.write_post("words", content_warning="loss")
    await report_post(birch, post["id"])
    [listed] = await queue(mod)
    item = (await mod.get(f"{API}/moderation/queue/{listed['id']}")).json()
    assert item["target"] | {"created_at": None} == {
        "type": "post",
        "id": post["id"],
        "member": "ash",
        "post_id": post["id"],
        "body": "words",
        "content_warning": "loss",
        "state": "published",
        "about_me": None,
        "created_at": None,
    }
    assert (await mod.get(f"{API}/moderation/queue/987654")).status_code == 404


async def test_members_cannot_read_the_queue(team):
    assert (await team["ash"].get(f"{API}/moderation/queue")).status_code == 403


async def test_a_claimed_item_cannot_be_claimed_by_another_moderator(team):
    ash, birch, mod, lead = team["ash"], team["birch"], team["mod"], team["lead"]
    await report_post(birch, (await ash.write_post())["id"])
    [item] = await queue(mod)
    claimed = await mod.post(f"{API}/moderation/queue/{item['id']}/claim")
    assert claimed.status_code == 200 and claimed.json()["claimed_by"] == "rowan"
    refused = await lead.post(f"{API}/moderation/queue/{item['id']}/claim")
    assert refused.status_code == 409 and refused.json()["code"] == "claimed"
    assert (await lead.delete(f"{API}/moderation/queue/{item['id']}/claim")).status_code == 409
    assert (await mod.delete(f"{API}/moderation/queue/{item['id']}/claim")).status_code == 204
    assert (await lead.post(f"{API}/moderation/queue/{item['id']}/claim")).status_code == 200


async def test_a_claim_lapses_after_15_minutes(app, team):
    ash, birch, mod, lead = team["ash"], team["birch"], team["mod"], team["lead"]
    await report_post(birch, (await ash.write_post())["id"])
    [item] = await queue(mod)
    await mod.post(f"{API}/moderation/queue/{item['id']}/claim")
    async with app.state.database.transaction() as session:
        await session.execute(
            update(ReviewItem).values(
                claimed_at=now() - review_queue.CLAIM_LAPSES_AFTER - timedelta(seconds=1)
            )
        )
    taken = await lead.post(f"{API}/moderation/queue/{item['id']}/claim")
    assert taken.status_code == 200 and taken.json()["claimed_by"] == "willow"


async def test_queue_changes_are_recorded_for_moderators_without_member_text(app, team):
    ash, birch = team["ash"], team["birch"]
    await report_post(birch, (await ash.write_post("private words"))["id"])
    [event] = [e for e in await events_for(app, "moderators") if e["kind"] == "queue.changed"]
    assert "private words" not in event["payload"] and "birch" not in event["payload"]
    assert '"priority":"reported"' in event["payload"]


async def test_an_urgent_item_reaches_an_online_moderator_live(live, http):
    ash, mod, member = await join(http, "ash"), await join(http, "rowan"), await join(http, "birch")
    await make_role(live.app, mod, Role.moderator)
    await set_on_duty(live.app, True)
    post = await ash.write_post("please someone")
    async with stream(live, mod) as moderator_socket, stream(live, member) as member_socket:
        item_id, _ = await add(
            live.app, post, await member_id(live.app, ash), Priority.urgent, source=ReasonSource.crisis
        )
        frame = await next_frame(moderator_socket, skip=("viewer.changed",))
        assert frame["type"] == "queue.changed"
        assert frame["data"]["item_id"] == item_id and frame["data"]["priority"] == "urgent"
        await ash.write_post("a later post")
        assert (await next_frame(member_socket))["type"] == "post.published"

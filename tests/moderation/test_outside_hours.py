"""Outside moderation hours: much-reported words are hidden, a much-reported member stops posting."""

from sqlalchemy import select

from app.moderation.models import AuditEntry
from tests.conftest import join
from tests.moderation.conftest import (
    API,
    decide,
    notifications,
    queue,
    report_post,
    save_thresholds,
    set_on_duty,
)
from tests.realtime.conftest import frames_until_quiet, next_frame, stream


async def reported_by(team, names, post: dict) -> None:
    for name in names:
        assert (await report_post(team[name], post["id"])).status_code == 202


async def two_reported_posts_at_night(app, author, reporter) -> None:
    """Outside moderation hours, with reports on two items enough to pause: two of the author's posts
    reported."""
    await set_on_duty(app, False)
    await save_thresholds(app, pause_after_reported_items=2)
    for body in ("one", "two"):
        await report_post(reporter, (await author.write_post(body))["id"])


async def test_three_reporters_outside_hours_hide_the_post_from_everyone_but_its_author(app, team):
    ash, dove = team["ash"], await join(team["ash"].client, "dove")
    await set_on_duty(app, False)
    post = await ash.write_post()
    await reported_by(team, ("birch", "cedar", "mod"), post)
    assert (await dove.get(f"{API}/posts/{post['id']}")).status_code == 404
    mine = (await ash.get(f"{API}/posts/{post['id']}")).json()["post"]
    assert mine["state"] == "pending"
    [item] = await queue(team["mod"])
    assert item["auto_hidden_at"] is not None


async def test_fewer_reporters_than_the_threshold_hide_nothing(app, team):
    await set_on_duty(app, False)
    post = await team["ash"].write_post()
    await reported_by(team, ("birch", "cedar"), post)
    assert (await team["lead"].get(f"{API}/posts/{post['id']}")).json()["post"]["state"] == "published"


async def test_reports_during_moderation_hours_hide_nothing(app, team):
    post = await team["ash"].write_post()
    await reported_by(team, ("birch", "cedar", "mod"), post)
    assert (await team["lead"].get(f"{API}/posts/{post['id']}")).json()["post"]["state"] == "published"


async def test_the_threshold_is_a_setting(app, team):
    await set_on_duty(app, False)
    await save_thresholds(app, hide_after_reporters=1)
    post = await team["ash"].write_post()
    await reported_by(team, ("birch",), post)
    assert (await team["cedar"].get(f"{API}/posts/{post['id']}")).status_code == 404


async def test_approving_restores_hidden_words(app, team):
    await set_on_duty(app, False)
    post = await team["ash"].write_post()
    await reported_by(team, ("birch", "cedar", "mod"), post)
    [item] = await queue(team["lead"])
    assert (await decide(team["lead"], item, "approve")).status_code == 201
    assert (await team["lead"].get(f"{API}/posts/{post['id']}")).json()["post"]["state"] == "published"


async def test_one_member_reporting_an_item_again_and_again_counts_as_one_reporter(app, team):
    await set_on_duty(app, False)
    await save_thresholds(app, hide_after_reporters=2)
    post = await team["ash"].write_post()
    for note in ("This upset me.", "Still there.", "Please look."):
        assert (await report_post(team["birch"], post["id"], note=note)).status_code == 202
    assert (await team["lead"].get(f"{API}/posts/{post['id']}")).json()["post"]["state"] == "published"
    await reported_by(team, ("cedar",), post)
    assert (await team["lead"].get(f"{API}/posts/{post['id']}")).status_code == 404


async def test_a_hidden_reply_leaves_the_thread_until_reviewed(app, team):
    ash, cedar = team["ash"], team["cedar"]
    await set_on_duty(app, False)
    await save_thresholds(app, hide_after_reporters=2)
    post = await cedar.write_post()
    reply = (await ash.post(f"{API}/posts/{post['id']}/replies", json={"body": "unkind"})).json()
    for name in ("birch", "mod"):
        await team[name].post(f"{API}/replies/{reply['id']}/report", json={"note": "unkind"})
    thread = (await cedar.get(f"{API}/posts/{post['id']}")).json()
    assert thread["replies"]["items"] == [] and thread["post"]["reply_count"] == 0


async def test_hidden_words_vanish_live_for_others_and_turn_pending_for_their_author(live, http):
    ash, birch, cedar, dove = [await join(http, n) for n in ("ash", "birch", "cedar", "dove")]
    await set_on_duty(live.app, False)
    await save_thresholds(live.app, hide_after_reporters=2)
    post = await ash.write_post()
    await report_post(birch, post["id"])
    async with stream(live, dove) as other, stream(live, ash) as author:
        await report_post(cedar, post["id"])
        held = await next_frame(other)
        assert held["type"] == "post.held" and held["data"] == {"post_id": post["id"]}
        frames = await frames_until_quiet(author)
    assert [(f["type"], f["data"]["post"]["state"]) for f in frames] == [("post.edited", "pending")]


async def test_reports_on_many_items_outside_hours_pause_the_member(app, team):
    ash, birch = team["ash"], team["birch"]
    await two_reported_posts_at_night(app, ash, birch)
    response = await ash.post(f"{API}/posts", json={"kind": "saying_hello", "body": "hello"})
    assert response.status_code == 403 and response.json()["code"] == "posting_paused"
    post = await team["cedar"].write_post()
    reply = await ash.post(f"{API}/posts/{post['id']}/replies", json={"body": "hi"})
    assert reply.status_code == 403 and reply.json()["code"] == "posting_paused"
    [paused] = await notifications(app, ash, "moderation.posting_paused")
    assert "birch" not in str(paused)


async def test_fewer_reported_items_than_the_threshold_pause_nothing(app, team):
    ash, birch = team["ash"], team["birch"]
    await set_on_duty(app, False)
    await save_thresholds(app, pause_after_reported_items=3)
    for body in ("one", "two"):
        await report_post(birch, (await ash.write_post(body))["id"])
    assert (await ash.post(f"{API}/posts", json={"kind": "saying_hello", "body": "hi"})).status_code == 201


async def test_many_reports_on_one_item_count_as_one_reported_item(app, team):
    ash = team["ash"]
    await set_on_duty(app, False)
    await save_thresholds(app, pause_after_reported_items=2)
    first = await ash.write_post("one")
    await reported_by(team, ("birch", "cedar", "birch"), first)
    second = await ash.write_post("two")  # still posting: one item, however many reports
    await reported_by(team, ("birch",), second)
    response = await ash.post(f"{API}/posts", json={"kind": "saying_hello", "body": "three"})
    assert response.status_code == 403 and response.json()["code"] == "posting_paused"


async def test_deciding_the_reported_items_lifts_the_pause(app, team):
    ash, birch, mod = team["ash"], team["birch"], team["mod"]
    await two_reported_posts_at_night(app, ash, birch)
    first, second = await queue(mod)
    await decide(mod, first, "dismiss")
    assert (await ash.post(f"{API}/posts", json={"kind": "saying_hello", "body": "hi"})).status_code == 403
    await decide(mod, second, "dismiss")
    assert (await ash.post(f"{API}/posts", json={"kind": "saying_hello", "body": "hi"})).status_code == 201


async def test_reports_a_moderator_has_settled_do_not_count_towards_a_new_pause(app, team):
    ash, birch, mod = team["ash"], team["birch"], team["mod"]
    await two_reported_posts_at_night(app, ash, birch)
    for item in await queue(mod):
        await decide(mod, item, "dismiss")
    # One more report the same night: one waiting item, not three, so ash keeps posting.
    await report_post(birch, (await ash.write_post("three"))["id"])
    assert (await ash.post(f"{API}/posts", json={"kind": "saying_hello", "body": "four"})).status_code == 201
    # A second waiting item reaches the threshold again.
    await report_post(birch, (await ash.write_post("five"))["id"])
    response = await ash.post(f"{API}/posts", json={"kind": "saying_hello", "body": "six"})
    assert response.status_code == 403 and response.json()["code"] == "posting_paused"


async def test_a_moderator_can_lift_the_pause_with_an_audit_entry(app, team):
    ash, birch, mod = team["ash"], team["birch"], team["mod"]
    await set_on_duty(app, False)
    await save_thresholds(app, pause_after_reported_items=1)
    await report_post(birch, (await ash.write_post())["id"])
    assert (await ash.delete(f"{API}/moderation/members/ash/posting-pause")).status_code == 403
    assert (await mod.delete(f"{API}/moderation/members/ash/posting-pause")).status_code == 204
    assert (await ash.post(f"{API}/posts", json={"kind": "saying_hello", "body": "hi"})).status_code == 201
    async with app.state.database.transaction() as session:
        actions = (await session.scalars(select(AuditEntry.action).order_by(AuditEntry.id))).all()
    assert actions == ["member.posting_paused", "member.posting_resumed"]

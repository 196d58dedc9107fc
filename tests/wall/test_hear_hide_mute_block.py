"""I hear you, hiding posts, muting and blocking members."""

import asyncio


async def test_hear_is_idempotent_on_and_off(members):
    ash, birch = members["ash"], members["birch"]
    post = await ash.write_post("Hard day")
    url = f"/api/v1/posts/{post['id']}/hear"
    first = await birch.put(url)
    assert first.json() == {"heard_count": 1, "heard_by_me": True}
    again = await birch.put(url)
    assert again.json() == {"heard_count": 1, "heard_by_me": True}
    seen = (await birch.get("/api/v1/posts")).json()["items"][0]
    assert seen["heard_count"] == 1 and seen["heard_by_me"] is True
    assert (await birch.delete(url)).json() == {"heard_count": 0, "heard_by_me": False}
    assert (await birch.delete(url)).json() == {"heard_count": 0, "heard_by_me": False}


async def test_concurrent_hears_count_once_per_member(members):
    ash, birch, cedar = members["ash"], members["birch"], members["cedar"]
    post = await ash.write_post("Hard day")
    url = f"/api/v1/posts/{post['id']}/hear"
    await asyncio.gather(*(m.put(url) for m in (birch, cedar, birch, cedar, birch)))
    assert (await ash.get(f"/api/v1/posts/{post['id']}")).json()["post"]["heard_count"] == 2


async def test_author_sees_who_heard_them_and_others_cannot(members):
    ash, birch, cedar = members["ash"], members["birch"], members["cedar"]
    post = await ash.write_post("Hard day")
    await birch.put(f"/api/v1/posts/{post['id']}/hear")
    hearers = await ash.get(f"/api/v1/posts/{post['id']}/hearers")
    assert [h["pseudonym"] for h in hearers.json()["items"]] == ["birch"]
    assert (await cedar.get(f"/api/v1/posts/{post['id']}/hearers")).status_code == 403


async def test_cannot_hear_own_post(members):
    ash = members["ash"]
    post = await ash.write_post("Hard day")
    assert (await ash.put(f"/api/v1/posts/{post['id']}/hear")).status_code == 403


async def test_hear_a_reply_and_see_its_hearers(members):
    ash, birch = members["ash"], members["birch"]
    post = await ash.write_post("Hard day")
    reply = (await birch.post(f"/api/v1/posts/{post['id']}/replies", json={"body": "Sending warmth"})).json()
    heard = await ash.put(f"/api/v1/replies/{reply['id']}/hear")
    assert heard.json() == {"heard_count": 1, "heard_by_me": True}
    thread = (await birch.get(f"/api/v1/posts/{post['id']}")).json()
    assert thread["replies"]["items"][0]["heard_count"] == 1
    assert [
        h["pseudonym"] for h in (await birch.get(f"/api/v1/replies/{reply['id']}/hearers")).json()["items"]
    ] == ["ash"]
    assert (await ash.delete(f"/api/v1/replies/{reply['id']}/hear")).json()["heard_count"] == 0


async def test_hide_is_for_me_only_undoable_and_listed(members):
    ash, birch, cedar = members["ash"], members["birch"], members["cedar"]
    post = await ash.write_post("Something heavy")
    assert (await birch.put(f"/api/v1/posts/{post['id']}/hide")).status_code == 204
    assert (await birch.get("/api/v1/posts")).json()["items"] == []
    assert (await birch.get(f"/api/v1/posts/{post['id']}")).status_code == 404
    assert len((await cedar.get("/api/v1/posts")).json()["items"]) == 1
    hidden = (await birch.get("/api/v1/me/hidden-posts")).json()["items"]
    assert [p["id"] for p in hidden] == [post["id"]]
    assert (await birch.delete(f"/api/v1/posts/{post['id']}/hide")).status_code == 204
    assert len((await birch.get("/api/v1/posts")).json()["items"]) == 1
    assert (await birch.get("/api/v1/me/hidden-posts")).json()["items"] == []


async def test_mute_removes_posts_and_replies_from_all_my_views(members):
    ash, birch, cedar = members["ash"], members["birch"], members["cedar"]
    ash_post = await ash.write_post("From ash")
    cedar_post = await cedar.write_post("From cedar")
    await ash.post(f"/api/v1/posts/{cedar_post['id']}/replies", json={"body": "ash replies"})
    assert (await birch.put("/api/v1/members/ash/mute")).status_code == 204
    assert [p["id"] for p in (await birch.get("/api/v1/posts")).json()["items"]] == [cedar_post["id"]]
    assert (await birch.get(f"/api/v1/posts/{ash_post['id']}")).status_code == 404
    assert (await birch.get(f"/api/v1/posts/{cedar_post['id']}")).json()["replies"]["items"] == []
    assert (await birch.get("/api/v1/members/ash/posts")).json()["items"] == []
    assert ash_post["id"] in [p["id"] for p in (await cedar.get("/api/v1/posts/unheard")).json()["items"]]
    assert ash_post["id"] not in [p["id"] for p in (await birch.get("/api/v1/posts/unheard")).json()["items"]]
    assert [m["pseudonym"] for m in (await birch.get("/api/v1/me/mutes")).json()] == ["ash"]
    # ash is not told and still sees birch's world as before
    assert (await ash.get("/api/v1/members/birch")).status_code == 200
    assert (await birch.delete("/api/v1/members/ash/mute")).status_code == 204
    assert len((await birch.get("/api/v1/posts")).json()["items"]) == 2


async def test_block_hides_both_ways(members):
    ash, birch = members["ash"], members["birch"]
    ash_post = await ash.write_post("From ash")
    birch_post = await birch.write_post("From birch")
    assert (await birch.put("/api/v1/members/ash/block")).status_code == 204
    assert [p["id"] for p in (await birch.get("/api/v1/posts")).json()["items"]] == [birch_post["id"]]
    assert [p["id"] for p in (await ash.get("/api/v1/posts")).json()["items"]] == [ash_post["id"]]
    assert (await ash.get("/api/v1/members/birch")).status_code == 404
    assert (
        await ash.post(f"/api/v1/posts/{birch_post['id']}/replies", json={"body": "hey"})
    ).status_code == 404
    assert (await ash.put(f"/api/v1/posts/{birch_post['id']}/hear")).status_code == 404
    assert [m["pseudonym"] for m in (await birch.get("/api/v1/me/blocks")).json()] == ["ash"]
    assert (await birch.delete("/api/v1/members/ash/block")).status_code == 204
    assert len((await ash.get("/api/v1/posts")).json()["items"]) == 2


async def test_cannot_mute_or_block_yourself_or_nobody(members):
    ash = members["ash"]
    assert (await ash.put("/api/v1/members/ash/mute")).status_code == 422
    assert (await ash.put("/api/v1/members/nobody-here/block")).status_code == 404


async def test_undoing_a_mute_or_block_answers_alike_for_any_name(members):
    ash, birch = members["ash"], members["birch"]
    await birch.put("/api/v1/members/ash/block")
    # ash must not learn that birch exists and blocked them: the same answer as for a name nobody has
    for name in ("birch", "nobody-here"):
        assert (await ash.delete(f"/api/v1/members/{name}/mute")).status_code == 204
        assert (await ash.delete(f"/api/v1/members/{name}/block")).status_code == 204
    assert (await ash.get("/api/v1/members/birch")).status_code == 404


async def test_hearers_leave_out_members_who_blocked_the_author(members):
    ash, birch, cedar = members["ash"], members["birch"], members["cedar"]
    post = await ash.write_post("Hard day")
    await birch.put(f"/api/v1/posts/{post['id']}/hear")
    await cedar.put(f"/api/v1/posts/{post['id']}/hear")
    await birch.put("/api/v1/members/ash/block")
    hearers = (await ash.get(f"/api/v1/posts/{post['id']}/hearers")).json()["items"]
    assert [h["pseudonym"] for h in hearers] == ["cedar"]

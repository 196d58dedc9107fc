"""Filter words live: a collapsed post arrives marked, a left-out one does not arrive, others as they are."""

from tests.realtime.conftest import frames_until_quiet, next_frame, stream

API = "/api/v1"


async def test_collapse_sends_a_marked_frame_to_the_filtering_member_only(live, trio):
    ash, birch, cedar = trio["ash"], trio["birch"], trio["cedar"]
    await birch.put(f"{API}/me/filters", json={"words": ["sleepless"], "mode": "collapse"})
    async with stream(live, birch) as filtering, stream(live, cedar) as other:
        await ash.write_post("s l e e p l e s s again")
        marked = await next_frame(filtering, skip=("viewer.changed",))
        plain = await next_frame(other)
    assert marked["data"]["post"]["filtered"] is True
    assert marked["data"]["post"]["filter_word"] == "sleepless"
    assert "filtered" not in plain["data"]["post"]
    assert marked["id"] == plain["id"]


async def test_leave_out_sends_nothing_of_a_matching_reply(live, trio):
    ash, birch, cedar = trio["ash"], trio["birch"], trio["cedar"]
    post = await ash.write_post("Long night")
    await birch.put(f"{API}/me/filters", json={"words": ["insomnia"], "mode": "leave_out"})
    async with stream(live, birch) as socket:
        await cedar.post(f"{API}/posts/{post['id']}/replies", json={"body": "Insomnia here too"})
        kept = (await cedar.post(f"{API}/posts/{post['id']}/replies", json={"body": "Here too"})).json()
        frames = await frames_until_quiet(socket)
    assert [(f["type"], f["data"]["reply"]["id"]) for f in frames] == [("reply.published", kept["id"])]


async def test_filters_changed_while_connected_apply_at_once(live, trio):
    ash, birch = trio["ash"], trio["birch"]
    async with stream(live, birch) as socket:
        await birch.put(f"{API}/me/filters", json={"words": ["insomnia"], "mode": "leave_out"})
        await next_frame(socket)  # viewer.changed: the socket reads birch's filters again
        await ash.write_post("insomnia again")
        kept = await ash.write_post("tired")
        frames = await frames_until_quiet(socket)
    assert [f["data"]["post"]["id"] for f in frames] == [kept["id"]]

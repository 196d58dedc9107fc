"""Conversations between two members: order, unread counts, read state, pagination, privacy."""

from tests.messages.conftest import API, conversations, started, write


async def test_a_first_message_opens_a_conversation_both_members_see(members):
    sent = await started(members["ash"], "birch", "Hello there.")
    [mine] = await conversations(members["ash"])
    [theirs] = await conversations(members["birch"])
    assert mine["id"] == theirs["id"] == sent["conversation"]["id"]
    assert mine["other"]["pseudonym"] == "birch" and theirs["other"]["pseudonym"] == "ash"
    assert theirs["last_message"]["body"] == "Hello there." and theirs["last_message"]["mine"] is False


async def test_writing_again_continues_the_same_conversation(members):
    first = await started(members["ash"], "birch")
    second = await started(members["birch"], "ash", "Thank you.")
    assert first["conversation"]["id"] == second["conversation"]["id"]


async def test_conversations_come_newest_message_first(members):
    with_birch = await started(members["ash"], "birch")
    with_cedar = await started(members["ash"], "cedar")
    assert [c["id"] for c in await conversations(members["ash"])] == [
        with_cedar["conversation"]["id"],
        with_birch["conversation"]["id"],
    ]
    await members["birch"].post(
        f"{API}/conversations/{with_birch['conversation']['id']}/messages", json={"body": "Back again."}
    )
    assert (await conversations(members["ash"]))[0]["id"] == with_birch["conversation"]["id"]


async def test_unread_counts_what_the_other_member_wrote(members):
    sent = await started(members["ash"], "birch", "One.")
    cid = sent["conversation"]["id"]
    await members["ash"].post(f"{API}/conversations/{cid}/messages", json={"body": "Two."})
    assert (await conversations(members["birch"]))[0]["unread_count"] == 2
    assert (await conversations(members["ash"]))[0]["unread_count"] == 0


async def test_marking_read_clears_the_unread_count(members):
    cid = (await started(members["ash"], "birch"))["conversation"]["id"]
    response = await members["birch"].post(f"{API}/conversations/{cid}/read", json={})
    assert response.status_code == 204
    assert (await conversations(members["birch"]))[0]["unread_count"] == 0


async def test_reading_up_to_a_message_leaves_later_ones_unread(members):
    first = await started(members["ash"], "birch", "One.")
    cid = first["conversation"]["id"]
    await members["ash"].post(f"{API}/conversations/{cid}/messages", json={"body": "Two."})
    await members["birch"].post(f"{API}/conversations/{cid}/read", json={"up_to_id": first["message"]["id"]})
    assert (await conversations(members["birch"]))[0]["unread_count"] == 1


async def test_messages_page_back_in_time_with_a_cursor(members):
    cid = (await started(members["ash"], "birch", "m0"))["conversation"]["id"]
    for n in range(1, 5):
        await members["ash"].post(f"{API}/conversations/{cid}/messages", json={"body": f"m{n}"})
    first = (await members["birch"].get(f"{API}/conversations/{cid}/messages", params={"limit": 3})).json()
    assert [m["body"] for m in first["items"]] == ["m4", "m3", "m2"]
    rest = (
        await members["birch"].get(
            f"{API}/conversations/{cid}/messages", params={"limit": 3, "cursor": first["next_cursor"]}
        )
    ).json()
    assert [m["body"] for m in rest["items"]] == ["m1", "m0"] and rest["next_cursor"] is None


async def test_conversations_page_with_a_cursor(members):
    await started(members["ash"], "birch")
    await started(members["ash"], "cedar")
    first = (await members["ash"].get(f"{API}/conversations", params={"limit": 1})).json()
    second = (
        await members["ash"].get(f"{API}/conversations", params={"limit": 1, "cursor": first["next_cursor"]})
    ).json()
    assert [first["items"][0]["other"]["pseudonym"], second["items"][0]["other"]["pseudonym"]] == [
        "cedar",
        "birch",
    ]
    assert second["next_cursor"] is None


async def test_a_third_member_cannot_read_a_conversation(members):
    cid = (await started(members["ash"], "birch"))["conversation"]["id"]
    response = await members["cedar"].get(f"{API}/conversations/{cid}")
    assert response.status_code == 404


async def test_moderators_cannot_open_members_conversations(team):
    cid = (await started(team["ash"], "birch"))["conversation"]["id"]
    assert (await team["mod"].get(f"{API}/conversations/{cid}")).status_code == 404
    assert (await team["mod"].get(f"{API}/conversations/{cid}/messages")).status_code == 404


async def test_a_message_over_2000_characters_is_refused_naming_the_field(members):
    response = await write(members["ash"], "birch", "x" * 2001)
    assert response.status_code == 422 and response.json()["field"] == "body"


async def test_the_unread_total_counts_conversations_beyond_the_first_page(members):
    await started(members["birch"], "ash", "From birch.")
    from_cedar = await started(members["cedar"], "ash", "From cedar.")
    await members["cedar"].post(
        f"{API}/conversations/{from_cedar['conversation']['id']}/messages", json={"body": "Again."}
    )
    page = (await members["ash"].get(f"{API}/conversations", params={"limit": 1})).json()
    assert len(page["items"]) == 1 and page["next_cursor"] is not None
    # Two conversations, three messages: the total counts conversations, over every page.
    assert page["unread_conversations"] == 2
    assert (await members["birch"].get(f"{API}/conversations")).json()["unread_conversations"] == 0


async def test_reading_a_conversation_lowers_the_unread_total_by_one(members):
    from_birch = await started(members["birch"], "ash", "From birch.")
    await started(members["cedar"], "ash", "From cedar.")
    cid = from_birch["conversation"]["id"]
    before = (await members["ash"].get(f"{API}/conversations", params={"limit": 1})).json()
    assert before["unread_conversations"] == 2
    assert (await members["ash"].post(f"{API}/conversations/{cid}/read", json={})).status_code == 204
    page = (await members["ash"].get(f"{API}/conversations", params={"limit": 1})).json()
    assert page["unread_conversations"] == 1


async def test_a_pseudonym_no_member_could_hold_is_refused_or_not_found(members):
    """A control character (NUL included, which PostgreSQL's text cannot hold) names the field; a path
    with one finds nobody. Neither reaches the database as a question it cannot answer."""
    response = await write(members["ash"], "\x00")
    assert response.status_code == 422 and response.json()["field"] == "pseudonym"
    assert (await members["ash"].get(f"{API}/members/%00/posts")).status_code == 404
    assert (await members["ash"].put(f"{API}/members/bi%00rch/mute")).status_code == 404

"""Personal filter words: kept by the member, matched however they are spelled, applied wherever they read."""

import pytest

API = "/api/v1"


async def set_filters(member, words: list[str], mode: str = "collapse") -> dict:
    response = await member.put(f"{API}/me/filters", json={"words": words, "mode": mode})
    assert response.status_code == 200, response.text
    return response.json()


async def test_filter_words_are_kept_and_read_back(members):
    await set_filters(members["ash"], ["self harm", "insomnia"], "leave_out")
    assert (await members["ash"].get(f"{API}/me/filters")).json() == {
        "mode": "leave_out",
        "words": ["self harm", "insomnia"],
        "max_words": 200,
    }


async def test_words_that_read_the_same_are_kept_once(members):
    assert (await set_filters(members["ash"], ["Self harm", "self-harm", "SELF HARM"]))["words"] == [
        "Self harm"
    ]


async def test_more_than_two_hundred_words_are_refused(members):
    response = await members["ash"].put(f"{API}/me/filters", json={"words": [f"w{n}x" for n in range(201)]})
    assert response.status_code == 422 and response.json()["field"] == "words"


async def test_a_word_over_a_hundred_characters_is_refused(members):
    response = await members["ash"].put(f"{API}/me/filters", json={"words": ["a" * 101]})
    assert response.status_code == 422 and response.json()["field"].startswith("words")


async def test_a_word_with_no_letters_is_refused(members):
    response = await members["ash"].put(f"{API}/me/filters", json={"words": ["fine", "!!!"]})
    assert response.status_code == 422 and response.json()["field"] == "words.1"


@pytest.mark.parametrize("query", [{}, {"kind": "looking_for_support"}], ids=["newest page", "database"])
async def test_collapse_marks_matching_posts_with_the_word(members, query):
    ash, birch = members["ash"], members["birch"]
    await set_filters(birch, ["sleepless"])
    matching = await ash.write_post("Another s l e e p l e s s night")
    plain = await ash.write_post("Just tired tonight")
    for _ in range(2):  # the second newest page comes from memory
        items = (await birch.get(f"{API}/posts", params=query)).json()["items"]
    marks = {item["id"]: (item["filtered"], item["filter_word"]) for item in items}
    assert marks == {matching["id"]: (True, "sleepless"), plain["id"]: (False, None)}


@pytest.mark.parametrize("query", [{}, {"kind": "looking_for_support"}], ids=["newest page", "database"])
async def test_leave_out_drops_matching_posts(members, query):
    ash, birch = members["ash"], members["birch"]
    await set_filters(birch, ["insomnia"], "leave_out")
    await ash.write_post("INSOMNIA again")
    plain = await ash.write_post("Just tired tonight")
    for _ in range(2):
        items = (await birch.get(f"{API}/posts", params=query)).json()["items"]
    assert [item["id"] for item in items] == [plain["id"]]


async def test_the_newest_page_from_memory_matches_the_database_byte_for_byte(app, members):
    ash, birch = members["ash"], members["birch"]
    await set_filters(birch, ["insomnia"])
    await ash.write_post("insomnia again")
    await ash.write_post("Just tired")
    first = await birch.get(f"{API}/posts")
    kept = await birch.get(f"{API}/posts")
    assert kept.content == first.content


async def test_a_members_own_words_are_never_filtered(members):
    ash = members["ash"]
    await set_filters(ash, ["insomnia"], "leave_out")
    mine = await ash.write_post("insomnia again")
    assert [i["id"] for i in (await ash.get(f"{API}/posts")).json()["items"]] == [mine["id"]]


async def test_filters_apply_to_unheard_and_one_members_posts(members):
    ash, birch = members["ash"], members["birch"]
    await set_filters(birch, ["insomnia"], "leave_out")
    await ash.write_post("insomnia again")
    assert (await birch.get(f"{API}/posts/unheard")).json()["items"] == []
    assert (await birch.get(f"{API}/members/ash/posts")).json()["items"] == []


async def test_replies_are_collapsed_or_left_out_in_a_thread(members):
    ash, birch, cedar = members["ash"], members["birch"], members["cedar"]
    post = await ash.write_post("Long night")
    await cedar.post(f"{API}/posts/{post['id']}/replies", json={"body": "insomnia is the worst"})
    await set_filters(birch, ["insomnia"])
    [reply] = (await birch.get(f"{API}/posts/{post['id']}")).json()["replies"]["items"]
    assert reply["filtered"] is True and reply["filter_word"] == "insomnia"
    await set_filters(birch, ["insomnia"], "leave_out")
    assert (await birch.get(f"{API}/posts/{post['id']}/replies")).json()["items"] == []


async def test_a_post_opened_by_itself_is_collapsed_even_in_leave_out_mode(members):
    ash, birch = members["ash"], members["birch"]
    await set_filters(birch, ["insomnia"], "leave_out")
    post = await ash.write_post("insomnia again")
    thread = (await birch.get(f"{API}/posts/{post['id']}")).json()
    assert thread["post"]["filtered"] is True


async def test_a_content_warning_is_matched_too(members):
    ash, birch = members["ash"], members["birch"]
    await set_filters(birch, ["self harm"])
    post = await ash.write_post("A hard day.", content_warning="self-harm mention")
    items = (await birch.get(f"{API}/posts", params={"kind": "looking_for_support"})).json()["items"]
    assert [(i["id"], i["filter_word"]) for i in items] == [(post["id"], "self harm")]

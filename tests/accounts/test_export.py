"""Export: everything the member gave, as one JSON document, and nothing of other members but pseudonyms."""

import json

import pytest

from tests.conftest import PASSWORD

API = "/api/v1"


async def export(member, password: str = PASSWORD):
    return await member.post(f"{API}/me/export", json={"current_password": password})


@pytest.fixture
async def busy(members):
    """ash posts, replies, hears, hides, mutes, filters and reports; birch and cedar write around them."""
    ash, birch, cedar = members["ash"], members["birch"], members["cedar"]
    mine = await ash.write_post("ash's own words")
    theirs = await birch.write_post("birch's private worry")
    await ash.post(f"{API}/posts/{theirs['id']}/replies", json={"body": "ash replying"})
    await cedar.post(f"{API}/posts/{mine['id']}/replies", json={"body": "cedar's kind reply"})
    await ash.put(f"{API}/posts/{theirs['id']}/hear")
    await ash.put(f"{API}/posts/{theirs['id']}/hide")
    await ash.put(f"{API}/members/cedar/mute")
    await ash.put(f"{API}/me/filters", json={"words": ["sleepless"], "mode": "leave_out"})
    report = await ash.post(f"{API}/posts/{theirs['id']}/report", json={"note": "ash worried about this"})
    assert report.status_code == 202
    return {"mine": mine, "theirs": theirs}


async def test_a_wrong_password_is_refused_on_its_field(members):
    response = await export(members["ash"], "not the password at all")
    assert response.status_code == 422 and response.json()["field"] == "current_password"


async def test_the_export_holds_the_members_own_words(members, busy):
    document = (await export(members["ash"])).json()
    assert document["profile"]["pseudonym"] == "ash"
    assert [p["body"] for p in document["posts"]] == ["ash's own words"]
    assert [r["body"] for r in document["replies"]] == ["ash replying"]


async def test_the_export_holds_the_members_choices(members, busy):
    document = (await export(members["ash"])).json()
    assert document["i_hear_yous"]["posts"][0]["post_id"] == busy["theirs"]["id"]
    assert document["hides"]["posts"][0]["post_id"] == busy["theirs"]["id"]
    assert [(m["kind"], m["pseudonym"]) for m in document["mutes_and_blocks"]] == [("mute", "cedar")]
    assert document["filter_words"] == {"mode": "leave_out", "words": ["sleepless"]}


async def test_the_export_holds_reports_notices_and_sessions(members, busy):
    document = (await export(members["ash"])).json()
    [report] = document["reports"]
    assert report["target_type"] == "post" and report["note"] == "ash worried about this"
    assert report["outcome"] == "open"
    assert [n["kind"] for n in document["notifications"]] == ["wall.replied"]
    assert document["sessions"][0]["device"]
    assert document["appeals"] == [] and document["sanctions"] == []


async def test_the_export_holds_nothing_of_other_members_words(members, busy):
    text = json.dumps((await export(members["ash"])).json())
    assert "birch's private worry" not in text
    assert "cedar's kind reply" not in text
    assert "birch" not in text


async def test_exports_are_rate_limited(app, members):
    app.state.settings.rate_export = "1/hour"
    assert (await export(members["ash"])).status_code == 200
    assert (await export(members["ash"])).status_code == 429

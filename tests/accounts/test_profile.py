"""Profiles: about me, the drawn avatars, the public view that shows no account fields."""

from tests.conftest import join


async def test_avatars_are_a_fixed_drawn_set(client):
    avatars = (await client.get("/api/v1/avatars")).json()["avatars"]
    assert len(avatars) == len(set(avatars)) >= 20
    assert all("-" in a for a in avatars)


async def test_member_gets_an_avatar_from_the_set_and_can_change_it(client):
    ash = await join(client, "ash")
    avatars = (await client.get("/api/v1/avatars")).json()["avatars"]
    me = (await ash.get("/api/v1/me")).json()
    assert me["avatar"] in avatars
    chosen = next(a for a in avatars if a != me["avatar"])
    response = await ash.patch("/api/v1/me", json={"avatar": chosen})
    assert response.status_code == 200 and response.json()["avatar"] == chosen


async def test_avatar_outside_the_set_is_refused(client):
    ash = await join(client, "ash")
    response = await ash.patch("/api/v1/me", json={"avatar": "photo-of-me"})
    assert response.status_code == 422
    assert response.json()["field"] == "avatar"


async def test_about_me_up_to_300_characters_and_clearable(client):
    ash = await join(client, "ash")
    assert (await ash.patch("/api/v1/me", json={"about_me": "a" * 301})).status_code == 422
    assert (await ash.patch("/api/v1/me", json={"about_me": "Night owl, dog person."})).json()[
        "about_me"
    ] == ("Night owl, dog person.")
    assert (await ash.patch("/api/v1/me", json={"about_me": None})).json()["about_me"] is None


async def test_public_profile_shows_pseudonym_avatar_about_and_join_date_only(client):
    ash = await join(client, "ash")
    birch = await join(client, "birch")
    await ash.patch("/api/v1/me", json={"about_me": "Hello"})
    profile = (await birch.get("/api/v1/members/ASH")).json()
    assert set(profile) == {"pseudonym", "avatar", "about_me", "joined_at"}
    assert profile["pseudonym"] == "ash" and profile["about_me"] == "Hello"


async def test_rules_are_public_with_a_version(client):
    rules = (await client.get("/api/v1/rules")).json()
    assert rules["version"] == 1
    assert [r["position"] for r in rules["rules"]] == sorted(r["position"] for r in rules["rules"])
    assert all(r["title"] and r["text"] for r in rules["rules"])


async def test_the_wall_is_for_members_only(client):
    assert (await client.get("/api/v1/posts")).status_code == 401
    assert (await client.get("/api/v1/members/ash")).status_code == 401

"""Moderators keep private notes on members; members never see them."""

from tests.moderation.conftest import audit_entries

API = "/api/v1"


def notes_url(pseudonym: str) -> str:
    return f"{API}/moderation/members/{pseudonym}/notes"


async def test_a_moderator_adds_a_note_and_the_team_reads_it_newest_first(members, moderator, admin):
    await moderator.post(notes_url("ash"), json={"body": "First."})
    await admin.post(notes_url("ash"), json={"body": "Second."})
    items = (await moderator.get(notes_url("ash"))).json()["items"]
    assert [(n["author"], n["body"]) for n in items] == [("dove", "Second."), ("elm", "First.")]


async def test_notes_are_about_one_member(members, moderator):
    await moderator.post(notes_url("ash"), json={"body": "About ash."})
    assert (await moderator.get(notes_url("birch"))).json()["items"] == []


async def test_the_member_cannot_read_notes_about_themself(members, moderator):
    await moderator.post(notes_url("ash"), json={"body": "About ash."})
    response = await members["ash"].get(notes_url("ash"))
    assert response.status_code == 403
    assert "About ash." not in response.text


async def test_a_note_over_2000_characters_is_refused_naming_the_field(members, moderator):
    response = await moderator.post(notes_url("ash"), json={"body": "x" * 2001})
    assert response.status_code == 422
    assert response.json()["field"] == "body"


async def test_an_empty_note_is_refused(members, moderator):
    response = await moderator.post(notes_url("ash"), json={"body": "   "})
    assert response.status_code == 422


async def test_a_note_on_an_unknown_member_is_not_found(moderator):
    assert (await moderator.post(notes_url("nobody-here"), json={"body": "Hm."})).status_code == 404


async def test_adding_a_note_is_audited_without_its_words(app, members, moderator):
    await moderator.post(notes_url("ash"), json={"body": "Private words."})
    [entry] = await audit_entries(app, "note.added")
    assert entry.target_type == "member"
    assert "Private words." not in entry.details


async def test_notes_have_no_route_to_change_or_delete_them(members, moderator):
    created = (await moderator.post(notes_url("ash"), json={"body": "Kept."})).json()
    for method in ("PATCH", "DELETE"):
        response = await moderator.client.request(
            method, f"{notes_url('ash')}/{created['id']}", headers=moderator.headers
        )
        assert response.status_code in (404, 405)

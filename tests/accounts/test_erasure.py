"""Erasure: the account ends, its words leave the database, traces update live, the pseudonym is held."""

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from app.accounts.models import Member as MemberRow
from app.accounts.pseudonym_hold import release_held_pseudonyms
from app.moderation.models import ReviewReason
from app.realtime.models import Event
from app.wall.models import Post, Reply
from tests.conftest import PASSWORD, join

API = "/api/v1"
PHRASE = "marmalade-kettle-quietude"  # written once, so its bytes can be looked for


async def erase(member, password: str = PASSWORD, confirm: bool = True):
    return await member.post(f"{API}/me/erase", json={"current_password": password, "confirm": confirm})


async def test_a_wrong_password_is_refused_on_its_field(members):
    response = await erase(members["ash"], "not the password at all")
    assert response.status_code == 422 and response.json()["field"] == "current_password"
    assert (await members["ash"].get(f"{API}/me")).status_code == 200


async def test_erasure_needs_an_explicit_confirmation(members):
    response = await erase(members["ash"], confirm=False)
    assert response.status_code == 422 and response.json()["field"] == "confirm"


async def test_the_erased_accounts_sessions_end_and_it_cannot_sign_in(client, members):
    assert (await erase(members["ash"])).status_code == 204
    assert (await members["ash"].get(f"{API}/me")).status_code == 401
    signed = await client.post(f"{API}/auth/sign-in", json={"pseudonym": "ash", "password": PASSWORD})
    assert signed.status_code == 401


async def test_their_posts_leave_other_members_walls(members):
    ash, birch = members["ash"], members["birch"]
    post = await ash.write_post(PHRASE)
    await erase(ash)
    assert (await birch.get(f"{API}/posts")).json()["items"] == []
    assert (await birch.get(f"{API}/posts/{post['id']}")).status_code == 404


async def test_their_words_are_gone_from_the_database(app, members):
    ash, birch = members["ash"], members["birch"]
    post = await birch.write_post("birch's post")
    await ash.write_post(PHRASE, content_warning="a warning of theirs")
    await ash.post(f"{API}/posts/{post['id']}/replies", json={"body": PHRASE})
    await erase(ash)
    async with app.state.database.read_session() as session:
        posts = (await session.execute(select(Post.body, Post.content_warning, Post.state))).all()
        replies = (await session.execute(select(Reply.body, Reply.state))).all()
        payloads = list(await session.scalars(select(Event.payload)))
    assert sorted(posts) == [("", None, "deleted"), ("birch's post", None, "published")]
    assert replies == [("", "deleted")]
    assert not any(PHRASE in payload for payload in payloads)


async def test_replies_under_their_post_stay_stored_as_their_authors(app, members):
    ash, birch = members["ash"], members["birch"]
    post = await ash.write_post()
    await birch.post(f"{API}/posts/{post['id']}/replies", json={"body": "birch's reply"})
    await erase(ash)
    async with app.state.database.read_session() as session:
        assert list(await session.scalars(select(Reply.body))) == ["birch's reply"]


async def test_their_i_hear_yous_are_taken_back(members):
    ash, birch = members["ash"], members["birch"]
    post = await birch.write_post()
    await ash.put(f"{API}/posts/{post['id']}/hear")
    await erase(ash)
    assert (await birch.get(f"{API}/posts/{post['id']}")).json()["post"]["heard_count"] == 0


async def test_every_visible_trace_is_recorded_for_the_live_stream(app, members):
    ash, birch = members["ash"], members["birch"]
    heard = await birch.write_post()
    await ash.put(f"{API}/posts/{heard['id']}/hear")
    post = await ash.write_post()
    await erase(ash)
    async with app.state.database.read_session() as session:
        kinds = (await session.execute(select(Event.kind, Event.post_id).order_by(Event.id))).all()
    assert ("post.deleted", post["id"]) in kinds
    assert ("post.heard", heard["id"]) in kinds
    assert ("session.ended", None) in kinds


async def test_their_report_notes_are_emptied_but_the_report_counts(app, members):
    ash, birch = members["ash"], members["birch"]
    post = await birch.write_post()
    await ash.post(f"{API}/posts/{post['id']}/report", json={"note": PHRASE})
    await erase(ash)
    async with app.state.database.read_session() as session:
        notes = list(await session.scalars(select(ReviewReason.note)))
    assert notes == [None]


async def test_the_pseudonym_and_its_look_alikes_are_held_back(client, members):
    await erase(members["ash"])
    for name in ("ash", "ASH"):
        response = await client.post(
            f"{API}/auth/join",
            json={"pseudonym": name, "password": PASSWORD, "agreed_rules_version": 1, "transport": "bearer"},
        )
        assert response.status_code == 422 and response.json()["field"] == "pseudonym"


async def test_the_hold_lasts_ninety_days(app, members):
    await erase(members["ash"])
    async with app.state.database.transaction() as session:
        erased_at = await session.scalar(select(MemberRow.erased_at).where(MemberRow.pseudonym == "ash"))
        assert await release_held_pseudonyms(session, now=erased_at + timedelta(days=89)) == 0


async def test_after_ninety_days_the_pseudonym_is_free_again(app, client, members):
    await erase(members["ash"])
    async with app.state.database.transaction() as session:
        erased_at = await session.scalar(select(MemberRow.erased_at).where(MemberRow.pseudonym == "ash"))
        assert await release_held_pseudonyms(session, now=erased_at + timedelta(days=90, seconds=1)) == 1
    again = await join(client, "ash")
    assert (await again.get(f"{API}/me")).json()["pseudonym"] == "ash"


async def test_joining_frees_a_pseudonym_whose_hold_has_passed(app, client, members):
    await erase(members["ash"])
    async with app.state.database.transaction() as session:
        row = await session.scalar(select(MemberRow).where(MemberRow.pseudonym == "ash"))
        row.erased_at = row.erased_at - timedelta(days=91)
    again = await join(client, "ash")
    assert (await again.get(f"{API}/me")).status_code == 200


async def test_on_sqlite_the_erased_words_are_not_in_the_database_files(app, test_database, members):
    if test_database.dialect != "sqlite":
        pytest.skip("a file-level check of SQLite's database and write-ahead log")
    ash, birch = members["ash"], members["birch"]
    post = await birch.write_post()
    await ash.write_post(PHRASE)
    await ash.post(f"{API}/posts/{post['id']}/replies", json={"body": f"reply: {PHRASE}"})
    path = Path(test_database.url.removeprefix("sqlite+aiosqlite:///"))

    def found() -> bool:
        return any(
            PHRASE.encode() in Path(f"{path}{suffix}").read_bytes()
            for suffix in ("", "-wal")
            if Path(f"{path}{suffix}").exists()
        )

    assert found()  # the check can fail: the words are there before
    await erase(ash)
    assert not found()

"""Posting, editing within the window, deleting, replies and their states."""

from datetime import timedelta

from sqlalchemy import update

from app.core.db import utcnow
from app.wall.models import ContentState, Post


async def test_post_appears_on_the_wall_with_pseudonym_and_counts(members):
    ash, birch = members["ash"], members["birch"]
    created = await ash.write_post("Feeling low tonight.", content_warning="low mood")
    assert created["author"]["pseudonym"] == "ash"
    assert created["mine"] is True
    wall = (await birch.get("/api/v1/posts")).json()
    assert [p["id"] for p in wall["items"]] == [created["id"]]
    seen = wall["items"][0]
    assert seen["body"] == "Feeling low tonight."
    assert seen["content_warning"] == "low mood"
    assert seen["heard_count"] == 0 and seen["reply_count"] == 0
    assert seen["mine"] is False
    assert set(seen["author"]) == {"pseudonym", "avatar"}


async def test_post_kind_must_be_one_of_the_four(members):
    response = await members["ash"].post("/api/v1/posts", json={"kind": "rant", "body": "x"})
    assert response.status_code == 422
    assert response.json()["field"] == "kind"


async def test_post_length_limits(members):
    ash = members["ash"]
    assert (
        await ash.post("/api/v1/posts", json={"kind": "saying_hello", "body": "x" * 5000})
    ).status_code == 201
    too_long = await ash.post("/api/v1/posts", json={"kind": "saying_hello", "body": "x" * 5001})
    assert too_long.status_code == 422
    assert too_long.json()["field"] == "body"
    blank = await ash.post("/api/v1/posts", json={"kind": "saying_hello", "body": "   \n  "})
    assert blank.status_code == 422
    warning = await ash.post(
        "/api/v1/posts", json={"kind": "saying_hello", "body": "x", "content_warning": "w" * 101}
    )
    assert warning.status_code == 422
    assert warning.json()["field"] == "content_warning"


async def test_wall_filters_by_kind(members):
    ash, birch = members["ash"], members["birch"]
    hello = await ash.write_post("Hi everyone", kind="saying_hello")
    await ash.write_post("A small win today", kind="sharing_a_win")
    wall = (await birch.get("/api/v1/posts", params={"kind": "saying_hello"})).json()
    assert [p["id"] for p in wall["items"]] == [hello["id"]]


async def test_author_edits_within_the_window_and_it_is_marked(members):
    ash, birch = members["ash"], members["birch"]
    post = await ash.write_post("Frist try")
    response = await ash.patch(
        f"/api/v1/posts/{post['id']}", json={"body": "First try", "content_warning": None}
    )
    assert response.status_code == 200
    assert response.json()["body"] == "First try"
    assert response.json()["edited_at"] is not None
    seen = (await birch.get(f"/api/v1/posts/{post['id']}")).json()["post"]
    assert seen["body"] == "First try" and seen["edited_at"] is not None


async def test_edit_after_the_window_is_refused(app, members):
    ash = members["ash"]
    post = await ash.write_post("Old words")
    window = app.state.settings.edit_window_minutes
    async with app.state.database.transaction() as session:
        await session.execute(
            update(Post)
            .where(Post.id == post["id"])
            .values(created_at=utcnow() - timedelta(minutes=window + 1))
        )
    response = await ash.patch(f"/api/v1/posts/{post['id']}", json={"body": "New words"})
    assert response.status_code == 403
    assert (await ash.get(f"/api/v1/posts/{post['id']}")).json()["post"]["body"] == "Old words"


async def test_only_the_author_edits_or_deletes(members):
    ash, birch = members["ash"], members["birch"]
    post = await ash.write_post("Mine")
    assert (await birch.patch(f"/api/v1/posts/{post['id']}", json={"body": "Yours"})).status_code == 403
    assert (await birch.delete(f"/api/v1/posts/{post['id']}")).status_code == 403
    assert (await birch.get(f"/api/v1/posts/{post['id']}")).json()["post"]["body"] == "Mine"


async def test_deleted_post_leaves_every_view_and_its_text_is_gone(app, members):
    ash, birch = members["ash"], members["birch"]
    post = await ash.write_post("Something I regret sharing")
    assert (await ash.delete(f"/api/v1/posts/{post['id']}")).status_code == 204
    assert (await birch.get("/api/v1/posts")).json()["items"] == []
    assert (await ash.get("/api/v1/posts")).json()["items"] == []
    assert (await birch.get(f"/api/v1/posts/{post['id']}")).status_code == 404
    async with app.state.database.read_session() as session:
        row = await session.get(Post, post["id"])
    assert row.state == ContentState.deleted
    assert row.body == ""


async def test_pending_post_is_seen_only_by_its_author(app, members):
    ash, birch = members["ash"], members["birch"]
    post = await ash.write_post("Waiting for review")
    async with app.state.database.transaction() as session:
        await session.execute(update(Post).where(Post.id == post["id"]).values(state=ContentState.pending))
    mine = (await ash.get("/api/v1/posts")).json()["items"]
    assert [(p["id"], p["state"]) for p in mine] == [(post["id"], "pending")]
    assert (await birch.get("/api/v1/posts")).json()["items"] == []
    assert (await birch.get(f"/api/v1/posts/{post['id']}")).status_code == 404
    assert (await birch.get("/api/v1/members/ash/posts")).json()["items"] == []


async def test_removed_post_is_seen_by_nobody(app, members):
    ash, birch = members["ash"], members["birch"]
    post = await ash.write_post("Against the rules")
    async with app.state.database.transaction() as session:
        await session.execute(update(Post).where(Post.id == post["id"]).values(state=ContentState.removed))
    assert (await ash.get("/api/v1/posts")).json()["items"] == []
    assert (await birch.get(f"/api/v1/posts/{post['id']}")).status_code == 404


async def test_replies_thread_oldest_first_and_count(members):
    ash, birch, cedar = members["ash"], members["birch"], members["cedar"]
    post = await ash.write_post("Anyone awake?")
    first = await birch.post(f"/api/v1/posts/{post['id']}/replies", json={"body": "I'm here."})
    assert first.status_code == 201
    await cedar.post(f"/api/v1/posts/{post['id']}/replies", json={"body": "Me too."})
    thread = (await ash.get(f"/api/v1/posts/{post['id']}")).json()
    assert [r["body"] for r in thread["replies"]["items"]] == ["I'm here.", "Me too."]
    assert thread["post"]["reply_count"] == 2


async def test_reply_limits_and_edit_and_delete(members):
    ash, birch = members["ash"], members["birch"]
    post = await ash.write_post("Anyone awake?")
    too_long = await birch.post(f"/api/v1/posts/{post['id']}/replies", json={"body": "x" * 2001})
    assert too_long.status_code == 422 and too_long.json()["field"] == "body"
    reply = (await birch.post(f"/api/v1/posts/{post['id']}/replies", json={"body": "Hre"})).json()
    edited = await birch.patch(f"/api/v1/replies/{reply['id']}", json={"body": "Here"})
    assert edited.status_code == 200 and edited.json()["edited_at"] is not None
    assert (await ash.patch(f"/api/v1/replies/{reply['id']}", json={"body": "Hijack"})).status_code == 403
    assert (await birch.delete(f"/api/v1/replies/{reply['id']}")).status_code == 204
    thread = (await ash.get(f"/api/v1/posts/{post['id']}")).json()
    assert thread["replies"]["items"] == []
    assert thread["post"]["reply_count"] == 0


async def test_replies_to_a_missing_post_are_404(members):
    response = await members["ash"].post("/api/v1/posts/999999/replies", json={"body": "hello"})
    assert response.status_code == 404


async def test_replies_paginate(members):
    ash, birch = members["ash"], members["birch"]
    post = await ash.write_post("Count with me")
    for n in range(5):
        await birch.post(f"/api/v1/posts/{post['id']}/replies", json={"body": f"reply {n}"})
    first = (await ash.get(f"/api/v1/posts/{post['id']}", params={"limit": 2})).json()["replies"]
    assert [r["body"] for r in first["items"]] == ["reply 0", "reply 1"]
    rest = (
        await ash.get(
            f"/api/v1/posts/{post['id']}/replies", params={"cursor": first["next_cursor"], "limit": 10}
        )
    ).json()
    assert [r["body"] for r in rest["items"]] == ["reply 2", "reply 3", "reply 4"]
    assert rest["next_cursor"] is None


async def test_posting_needs_agreement_to_the_current_rules(app, members):
    from sqlalchemy import update as sql_update

    from app.accounts.models import Member

    ash = members["ash"]
    async with app.state.database.transaction() as session:
        await session.execute(
            sql_update(Member).where(Member.pseudonym == "ash").values(rules_version_agreed=0)
        )
    refused = await ash.post("/api/v1/posts", json={"kind": "saying_hello", "body": "hi"})
    assert refused.status_code == 403
    assert refused.json()["code"] == "rules_agreement_required"
    assert (await ash.get("/api/v1/posts")).status_code == 200  # reading never stops
    version = (await ash.get("/api/v1/rules")).json()["version"]
    assert (await ash.post("/api/v1/me/rules-agreement", json={"version": version})).status_code == 200
    assert (await ash.post("/api/v1/posts", json={"kind": "saying_hello", "body": "hi"})).status_code == 201

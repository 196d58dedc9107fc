"""Signing in and out, session expiry, CSRF on cookie sessions, listing and ending sessions."""

from datetime import timedelta

from sqlalchemy import select, update

from app.accounts.models import MemberSession
from app.core.db import utcnow
from app.core.security import hash_token
from tests.conftest import PASSWORD, join

SIGN_IN = "/api/v1/auth/sign-in"


async def test_sign_in_with_bearer_transport_returns_a_token(client):
    await join(client, "willow")
    response = await client.post(
        SIGN_IN, json={"pseudonym": "willow", "password": PASSWORD, "transport": "bearer"}
    )
    assert response.status_code == 200
    token = response.json()["token"]
    assert len(token) >= 43  # 256 bits, base64url
    me = await client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert me.json()["pseudonym"] == "willow"


async def test_sign_in_ignores_case_of_the_pseudonym(client):
    await join(client, "willow")
    response = await client.post(
        SIGN_IN, json={"pseudonym": "WILLOW", "password": PASSWORD, "transport": "bearer"}
    )
    assert response.status_code == 200


async def test_wrong_password_and_unknown_name_get_the_same_answer(client):
    await join(client, "willow")
    wrong = await client.post(SIGN_IN, json={"pseudonym": "willow", "password": "not the password"})
    unknown = await client.post(SIGN_IN, json={"pseudonym": "nobody-here", "password": "not the password"})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()


async def test_unknown_pseudonym_still_runs_a_password_hash(app, client, monkeypatch):
    calls = []
    context = app.state.hasher._context
    original = context.dummy_verify
    monkeypatch.setattr(context, "dummy_verify", lambda *a, **k: calls.append(1) or original(*a, **k))
    await client.post(SIGN_IN, json={"pseudonym": "nobody-here", "password": "not the password"})
    assert calls == [1]


async def test_tokens_are_stored_hashed(app, client):
    member = await join(client, "willow")
    async with app.state.database.read_session() as session:
        stored = list(await session.scalars(select(MemberSession.token_hash)))
    assert member.token not in stored
    assert hash_token(member.token) in stored


async def test_sign_out_ends_the_session(client):
    member = await join(client, "willow")
    assert (await member.post("/api/v1/auth/sign-out")).status_code == 204
    assert (await member.get("/api/v1/me")).status_code == 401


async def test_idle_session_expires(app, client):
    member = await join(client, "willow")
    idle = app.state.settings.session_idle_minutes
    async with app.state.database.transaction() as session:
        await session.execute(
            update(MemberSession).values(last_seen_at=utcnow() - timedelta(minutes=idle + 1))
        )
    assert (await member.get("/api/v1/me")).status_code == 401


async def test_session_expires_absolutely_even_when_active(app, client):
    member = await join(client, "willow")
    async with app.state.database.transaction() as session:
        await session.execute(update(MemberSession).values(expires_at=utcnow() - timedelta(seconds=1)))
    assert (await member.get("/api/v1/me")).status_code == 401


async def test_use_keeps_an_idle_session_alive(app, client):
    member = await join(client, "willow")
    old = utcnow() - timedelta(minutes=30)
    async with app.state.database.transaction() as session:
        await session.execute(update(MemberSession).values(last_seen_at=old))
    assert (await member.get("/api/v1/me")).status_code == 200
    async with app.state.database.read_session() as session:
        seen = await session.scalar(select(MemberSession.last_seen_at))
    assert seen > old + timedelta(minutes=29)


async def test_list_and_end_my_other_sessions(client):
    member = await join(client, "willow")
    other = await client.post(
        SIGN_IN, json={"pseudonym": "willow", "password": PASSWORD, "transport": "bearer"}
    )
    other_headers = {"Authorization": f"Bearer {other.json()['token']}"}
    sessions = (await member.get("/api/v1/me/sessions")).json()
    assert len(sessions) == 2
    assert [s["current"] for s in sessions].count(True) == 1
    other_id = other.json()["session"]["id"]
    assert (await member.delete(f"/api/v1/me/sessions/{other_id}")).status_code == 204
    assert (await client.get("/api/v1/me", headers=other_headers)).status_code == 401
    assert (await member.get("/api/v1/me")).status_code == 200


async def test_a_member_cannot_end_someone_elses_session(client):
    ash = await join(client, "ash")
    birch = await join(client, "birch")
    birch_session = (await birch.get("/api/v1/me/sessions")).json()[0]["id"]
    assert (await ash.delete(f"/api/v1/me/sessions/{birch_session}")).status_code == 404
    assert (await birch.get("/api/v1/me")).status_code == 200


async def test_cookie_writes_need_the_csrf_token(client):
    version = (await client.get("/api/v1/rules")).json()["version"]
    joined = await client.post(
        "/api/v1/auth/join",
        json={"pseudonym": "willow", "password": PASSWORD, "agreed_rules_version": version},
    )
    csrf = joined.json()["csrf_token"]
    post = {"kind": "saying_hello", "body": "hello all"}
    refused = await client.post("/api/v1/posts", json=post)
    assert refused.status_code == 403
    assert refused.json()["code"] == "csrf_failed"
    wrong = await client.post("/api/v1/posts", json=post, headers={"X-CSRF-Token": "0" * 64})
    assert wrong.status_code == 403
    accepted = await client.post("/api/v1/posts", json=post, headers={"X-CSRF-Token": csrf})
    assert accepted.status_code == 201
    assert client.cookies.get("alongside_csrf") == csrf


async def test_cookie_reads_need_no_csrf_token(client):
    version = (await client.get("/api/v1/rules")).json()["version"]
    await client.post(
        "/api/v1/auth/join",
        json={"pseudonym": "willow", "password": PASSWORD, "agreed_rules_version": version},
    )
    assert (await client.get("/api/v1/me")).status_code == 200


async def test_writes_from_another_origin_are_refused(client):
    await join(client, "willow")
    response = await client.post(
        SIGN_IN,
        json={"pseudonym": "willow", "password": PASSWORD},
        headers={"Origin": "https://evil.example"},
    )
    assert response.status_code == 403
    same = await client.post(
        SIGN_IN, json={"pseudonym": "willow", "password": PASSWORD}, headers={"Origin": "http://testserver"}
    )
    assert same.status_code == 200


async def test_sign_out_clears_the_cookies(client):
    version = (await client.get("/api/v1/rules")).json()["version"]
    joined = await client.post(
        "/api/v1/auth/join",
        json={"pseudonym": "willow", "password": PASSWORD, "agreed_rules_version": version},
    )
    response = await client.post(
        "/api/v1/auth/sign-out", headers={"X-CSRF-Token": joined.json()["csrf_token"]}
    )
    assert response.status_code == 204
    assert "alongside_session" not in client.cookies
    assert (await client.get("/api/v1/me")).status_code == 401

"""Changing the password and recovering with the one-time code."""

from tests.conftest import PASSWORD, join

NEW_PASSWORD = "a brand new evening walk"


async def test_changing_password_ends_all_other_sessions(client):
    member = await join(client, "willow")
    other = await client.post(
        "/api/v1/auth/sign-in", json={"pseudonym": "willow", "password": PASSWORD, "transport": "bearer"}
    )
    other_headers = {"Authorization": f"Bearer {other.json()['token']}"}
    response = await member.post(
        "/api/v1/me/password", json={"current_password": PASSWORD, "new_password": NEW_PASSWORD}
    )
    assert response.status_code == 204
    assert (await member.get("/api/v1/me")).status_code == 200
    assert (await client.get("/api/v1/me", headers=other_headers)).status_code == 401
    signed = await client.post("/api/v1/auth/sign-in", json={"pseudonym": "willow", "password": NEW_PASSWORD})
    assert signed.status_code == 200
    old = await client.post("/api/v1/auth/sign-in", json={"pseudonym": "willow", "password": PASSWORD})
    assert old.status_code == 401


async def test_changing_password_needs_the_current_one(client):
    member = await join(client, "willow")
    response = await member.post(
        "/api/v1/me/password", json={"current_password": "not my password", "new_password": NEW_PASSWORD}
    )
    assert response.status_code == 422
    assert response.json()["field"] == "current_password"


async def test_new_password_follows_the_policy(client):
    member = await join(client, "willow")
    response = await member.post(
        "/api/v1/me/password", json={"current_password": PASSWORD, "new_password": "password1"}
    )
    assert response.status_code == 422
    assert response.json()["field"] == "new_password"


async def test_recovery_code_sets_a_new_password_and_is_replaced(client):
    member = await join(client, "willow")
    response = await client.post(
        "/api/v1/auth/recover",
        json={"pseudonym": "willow", "recovery_code": member.recovery_code, "new_password": NEW_PASSWORD},
    )
    assert response.status_code == 200
    new_code = response.json()["recovery_code"]
    assert new_code != member.recovery_code
    assert (await member.get("/api/v1/me")).status_code == 401  # every session ended
    signed = await client.post("/api/v1/auth/sign-in", json={"pseudonym": "willow", "password": NEW_PASSWORD})
    assert signed.status_code == 200
    reused = await client.post(
        "/api/v1/auth/recover",
        json={
            "pseudonym": "willow",
            "recovery_code": member.recovery_code,
            "new_password": "yet another phrase",
        },
    )
    assert reused.status_code == 401


async def test_recovery_code_is_forgiving_about_case_and_dashes(client):
    member = await join(client, "willow")
    typed = member.recovery_code.replace("-", " ").lower()
    response = await client.post(
        "/api/v1/auth/recover",
        json={"pseudonym": "willow", "recovery_code": typed, "new_password": NEW_PASSWORD},
    )
    assert response.status_code == 200


async def test_wrong_recovery_code_is_refused(client):
    await join(client, "willow")
    response = await client.post(
        "/api/v1/auth/recover",
        json={
            "pseudonym": "willow",
            "recovery_code": "AAAAA-AAAAA-AAAAA-AAAAA",
            "new_password": NEW_PASSWORD,
        },
    )
    assert response.status_code == 401
    assert (
        await client.post("/api/v1/auth/sign-in", json={"pseudonym": "willow", "password": PASSWORD})
    ).status_code == 200

"""Joining: pseudonym rules, password policy, agreement to the rules, the recovery code."""

import pytest

from tests.conftest import PASSWORD, join

JOIN = "/api/v1/auth/join"


async def rules_version(client) -> int:
    return (await client.get("/api/v1/rules")).json()["version"]


async def test_join_returns_account_session_and_recovery_code(client):
    version = await rules_version(client)
    response = await client.post(
        JOIN, json={"pseudonym": "willow", "password": PASSWORD, "agreed_rules_version": version}
    )
    assert response.status_code == 201
    body = response.json()
    assert body["account"]["pseudonym"] == "willow"
    assert body["account"]["role"] == "member"
    assert body["account"]["rules_version_agreed"] == version
    assert len(body["recovery_code"].replace("-", "")) == 20
    assert body["token"] is None  # browsers get a cookie, never the token in the body
    assert body["csrf_token"]
    assert "alongside_session" in response.cookies


async def test_join_asks_for_no_email_or_real_name(client):
    version = await rules_version(client)
    response = await client.post(
        JOIN,
        json={"pseudonym": "willow", "password": PASSWORD, "agreed_rules_version": version, "email": "a@b.c"},
    )
    assert response.status_code == 422
    assert response.json()["field"] == "email"


async def test_session_cookie_is_httponly_and_samesite(client):
    version = await rules_version(client)
    response = await client.post(
        JOIN, json={"pseudonym": "willow", "password": PASSWORD, "agreed_rules_version": version}
    )
    cookies = response.headers.get_list("set-cookie")
    session_cookie = next(c for c in cookies if c.startswith("alongside_session="))
    assert "HttpOnly" in session_cookie
    assert "SameSite=lax" in session_cookie
    csrf_cookie = next(c for c in cookies if c.startswith("alongside_csrf="))
    assert "HttpOnly" not in csrf_cookie


async def test_join_without_agreeing_to_current_rules_is_refused(client):
    response = await client.post(
        JOIN, json={"pseudonym": "willow", "password": PASSWORD, "agreed_rules_version": 99}
    )
    assert response.status_code == 422
    assert response.json()["field"] == "agreed_rules_version"


@pytest.mark.parametrize("pseudonym", ["ab", "x" * 31, "two words", "at@sign", "emoji😀", "-dash"])
async def test_bad_pseudonyms_are_refused(client, pseudonym):
    version = await rules_version(client)
    response = await client.post(
        JOIN, json={"pseudonym": pseudonym, "password": PASSWORD, "agreed_rules_version": version}
    )
    assert response.status_code == 422
    assert response.json()["field"] == "pseudonym"


@pytest.mark.parametrize(
    "pseudonym", ["admin", "Moderator", "SUPPORT", "system", "staff", "Sam", "adm1n", "m0d"]
)
async def test_reserved_names_and_their_look_alikes_are_refused(client, pseudonym):
    version = await rules_version(client)
    response = await client.post(
        JOIN, json={"pseudonym": pseudonym, "password": PASSWORD, "agreed_rules_version": version}
    )
    assert response.status_code == 422, pseudonym
    assert response.json()["field"] == "pseudonym"


@pytest.mark.parametrize(
    ("existing", "look_alike"),
    [
        ("willow", "WILLOW"),
        ("willow", "wi11ow"),
        ("willow", "wiIlow"),
        ("willow", "w1llow"),
        ("cocoa", "\u0441\u043e\u0441\u043e\u0430"),  # all Cyrillic: с о с о а
    ],
)
async def test_look_alikes_of_existing_names_are_refused(client, existing, look_alike):
    await join(client, existing)
    version = await rules_version(client)
    response = await client.post(
        JOIN, json={"pseudonym": look_alike, "password": PASSWORD, "agreed_rules_version": version}
    )
    assert response.status_code == 422, look_alike
    assert "taken" in response.json()["message"]


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("short pw", "at least 10"),
        ("1234567890", "common"),
        ("qwertyuiop", "common"),
        ("willow-is-me", "pseudonym"),
    ],
)
async def test_weak_passwords_are_refused(client, password, reason):
    version = await rules_version(client)
    response = await client.post(
        JOIN, json={"pseudonym": "willow", "password": password, "agreed_rules_version": version}
    )
    assert response.status_code == 422
    assert response.json()["field"] == "password"
    assert reason in response.json()["message"]


async def test_password_has_no_composition_rules(client):
    member = await join(client, "willow", password="all lower case words")
    assert member.token


async def test_password_over_1024_characters_is_refused(client):
    version = await rules_version(client)
    response = await client.post(
        JOIN, json={"pseudonym": "willow", "password": "p" * 1025, "agreed_rules_version": version}
    )
    assert response.status_code == 422
    assert response.json()["field"] == "password"


async def test_passwords_and_recovery_codes_are_stored_as_argon2id(client, app):
    from sqlalchemy import select

    from app.accounts.models import Member as MemberRow

    member = await join(client, "willow")
    async with app.state.database.read_session() as session:
        row = await session.scalar(select(MemberRow).where(MemberRow.pseudonym == "willow"))
    assert row.password_hash.startswith("$argon2id$")
    assert row.recovery_code_hash.startswith("$argon2id$")
    assert member.password not in row.password_hash
    assert member.recovery_code.replace("-", "") not in row.recovery_code_hash


async def test_mixed_scripts_in_one_pseudonym_are_refused(client):
    version = await rules_version(client)
    mixed = "w\u0456llow"  # Cyrillic і among Latin letters
    response = await client.post(
        JOIN, json={"pseudonym": mixed, "password": PASSWORD, "agreed_rules_version": version}
    )
    assert response.status_code == 422
    assert "one alphabet" in response.json()["message"]


async def test_the_moderator_team_persona_name_is_refused(client, app):
    version = await rules_version(client)
    team = app.state.settings.team_name.replace(" ", "_")[:30]
    response = await client.post(
        JOIN, json={"pseudonym": team, "password": PASSWORD, "agreed_rules_version": version}
    )
    assert response.status_code == 422
    assert response.json()["field"] == "pseudonym"

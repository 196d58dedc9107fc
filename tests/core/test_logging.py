"""No password, token, recovery code or member text reaches the logs."""

import logging

from tests.conftest import PASSWORD, join


async def test_secrets_and_member_text_stay_out_of_logs(client, caplog):
    caplog.set_level(logging.DEBUG)
    ash = await join(client, "ash")
    await client.post(
        "/api/v1/auth/sign-in", json={"pseudonym": "ash", "password": "the wrong password here"}
    )
    await ash.write_post("my very private words")
    await ash.post(
        "/api/v1/posts", json={"kind": "saying_hello", "body": "bad \u0000 text with secret words"}
    )
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for secret in (
        PASSWORD,
        "the wrong password here",
        ash.token,
        ash.recovery_code,
        "private words",
        "secret words",
    ):
        assert secret not in logged


async def test_an_unexpected_error_logs_its_type_only(app, client, caplog, monkeypatch):
    from app.wall import repository

    async def broken(*_args, **_kwargs):
        raise RuntimeError("private words from a post")

    ash = await join(client, "ash")
    monkeypatch.setattr(repository, "wall", broken)
    # A kind filter: the newest page without one may come from memory, without this query.
    response = await ash.get("/api/v1/posts", params={"kind": "saying_hello"})
    assert response.status_code == 500
    assert response.json()["code"] == "internal_error"
    assert "RuntimeError" in caplog.text
    assert "private words" not in caplog.text

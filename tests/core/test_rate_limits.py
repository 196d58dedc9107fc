"""Rate limits at their real defaults: 429 with Retry-After, keyed on the member or the address."""

import pytest

from app.core.config import Settings
from tests.conftest import PASSWORD, join

DEFAULTS = {
    name: Settings.model_fields[name].default for name in Settings.model_fields if name.startswith("rate_")
}


@pytest.fixture
def settings_overrides():
    return DEFAULTS


async def test_defaults_are_the_documented_ones():
    assert DEFAULTS["rate_sign_in_per_member"] == "5/minute"
    assert DEFAULTS["rate_sign_in_per_address"] == "25/5 minutes"
    assert DEFAULTS["rate_join_per_address"] == "3/day"
    assert DEFAULTS["rate_post"] == "1/30 seconds"
    assert DEFAULTS["rate_report"] == "10/hour"


async def test_three_joins_per_address_per_day(client):
    for name in ("ash", "birch", "cedar"):
        await join(client, name)
    version = (await client.get("/api/v1/rules")).json()["version"]
    response = await client.post(
        "/api/v1/auth/join",
        json={"pseudonym": "daisy", "password": PASSWORD, "agreed_rules_version": version},
    )
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 3600
    assert response.json()["code"] == "rate_limited"


async def test_sign_in_five_per_minute_per_member(client):
    await join(client, "willow")
    for _ in range(5):
        wrong = await client.post(
            "/api/v1/auth/sign-in", json={"pseudonym": "willow", "password": "wrong password"}
        )
        assert wrong.status_code == 401
    blocked = await client.post("/api/v1/auth/sign-in", json={"pseudonym": "WILLOW", "password": PASSWORD})
    assert blocked.status_code == 429
    assert 0 < int(blocked.headers["Retry-After"]) <= 60


async def test_sign_in_limit_per_address_spans_pseudonyms(client):
    for n in range(25):
        await client.post(
            "/api/v1/auth/sign-in", json={"pseudonym": f"guess{n}", "password": "wrong password"}
        )
    response = await client.post(
        "/api/v1/auth/sign-in", json={"pseudonym": "another", "password": "wrong password"}
    )
    assert response.status_code == 429


async def test_one_post_per_30_seconds(client):
    ash = await join(client, "ash")
    birch = await join(client, "birch")
    await ash.write_post("first")
    second = await ash.post("/api/v1/posts", json={"kind": "saying_hello", "body": "second"})
    assert second.status_code == 429
    assert 0 < int(second.headers["Retry-After"]) <= 30
    await birch.write_post("others are keyed apart")
    assert len((await birch.get("/api/v1/posts")).json()["items"]) == 2


async def test_hearing_is_rate_limited(client, app):
    ash = await join(client, "ash")
    birch = await join(client, "birch")
    post = await ash.write_post("hello")
    limit = int(DEFAULTS["rate_hear"].split("/")[0])
    for n in range(limit):
        await birch.put(f"/api/v1/posts/{post['id']}/hear") if n % 2 == 0 else await birch.delete(
            f"/api/v1/posts/{post['id']}/hear"
        )
    assert (await birch.put(f"/api/v1/posts/{post['id']}/hear")).status_code == 429


async def test_reports_of_every_kind_share_one_limit_per_member(client):
    ash, birch, cedar = [await join(client, name) for name in ("ash", "birch", "cedar")]
    post = await ash.write_post("hello")
    sent = await ash.post("/api/v1/conversations", json={"pseudonym": "birch", "body": "Hi birch."})
    message_id = sent.json()["message"]["id"]
    note = {"note": "This upset me."}
    limit = int(DEFAULTS["rate_report"].split("/")[0])
    for _ in range(limit):
        assert (await birch.post(f"/api/v1/posts/{post['id']}/report", json=note)).status_code == 202
    for url in ("/api/v1/members/ash/report", f"/api/v1/messages/{message_id}/report"):
        refused = await birch.post(url, json=note)
        assert refused.status_code == 429 and refused.json()["code"] == "rate_limited"
        assert "reports" in refused.json()["message"]
        assert 0 < int(refused.headers["Retry-After"]) <= 3600
    assert (await cedar.post(f"/api/v1/posts/{post['id']}/report", json=note)).status_code == 202

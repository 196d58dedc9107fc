"""Bad input gets a clear error naming the field, never a 500, and nothing stored is lost."""

import pytest

POSTS = "/api/v1/posts"


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ("nul \u0000 inside", "text_control"),
        ("bell \u0007 inside", "text_control"),
        ("escape \u001b[31m", "text_control"),
    ],
)
async def test_forbidden_characters_answer_422_naming_the_field(members, body, code):
    response = await members["ash"].post(POSTS, json={"kind": "saying_hello", "body": body})
    assert response.status_code == 422
    assert response.json()["field"] == "body"
    assert response.json()["details"][0]["type"] == code


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (rb'{"kind":"saying_hello","body":"a\u0000b"}', "text_control"),
        (rb'{"kind":"saying_hello","body":"a\udc00b"}', "text_encoding"),
    ],
)
async def test_escaped_nul_and_lone_surrogate_in_json_are_refused(members, raw, code):
    response = await members["ash"].post(POSTS, content=raw, headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert response.json()["field"] == "body"
    assert response.json()["details"][0]["type"] == code


async def test_newlines_and_tabs_are_kept_and_text_is_nfc(members):
    ash = members["ash"]
    created = await ash.write_post("  line one\r\n\tline two  café  ")
    assert created["body"] == "line one\n\tline two  caf\u00e9"


async def test_unknown_fields_are_refused(members):
    response = await members["ash"].post(POSTS, json={"kind": "saying_hello", "body": "hi", "pinned": True})
    assert response.status_code == 422
    assert response.json()["field"] == "pinned"


async def test_malformed_json_is_422(members):
    response = await members["ash"].post(
        POSTS, content=b'{"kind": ', headers={"content-type": "application/json"}
    )
    assert response.status_code == 422


async def test_body_over_64_kib_is_413_and_stores_nothing(members):
    ash = members["ash"]
    response = await ash.post(POSTS, json={"kind": "saying_hello", "body": "x" * (65 * 1024)})
    assert response.status_code == 413
    assert response.json()["code"] == "payload_too_large"
    assert (await ash.get(POSTS)).json()["items"] == []


async def test_streamed_body_over_the_limit_is_413(members):
    ash = members["ash"]

    async def chunks():
        for _ in range(70):
            yield b"x" * 1024

    response = await ash.post(POSTS, content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413


@pytest.mark.parametrize("post_id", ["99999999999999999999", "-1", "0", "abc"])
async def test_ids_out_of_range_are_422_naming_the_field(members, post_id):
    response = await members["ash"].get(f"/api/v1/posts/{post_id}")
    assert response.status_code == 422
    assert response.json()["field"] == "post_id"


async def test_ids_in_range_that_do_not_exist_are_404(members):
    assert (await members["ash"].get(f"/api/v1/posts/{2**63 - 1}")).status_code == 404


async def test_unknown_route_is_a_json_404(client):
    response = await client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


async def test_failed_edit_keeps_the_stored_text(members):
    ash = members["ash"]
    post = await ash.write_post("Keep me")
    response = await ash.patch(f"/api/v1/posts/{post['id']}", json={"body": "bad \u0000"})
    assert response.status_code == 422
    assert (await ash.get(f"/api/v1/posts/{post['id']}")).json()["post"]["body"] == "Keep me"


async def test_a_body_that_is_not_utf8_is_422_naming_the_body(members):
    response = await members["ash"].post(POSTS, content=b"\xff", headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert response.json()["field"] == "body"


async def test_malformed_json_names_the_body_not_an_offset(members):
    response = await members["ash"].post(
        POSTS, content=b'{"kind": ', headers={"content-type": "application/json"}
    )
    assert response.json()["field"] == "body"

"""The frontend is served at / with its security headers, while the API's own answers stay as they were."""

import pytest

from app.web import CONTENT_SECURITY_POLICY

PAGES = ["/", "/wall", "/posts/12", "/members/ash", "/settings"]


@pytest.mark.parametrize("path", PAGES)
async def test_every_client_side_path_is_the_page_with_a_strict_policy(client, path):
    response = await client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert '<script type="module" src="/assets/js/main.js"></script>' in response.text
    policy = response.headers["content-security-policy"]
    assert policy == CONTENT_SECURITY_POLICY
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy and "connect-src 'self'" in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert "strict-transport-security" not in response.headers  # plain HTTP in tests


async def test_assets_carry_the_headers_and_their_own_types(client):
    script = await client.get("/assets/js/main.js")
    assert script.status_code == 200
    assert script.headers["content-type"].startswith("text/javascript")
    assert script.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    style = await client.get("/assets/app.css")
    assert style.headers["content-type"].startswith("text/css")


async def test_a_missing_file_is_a_404_not_the_page(client):
    for path in ("/assets/nothing.js", "/favicon.ico", "/robots.txt"):
        response = await client.get(path)
        assert response.status_code == 404, path
        assert response.json()["code"] == "not_found"


async def test_unknown_api_paths_and_methods_answer_as_the_api_always_did(client):
    missing = await client.get("/api/v1/nothing-here")
    assert missing.status_code == 404
    assert missing.json() == {"code": "not_found", "message": "Not Found"}
    assert (await client.post("/api/v1/nothing-here")).status_code == 404
    wrong_method = await client.put("/api/v1/posts")
    assert wrong_method.status_code == 405
    assert (await client.get("/api")).status_code == 404


async def test_head_of_a_page_answers_like_get(client):
    response = await client.head("/wall")
    assert response.status_code == 200
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY


@pytest.mark.parametrize("settings_overrides", [{"cookie_secure": True}])
async def test_behind_https_pages_ask_browsers_to_stay_on_https(client, settings_overrides):
    response = await client.get("/")
    assert response.headers["strict-transport-security"].startswith("max-age=")


async def test_the_api_docs_are_not_bound_by_the_pages_policy(client):
    docs = await client.get("/docs")
    assert docs.status_code == 200
    assert "content-security-policy" not in docs.headers

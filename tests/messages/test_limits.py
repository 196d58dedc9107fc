"""A new member's first day, and the rate limit on messages."""

from datetime import timedelta

import pytest

from app.core.db import utcnow
from tests.messages.conftest import API, set_joined, started, write


@pytest.fixture
def settings_overrides():
    return {"new_member_message_hours": 24, "rate_message": "3/minute"}


async def test_a_member_in_their_first_day_cannot_start_a_conversation(members):
    response = await write(members["ash"], "birch")
    assert response.status_code == 403 and response.json()["code"] == "too_new_to_start"


async def test_a_member_in_their_first_day_can_answer_one(app, members):
    await set_joined(app, members["birch"], utcnow() - timedelta(hours=25))
    cid = (await started(members["birch"], "ash"))["conversation"]["id"]
    response = await members["ash"].post(f"{API}/conversations/{cid}/messages", json={"body": "Thank you!"})
    assert response.status_code == 201, response.text


async def test_messages_are_rate_limited(app, members):
    await set_joined(app, members["ash"], utcnow() - timedelta(days=2))
    statuses = [(await write(members["ash"], "birch", f"Message {n}.")).status_code for n in range(4)]
    assert statuses == [201, 201, 201, 429]

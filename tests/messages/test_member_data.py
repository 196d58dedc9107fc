"""Messages in a member's export and erasure, the house rules agreement before writing, and members on a
break left out of the new members view."""

from sqlalchemy import update

from app.accounts.models import Member as MemberRow
from tests.conftest import PASSWORD
from tests.messages.conftest import conversations, started

API = "/api/v1"


async def test_the_export_holds_their_conversations_with_pseudonyms_and_their_welcomes(members):
    ash, birch = members["ash"], members["birch"]
    conversation = await started(ash, "birch", "ash writing to birch")
    await birch.post(
        f"{API}/conversations/{conversation['conversation']['id']}/messages", json={"body": "birch answering"}
    )
    assert (await birch.post(f"{API}/members/cedar/welcome", json={})).status_code == 201
    document = (await ash.post(f"{API}/me/export", json={"current_password": PASSWORD})).json()
    [with_birch] = [c for c in document["conversations"] if c["kind"] == "members"]
    assert with_birch["with"] == "birch"
    assert [(m["from"], m["text"]) for m in with_birch["messages"]] == [
        ("me", "ash writing to birch"),
        ("birch", "birch answering"),
    ]
    birch_document = (await birch.post(f"{API}/me/export", json={"current_password": PASSWORD})).json()
    assert [w["to"] for w in birch_document["welcomes_and_messaging"]["welcomes_given"]] == ["cedar"]


async def test_erasure_deletes_their_messages_and_leaves_the_other_members_own(members):
    ash, birch = members["ash"], members["birch"]
    conversation = await started(ash, "birch", "ash's words to forget")
    await birch.post(
        f"{API}/conversations/{conversation['conversation']['id']}/messages",
        json={"body": "birch's own words"},
    )
    erased = await ash.post(f"{API}/me/erase", json={"current_password": PASSWORD, "confirm": True})
    assert erased.status_code == 204, erased.text
    [left] = await conversations(birch)
    messages = (await birch.get(f"{API}/conversations/{left['id']}/messages")).json()["items"]
    assert [m["body"] for m in messages] == ["birch's own words"]


async def test_members_on_a_break_leave_the_new_members_view(members):
    ash, birch = members["ash"], members["birch"]
    before = (await ash.get(f"{API}/members/new")).json()["items"]
    assert "birch" in [m["member"]["pseudonym"] for m in before]
    assert (await birch.put(f"{API}/me/break", json={})).status_code in (200, 204)
    after = (await ash.get(f"{API}/members/new")).json()["items"]
    assert "birch" not in [m["member"]["pseudonym"] for m in after]


async def test_a_member_who_has_not_agreed_to_the_current_rules_cannot_send_messages(app, members):
    async with app.state.database.transaction() as session:
        await session.execute(
            update(MemberRow).where(MemberRow.pseudonym == "ash").values(rules_version_agreed=0)
        )
    refused = await members["ash"].post(f"{API}/conversations", json={"pseudonym": "birch", "body": "Hello"})
    assert refused.status_code == 403 and refused.json()["code"] == "rules_agreement_required"

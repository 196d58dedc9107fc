"""The moderator team inbox: members write to the team, any moderator answers as the persona, appeals
and their outcomes appear there, and every member is welcomed there on joining."""

from sqlalchemy import select

from app.moderation import settings
from app.moderation.models import Sanction
from app.moderation.settings import TeamSettings
from tests.messages.conftest import API, audit_actions


async def to_team(member, body: str = "I'd like to talk about my post.") -> dict:
    response = await member.post(f"{API}/me/team-conversation/messages", json={"body": body})
    assert response.status_code == 201, response.text
    return response.json()


async def inbox(moderator) -> list[dict]:
    response = await moderator.get(f"{API}/moderation/inbox")
    assert response.status_code == 200, response.text
    return response.json()["items"]


async def test_joining_brings_the_team_welcome_from_the_persona(members):
    mine = (await members["ash"].get(f"{API}/me/team-conversation")).json()
    [welcome] = mine["messages"]["items"]
    assert welcome["kind"] == "team_welcome" and welcome["author"] == mine["team"]
    assert "house rules" in welcome["body"] and mine["unread_count"] == 1


async def test_administrators_edit_the_welcome(app, client, team):
    async with app.state.database.transaction() as session:
        await settings.save(
            session,
            key="welcome",
            value=settings.WelcomeSettings(message="Hi, read the rules."),
            actor_id=None,
        )
    from tests.conftest import join

    newcomer = await join(client, "fern")
    [welcome] = (await newcomer.get(f"{API}/me/team-conversation")).json()["messages"]["items"]
    assert welcome["body"] == "Hi, read the rules."


async def test_a_member_writing_puts_their_conversation_first_in_the_inbox(team):
    await to_team(team["birch"])
    await to_team(team["ash"])
    entries = await inbox(team["mod"])
    assert [e["member"]["pseudonym"] for e in entries[:2]] == ["ash", "birch"]
    assert entries[0]["awaiting_team"] is True and entries[0]["unread_count"] == 1


async def test_answered_conversations_come_after_unanswered_ones(team):
    await to_team(team["ash"])
    await to_team(team["birch"])
    birch = next(e for e in await inbox(team["mod"]) if e["member"]["pseudonym"] == "birch")
    await team["mod"].post(f"{API}/moderation/inbox/{birch['id']}/messages", json={"body": "We're here."})
    awaiting = [e["member"]["pseudonym"] for e in await inbox(team["mod"]) if e["awaiting_team"]]
    order = [e["member"]["pseudonym"] for e in await inbox(team["mod"])]
    assert awaiting == ["ash"] and order.index("ash") < order.index("birch")


async def test_any_moderator_can_answer_and_the_member_sees_the_persona(team):
    await to_team(team["ash"])
    [entry] = [e for e in await inbox(team["mod2"]) if e["member"]["pseudonym"] == "ash"]
    response = await team["mod2"].post(
        f"{API}/moderation/inbox/{entry['id']}/messages", json={"body": "Hello."}
    )
    assert response.status_code == 201 and response.json()["author"] == "holly"
    mine = (await team["ash"].get(f"{API}/me/team-conversation")).json()
    assert mine["messages"]["items"][0]["author"] == mine["team"] != "holly"


async def test_the_team_can_sign_with_own_names(app, team):
    async with app.state.database.transaction() as session:
        await settings.save(session, key="team", value=TeamSettings(sign_with_own_name=True), actor_id=None)
    await team["mod"].post(f"{API}/moderation/members/ash/conversation", json={"body": "Checking in."})
    mine = (await team["ash"].get(f"{API}/me/team-conversation")).json()
    assert mine["messages"]["items"][0]["author"] == "rowan"


async def test_a_moderator_can_start_a_conversation_from_the_team(team):
    response = await team["mod"].post(
        f"{API}/moderation/members/birch/conversation", json={"body": "How are you?"}
    )
    assert response.status_code == 201
    mine = (await team["birch"].get(f"{API}/me/team-conversation")).json()
    assert mine["messages"]["items"][0]["body"] == "How are you?"


async def test_a_team_message_is_audited_without_its_words(app, team):
    await team["mod"].post(f"{API}/moderation/members/birch/conversation", json={"body": "How are you?"})
    assert "team.message_sent" in await audit_actions(app)


async def test_members_cannot_read_the_inbox(team):
    assert (await team["ash"].get(f"{API}/moderation/inbox")).status_code == 403


async def test_marking_read_is_shared_by_the_team(team):
    await to_team(team["ash"])
    [entry] = [e for e in await inbox(team["mod"]) if e["member"]["pseudonym"] == "ash"]
    assert (await team["mod"].post(f"{API}/moderation/inbox/{entry['id']}/read", json={})).status_code == 204
    [entry] = [e for e in await inbox(team["mod2"]) if e["member"]["pseudonym"] == "ash"]
    assert entry["unread_count"] == 0


async def test_an_appeal_and_its_outcome_appear_in_the_inbox(app, team):
    rule_id = (await team["mod"].get(f"{API}/rules")).json()["rules"][0]["id"]
    warned = await team["mod"].post(
        f"{API}/moderation/members/ash/sanctions",
        json={"kind": "warning", "rule_id": rule_id, "message": "Kind words."},
    )
    appeal = await team["ash"].post(
        f"{API}/me/appeals", json={"sanction_id": warned.json()["id"], "text": "It was a joke."}
    )
    assert appeal.status_code == 201, appeal.text
    [entry] = [e for e in await inbox(team["mod2"]) if e["member"]["pseudonym"] == "ash"]
    assert entry["last_message"]["kind"] == "appeal" and entry["last_message"]["body"] == "It was a joke."
    decided = await team["mod2"].post(
        f"{API}/moderation/appeals/{appeal.json()['id']}/decision",
        json={"outcome": "refused", "response": "It stands."},
    )
    assert decided.status_code == 200, decided.text
    newest = (await team["ash"].get(f"{API}/me/team-conversation")).json()["messages"]["items"][0]
    assert newest["kind"] == "appeal_decided" and "It stands." in newest["body"]
    async with app.state.database.read_session() as session:
        assert await session.scalar(select(Sanction.id)) is not None


async def test_the_waiting_total_counts_conversations_beyond_the_first_page(team):
    for name in ("ash", "birch", "cedar"):
        await to_team(team[name])
    page = (await team["mod"].get(f"{API}/moderation/inbox", params={"limit": 1})).json()
    assert len(page["items"]) == 1 and page["next_cursor"] is not None
    # Everyone's welcome is in the inbox too; only the three the team has not answered wait.
    assert page["awaiting_team_total"] == 3


async def test_answering_a_member_lowers_the_waiting_total_by_one(team):
    written = await to_team(team["ash"])
    await to_team(team["birch"])
    before = (await team["mod"].get(f"{API}/moderation/inbox", params={"limit": 1})).json()
    assert before["awaiting_team_total"] == 2
    response = await team["mod"].post(
        f"{API}/moderation/inbox/{written['conversation_id']}/messages", json={"body": "We're here."}
    )
    assert response.status_code == 201, response.text
    page = (await team["mod"].get(f"{API}/moderation/inbox", params={"limit": 1})).json()
    assert page["awaiting_team_total"] == 1

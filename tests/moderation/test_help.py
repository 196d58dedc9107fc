"""Crisis help is there for anyone, signed in or not, as administrators wrote it."""

from app.moderation.settings import Signpost
from app.moderation.settings_admin import signpost_link

API = "/api/v1"


async def test_anyone_gets_the_uk_signposts_without_signing_in(client):
    response = await client.get(f"{API}/help")
    assert response.status_code == 200
    links = {item["name"]: item["link"] for item in response.json()["items"]}
    assert links["Samaritans"] == {"label": "Call 116 123", "href": "tel:116123"}
    assert links["Shout"] == {"label": "Text SHOUT to 85258", "href": "sms:85258?body=SHOUT"}
    assert links["NHS 111"]["href"] == "tel:111"
    assert links["Emergency services"]["href"] == "tel:999"


async def test_help_shows_what_administrators_wrote(client, admin):
    signposts = {
        "intro": "You are not alone.",
        "items": [
            {"name": "Local line", "description": "Night help.", "contact": "0800 123 456", "how": "call"}
        ],
    }
    assert (await admin.put(f"{API}/admin/settings/signposts", json=signposts)).status_code == 200
    help = (await client.get(f"{API}/help")).json()
    assert help["intro"] == "You are not alone."
    assert [(i["name"], i["link"]["href"]) for i in help["items"]] == [("Local line", "tel:0800123456")]


async def test_signposts_need_at_least_one_item(admin):
    response = await admin.put(f"{API}/admin/settings/signposts", json={"items": []})
    assert response.status_code == 422
    assert response.json()["field"] == "items"


def test_a_contact_that_cannot_be_dialled_has_no_link():
    signpost = Signpost(name="Chat", description="Online.", contact="Search for Chat", how="call")
    assert signpost_link(signpost) is None


def test_a_web_signpost_links_only_to_https():
    safe = Signpost(name="Mind", description="Info.", contact="https://www.mind.org.uk", how="web")
    unsafe = Signpost(name="Mind", description="Info.", contact="javascript:alert(1)", how="web")
    assert signpost_link(safe) == ("Visit Mind", "https://www.mind.org.uk")
    assert signpost_link(unsafe) is None

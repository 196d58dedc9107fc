"""Opening sockets: many handshakes share one read, and each gets its own member's viewer."""

import asyncio

from app.accounts.models import Member as MemberRow
from app.realtime.handshake import Handshakes
from app.realtime.viewer import load_viewers
from tests.conftest import join

NAMES = (
    "alder aspen beech cherry elm fir hazel holly juniper larch lime maple oak olive pine poplar rowan "
    "spruce sycamore walnut willow yew acacia baobab cypress ebony hawthorn laurel magnolia myrtle"
).split()


class CountedReads:
    """The app's database, counting the reads made through it here only (the app's own hub reads the
    shared database on its own schedule, and must not count)."""

    def __init__(self, database):
        self._database = database
        self.reads = 0

    def read_session(self):
        self.reads += 1
        return self._database.read_session()


async def _ids(app, *pseudonyms: str) -> list[int]:
    from sqlalchemy import select

    async with app.state.database.read_session() as session:
        rows = dict((await session.execute(select(MemberRow.pseudonym, MemberRow.id))).all())
    return [rows[p] for p in pseudonyms]


async def test_handshakes_arriving_together_share_one_read(app, client):
    members = [await join(client, name) for name in NAMES]
    database = CountedReads(app.state.database)
    handshakes = Handshakes(database, app.state.settings)  # type: ignore[arg-type]
    opened = await asyncio.gather(*(handshakes.open(m.token) for m in members))
    assert database.reads == 1
    assert [viewer.member_id for _session_id, viewer in opened] == await _ids(
        app, *(m.pseudonym for m in members)
    )
    assert len({session_id for session_id, _viewer in opened}) == 30


async def test_unknown_and_ended_sessions_open_nothing(app, client, members):
    ash = members["ash"]
    handshakes = Handshakes(app.state.database, app.state.settings)
    assert (await handshakes.open(members["birch"].token)) is not None
    assert (await handshakes.open("not-a-token")) is None
    assert (await ash.post("/api/v1/auth/sign-out")).status_code == 204
    assert (await handshakes.open(ash.token)) is None


async def test_viewers_loaded_together_keep_mutes_one_way_and_blocks_both_ways(app, members):
    ash, cedar = members["ash"], members["cedar"]
    assert (await ash.put("/api/v1/members/birch/mute")).status_code == 204
    assert (await cedar.put("/api/v1/members/ash/block")).status_code == 204
    ash_id, birch_id, cedar_id = await _ids(app, "ash", "birch", "cedar")
    async with app.state.database.read_session() as session:
        viewers = await load_viewers(session, [ash_id, birch_id, cedar_id])
    assert viewers[ash_id].excluded_members == {birch_id, cedar_id}
    assert viewers[birch_id].excluded_members == set()  # muted by ash, still reads ash
    assert viewers[cedar_id].excluded_members == {ash_id}

"""The Redis broadcaster: deployments sharing one Redis under different namespaces never hear each other."""

import asyncio

from app.realtime.broadcaster import RedisBroadcaster
from app.realtime.events import StreamEvent
from tests.core.test_redis_rate_limits import redis_url  # noqa: F401 - the fixture


def _event(event_id: int) -> StreamEvent:
    return StreamEvent.build(event_id, "post.heard", "wall", 1, 2, 1, '{"post_id":2,"heard_count":1}')


async def test_namespaces_keep_deployments_apart(redis_url):  # noqa: F811
    heard: dict[str, list[int]] = {"ours": [], "same": [], "other": []}
    ours = RedisBroadcaster(redis_url, namespace="alongside-a")
    same = RedisBroadcaster(redis_url, namespace="alongside-a")
    other = RedisBroadcaster(redis_url, namespace="alongside-b")
    for name, broadcaster in (("ours", ours), ("same", same), ("other", other)):
        broadcaster.add_listener(lambda batch, name=name: heard[name].extend(e.id for e in batch))
        await broadcaster.start()
    try:
        await asyncio.wait_for(asyncio.gather(*(b.connected.wait() for b in (ours, same, other))), timeout=5)
        await ours.publish([_event(7)])
        for _ in range(100):
            if heard["same"]:
                break
            await asyncio.sleep(0.02)
        await asyncio.sleep(0.2)  # time enough for a stray message to arrive, if one were coming
    finally:
        for broadcaster in (ours, same, other):
            await broadcaster.stop()
    # The publisher hears its own event at once and again through Redis (the hub drops the repeat by id).
    assert heard == {"ours": [7, 7], "same": [7], "other": []}

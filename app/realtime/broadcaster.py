"""The broadcaster hands committed events to every worker: memory:// in one process, redis:// across many.

The database stays the source of truth: a worker that sees a gap in the ids, or misses a message while
Redis is away, reads what it lacks from the event table, so a lost message costs time, never an event.
"""

import asyncio
import contextlib
import json
import logging
from collections.abc import Callable

from redis.asyncio import Redis
from redis.exceptions import RedisError

from app.realtime.events import StreamEvent

log = logging.getLogger("alongside.broadcaster")
Listener = Callable[[list[StreamEvent]], None]


class Broadcaster:
    """Delivers event ids to this process's listener, and to every other worker's."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def add_listener(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def _deliver(self, events: list[StreamEvent]) -> None:
        for listener in self._listeners:
            listener(events)

    @property
    def hearing(self) -> int | None:
        """None while events from other workers may not reach this one as they commit (only by polling);
        else a number that changes whenever some may have been missed, so caches kept by events restart."""
        return 0

    async def start(self) -> None:
        """Begin receiving from other workers."""

    async def stop(self) -> None:
        """Stop receiving."""

    async def publish(self, events: list[StreamEvent]) -> None:
        self._deliver(events)


class RedisBroadcaster(Broadcaster):
    """Publishes through Redis pub/sub and keeps a subscriber that reconnects on its own."""

    def __init__(self, url: str, *, namespace: str, retry_seconds: float = 0.5):
        super().__init__()
        self._url = url
        self._channel = f"{namespace}:events"
        self._retry = retry_seconds
        self._redis = Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)
        self._task: asyncio.Task[None] | None = None
        self._subscriptions = 0
        self.connected = asyncio.Event()

    @property
    def hearing(self) -> int | None:
        return self._subscriptions if self.connected.is_set() else None

    async def start(self) -> None:
        self._task = asyncio.create_task(self._subscribe_forever(), name="redis-broadcaster")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        await self._redis.aclose()

    async def publish(self, events: list[StreamEvent]) -> None:
        # This worker's own sockets never wait on Redis.
        self._deliver(events)
        try:
            await self._redis.publish(self._channel, json.dumps([e.to_wire() for e in events]))
        except (RedisError, OSError):
            log.warning(
                "could not publish to Redis; other workers will read event %s from the database", events[0].id
            )

    async def _subscribe_forever(self) -> None:
        while True:
            subscriber = Redis.from_url(self._url, socket_connect_timeout=2, health_check_interval=10)
            try:
                async with subscriber.pubsub() as pubsub:
                    await pubsub.subscribe(self._channel)
                    self._subscriptions += 1
                    self.connected.set()
                    async for message in pubsub.listen():
                        if message["type"] == "message":
                            self._deliver(
                                [StreamEvent.from_wire(fields) for fields in json.loads(message["data"])]
                            )
            except (RedisError, OSError, ValueError):
                if self.connected.is_set():
                    log.warning("lost the Redis subscription; retrying")
                self.connected.clear()
                await asyncio.sleep(self._retry)
            finally:
                await subscriber.aclose()


def make_broadcaster(redis_url: str | None, *, namespace: str) -> Broadcaster:
    return RedisBroadcaster(redis_url, namespace=namespace) if redis_url else Broadcaster()

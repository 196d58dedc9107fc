"""The Redis hop's floor: one process publishing through Redis to another, with no service around them.

Both processes use the same client library as the service (redis-py) and sit on the server core, as the
two workers do in bench.redis_hop, which runs this in the same run. Each message carries its sending time
and about as many bytes as a post's event; they go out one at a time, apart, as the posts do, so each
finds the subscriber idle. `python3 -m bench.redis_alone subscribe|publish REDIS_URL CHANNEL COUNT` is
the form bench.redis_hop starts them in.
"""

import asyncio
import json
import secrets
import sys
import time

from redis.asyncio import Redis

from bench.common import ROOT, pinned

_PADDING = "x" * 500  # a post's event is about this long on the wire
_GAP_SECONDS = 0.05


async def _subscribe(redis_url: str, channel: str, count: int) -> None:
    redis = Redis.from_url(redis_url)
    latencies: list[float] = []
    async with redis.pubsub() as pubsub:
        await pubsub.subscribe(channel)
        print("ready", flush=True)
        async for message in pubsub.listen():
            if message["type"] == "message":
                latencies.append((time.time() - json.loads(message["data"])["t"]) * 1000)
                if len(latencies) == count:
                    break
    await redis.aclose()
    print(json.dumps(latencies), flush=True)


async def _publish(redis_url: str, channel: str, count: int) -> None:
    redis = Redis.from_url(redis_url)
    await redis.ping()
    for _ in range(count):
        await redis.publish(channel, json.dumps({"t": time.time(), "padding": _PADDING}))
        await asyncio.sleep(_GAP_SECONDS)
    await redis.aclose()


async def latencies_ms(redis_url: str, count: int) -> list[float]:
    """Each message's time from before its publishing to after its receipt, in ms."""
    channel = f"alongside-bench-{secrets.token_hex(4)}"

    def command(role: str) -> list[str]:
        return pinned([sys.executable, "-m", "bench.redis_alone", role, redis_url, channel, str(count)])

    subscriber = await asyncio.create_subprocess_exec(
        *command("subscribe"), cwd=ROOT, stdout=asyncio.subprocess.PIPE
    )
    try:
        assert subscriber.stdout is not None
        ready = await asyncio.wait_for(subscriber.stdout.readline(), timeout=10)
        if ready.strip() != b"ready":
            raise RuntimeError("the subscriber did not start")
        publisher = await asyncio.create_subprocess_exec(*command("publish"), cwd=ROOT)
        if await publisher.wait() != 0:
            raise RuntimeError("the publisher failed")
        report = await asyncio.wait_for(subscriber.stdout.readline(), timeout=10)
        return json.loads(report)
    finally:
        if subscriber.returncode is None:
            subscriber.kill()
        await subscriber.wait()


if __name__ == "__main__":
    role, url, channel_name, how_many = sys.argv[1:5]
    asyncio.run((_subscribe if role == "subscribe" else _publish)(url, channel_name, int(how_many)))

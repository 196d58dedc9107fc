"""Two real server processes behind one Redis: cross-worker delivery, revocation, and losing Redis.

Redis is reached through a small TCP proxy in the test, so the test can cut it off and bring it back.
"""

import asyncio
import contextlib
import os
import secrets
import subprocess
import sys
from collections.abc import AsyncIterator

import httpx
import pytest
from redis.asyncio import Redis
from websockets.exceptions import ConnectionClosed

from tests.conftest import Member, empty_tables, join
from tests.core.test_redis_rate_limits import REDIS_URL
from tests.realtime.conftest import frames_until_quiet, free_port, next_frame, stream

REDIS_HOST, REDIS_PORT = "127.0.0.1", int(REDIS_URL.rsplit(":", 1)[1].split("/")[0])


class RedisProxy:
    """Forwards TCP to Redis; `cut()` drops every connection and refuses new ones until `restore()`."""

    def __init__(self) -> None:
        self.port = free_port()
        self._server: asyncio.Server | None = None
        self._pipes: set[asyncio.Task[None]] = set()

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", self.port)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            upstream_reader, upstream_writer = await asyncio.open_connection(REDIS_HOST, REDIS_PORT)
        except OSError:
            writer.close()
            return
        for source, sink in ((reader, upstream_writer), (upstream_reader, writer)):
            task = asyncio.create_task(self._pipe(source, sink, (writer, upstream_writer)))
            self._pipes.add(task)
            task.add_done_callback(self._pipes.discard)

    @staticmethod
    async def _pipe(source, sink, both) -> None:
        try:
            while data := await source.read(65536):
                sink.write(data)
                await sink.drain()
        except (OSError, asyncio.CancelledError):
            pass
        finally:
            for writer in both:
                writer.close()

    async def cut(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None
        for task in list(self._pipes):
            task.cancel()
        await asyncio.gather(*self._pipes, return_exceptions=True)

    async def restore(self) -> None:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", self.port, reuse_address=True)


class Worker:
    def __init__(self, database_url: str, redis_url: str | None, poll_seconds: float, namespace: str):
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.ws_url = f"ws://127.0.0.1:{self.port}/api/v1/stream"
        env = (
            os.environ
            | {
                "ALONGSIDE_ENVIRONMENT": "test",
                "ALONGSIDE_SECRET_KEY": "test-secret-" + "x" * 40,
                "ALONGSIDE_DATABASE_URL": database_url,
                # Test runs sharing this Redis must not hear each other's events.
                "ALONGSIDE_REDIS_NAMESPACE": namespace,
                "ALONGSIDE_COOKIE_SECURE": "false",
                "ALONGSIDE_ARGON2_TIME_COST": "1",
                "ALONGSIDE_ARGON2_MEMORY_KIB": "1024",
                "ALONGSIDE_RATE_LIMIT_ENABLED": "false",
                "ALONGSIDE_STREAM_POLL_SECONDS": str(poll_seconds),
            }
            | ({"ALONGSIDE_REDIS_URL": redis_url} if redis_url else {})
        )
        self.process = subprocess.Popen(
            [sys.executable, "-m", "app", "serve", "--port", str(self.port)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,  # uvicorn's access log would go to stdout: what it says is read
        )

    async def wait_ready(self) -> None:
        async with httpx.AsyncClient(base_url=self.base_url) as client:
            for _ in range(300):
                if self.process.poll() is not None:
                    raise RuntimeError(self.process.stdout.read().decode())  # type: ignore[union-attr]
                with contextlib.suppress(httpx.HTTPError):
                    if (await client.get("/api/v1/rules")).status_code == 200:
                        return
                await asyncio.sleep(0.1)
        raise TimeoutError("worker did not start")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.fixture
async def redis_proxy() -> AsyncIterator[RedisProxy]:
    try:
        async with Redis.from_url(REDIS_URL, socket_connect_timeout=1) as redis:
            await redis.ping()
    except OSError:
        if os.environ.get("CI"):
            pytest.fail(f"Redis is not reachable at {REDIS_URL}, and CI must run these tests")
        pytest.skip(f"no Redis at {REDIS_URL} (set ALONGSIDE_TEST_REDIS_URL to run these)")
    proxy = RedisProxy()
    await proxy.start()
    yield proxy
    await proxy.cut()


async def _workers(test_database, proxy: RedisProxy, poll_seconds: float) -> list[Worker]:
    redis_url = f"redis://127.0.0.1:{proxy.port}/{REDIS_URL.rsplit('/', 1)[1]}"
    namespace = f"alongside-test-{secrets.token_hex(4)}"
    workers = [Worker(test_database.url, redis_url, poll_seconds, namespace) for _ in range(2)]
    await asyncio.gather(*(w.wait_ready() for w in workers))
    await asyncio.sleep(0.5)  # both subscribers are listening
    return workers


@pytest.fixture
async def workers(test_database, redis_proxy) -> AsyncIterator[list[Worker]]:
    # A long poll, so every cross-worker delivery here is Redis's doing.
    running = await _workers(test_database, redis_proxy, poll_seconds=60)
    yield running
    for worker in running:
        worker.stop()
    await empty_tables(test_database.url)


async def _members(worker: Worker, client: httpx.AsyncClient) -> tuple[Member, Member]:
    return await join(client, "ash"), await join(client, "birch")


async def test_a_post_through_one_worker_arrives_on_a_socket_held_by_the_other(workers):
    one, two = workers
    async with httpx.AsyncClient(base_url=one.base_url) as client:
        ash, birch = await _members(one, client)
        async with stream(two, birch) as socket:
            post = await ash.write_post("through worker one")
            frame = await next_frame(socket, wait=3)
    assert frame["type"] == "post.published"
    assert frame["data"]["post"]["id"] == post["id"]


async def test_signing_out_on_one_worker_closes_the_socket_on_the_other(workers):
    one, two = workers
    async with httpx.AsyncClient(base_url=one.base_url) as client:
        _ash, birch = await _members(one, client)
        async with stream(two, birch) as socket:
            # Birch's own join may reach worker two through Redis after the socket opened: let it arrive,
            # so the next thing this socket gets is the close.
            await frames_until_quiet(socket, quiet=0.3)
            started = asyncio.get_running_loop().time()
            await birch.post("/api/v1/auth/sign-out")
            with pytest.raises(ConnectionClosed) as closed:
                await asyncio.wait_for(socket.recv(), 1.0)
            elapsed = asyncio.get_running_loop().time() - started
    assert closed.value.rcvd.code == 1008
    assert elapsed < 1.0


async def test_losing_redis_keeps_each_worker_serving_and_nothing_is_lost(workers, redis_proxy):
    one, two = workers
    async with httpx.AsyncClient(base_url=one.base_url) as client:
        ash, birch = await _members(one, client)
        async with stream(one, birch) as near, stream(two, birch) as far:
            await redis_proxy.cut()
            during = await ash.write_post("while Redis is away")  # REST still works
            assert (await next_frame(near, wait=2))["data"]["post"]["id"] == during["id"]
            assert await frames_until_quiet(far, quiet=1.0) == []  # no cross-worker wake without Redis
            await redis_proxy.restore()
            await asyncio.sleep(1.5)  # the subscriber reconnects on its own
            after = await ash.write_post("Redis is back")
            caught_up = [await next_frame(far, wait=3) for _ in range(2)]
    # The wake after Redis returned also delivered what the far worker missed, in order.
    assert [f["data"]["post"]["id"] for f in caught_up] == [during["id"], after["id"]]


async def test_a_client_that_resumes_on_the_other_worker_loses_nothing(workers, redis_proxy):
    one, two = workers
    async with httpx.AsyncClient(base_url=one.base_url) as client:
        ash, birch = await _members(one, client)
        async with stream(one, birch) as socket:
            await ash.write_post("first")
            last_seen = (await next_frame(socket))["id"]
        await redis_proxy.cut()
        missed = [await ash.write_post(f"missed {n}") for n in range(2)]
        async with stream(two, birch, last_event_id=last_seen) as socket:
            replayed = [await next_frame(socket, wait=3) for _ in range(2)]
    assert [f["data"]["post"]["id"] for f in replayed] == [p["id"] for p in missed]


async def test_the_newest_wall_page_kept_by_one_worker_follows_changes_made_through_the_other(workers):
    one, two = workers
    async with (
        httpx.AsyncClient(base_url=one.base_url) as client,
        httpx.AsyncClient(base_url=two.base_url) as far,
    ):
        ash, birch = await _members(one, client)
        first = await ash.write_post("first")
        wall = f"{two.base_url}/api/v1/posts"
        assert [p["id"] for p in (await far.get(wall, headers=birch.headers)).json()["items"]] == [
            first["id"]
        ]

        second = await ash.write_post("second")
        await birch.put(f"/api/v1/posts/{first['id']}/hide")

        async def seen() -> list[int]:
            return [p["id"] for p in (await far.get(wall, headers=birch.headers)).json()["items"]]

        for _ in range(50):  # the Redis hop takes well under a millisecond; allow for a busy machine
            if await seen() == [second["id"]]:
                break
            await asyncio.sleep(0.02)
        assert await seen() == [second["id"]]


async def test_signing_out_on_one_worker_ends_the_session_the_other_kept(workers):
    one, two = workers
    async with httpx.AsyncClient(base_url=one.base_url) as client, httpx.AsyncClient() as far:
        _ash, birch = await _members(one, client)
        wall = f"{two.base_url}/api/v1/posts"
        for _ in range(2):  # the second read is answered from what worker two keeps
            assert (await far.get(wall, headers=birch.headers)).status_code == 200
        await birch.post("/api/v1/auth/sign-out")
        for _ in range(50):  # the Redis hop takes well under a millisecond; allow for a busy machine
            if (await far.get(wall, headers=birch.headers)).status_code == 401:
                break
            await asyncio.sleep(0.02)
        assert (await far.get(wall, headers=birch.headers)).status_code == 401


async def test_without_redis_the_other_worker_reads_the_newest_page_from_the_database(workers, redis_proxy):
    one, two = workers
    async with httpx.AsyncClient(base_url=one.base_url) as client, httpx.AsyncClient() as far:
        ash, birch = await _members(one, client)
        wall = f"{two.base_url}/api/v1/posts"
        for _ in range(2):  # kept by worker two
            assert (await far.get(wall, headers=birch.headers)).json()["items"] == []
        await redis_proxy.cut()
        await asyncio.sleep(0.3)  # the subscriber notices its connection is gone
        post = await ash.write_post("while Redis is away")
        seen = (await far.get(wall, headers=birch.headers)).json()["items"]
    assert [p["id"] for p in seen] == [post["id"]]

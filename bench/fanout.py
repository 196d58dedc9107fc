"""Fan-out: N members on real sockets, one post published, beside a bare `websockets` broadcast server.

    python3 -m bench.fanout                    # 1,000, 5,000 and 10,000 sockets, 3 runs each
    python3 -m bench.fanout --sizes 200 --runs 1

The server runs on core 0 and this load generator on core 1. Per size and target it reports: the time to
connect all N, server memory per idle socket, per-delivery latency from commit to receipt (p50/p99/max)
for one post (after one unmeasured post, five posts are published one at a time, and each figure is the
median of the five), and deliveries per second under a flood of posts; each figure is the median of the
runs, and each ratio the median of the runs' own ratios (the two servers take turns within a run).
"""

import argparse
import asyncio
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

import httpx
from websockets.asyncio.client import connect
from websockets.frames import Opcode
from websockets.uri import parse_uri
from websockets.utils import accept_key, generate_key

from bench.common import (
    bench_env,
    free_port,
    median,
    percentile,
    pin_self_to_client_core,
    pinned,
    rss_bytes,
    seed_members,
    start_app,
    stop,
    wait_http,
    wait_port,
)

PASSWORD = "a long benchmark phrase"
SINGLE_POSTS = 5  # posts published one at a time per run; each latency figure is their median


@dataclass
class Run:
    target: str
    sockets: int
    connect_seconds: float
    bytes_per_socket: float
    p50_ms: float
    p99_ms: float
    max_ms: float
    delivered: int
    flood_deliveries_per_second: float
    closed_early: int


class Receivers:
    """Every client's frames with their arrival times; parsing waits until the measuring is over."""

    def __init__(self) -> None:
        self.frames: list[tuple[float, bytes]] = []
        self.closed = 0  # sockets the server closed with a code other than 1000

    async def wait_for(self, count: int, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while len(self.frames) < count and time.monotonic() < deadline:
            await asyncio.sleep(0.01)


class Receiver(asyncio.Protocol):
    """One member's socket, read in transport callbacks by a minimal frame reader.

    The websockets library's asyncio client (a task per socket) and even its sans-I/O parser cost this
    load generator more per frame than the servers spend sending one, which made the load generator the
    limit of both; a server's frames are unmasked and these are small and unfragmented, so reading their
    headers is all it takes. The handshake uses the library's key helpers."""

    def __init__(self, url: str, headers: dict[str, str], receivers: Receivers):
        self._uri = parse_uri(url)
        self._headers = headers
        self._receivers = receivers
        self._key = generate_key()
        self._buffer = bytearray()
        self._transport: asyncio.Transport | None = None
        self._open = False
        self.opened: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self._transport = transport  # type: ignore[assignment]
        lines = [
            f"GET {self._uri.resource_name} HTTP/1.1",
            f"Host: {self._uri.host}:{self._uri.port}",
            "Upgrade: websocket",
            "Connection: Upgrade",
            f"Sec-WebSocket-Key: {self._key}",
            "Sec-WebSocket-Version: 13",
            *(f"{name}: {value}" for name, value in self._headers.items()),
        ]
        self._transport.write(("\r\n".join(lines) + "\r\n\r\n").encode())

    def data_received(self, data: bytes) -> None:
        self._buffer += data
        if not self._open and not self._handshake():
            return
        self._read_frames(time.time())

    def _handshake(self) -> bool:
        end = self._buffer.find(b"\r\n\r\n")
        if end < 0:
            return False
        head = bytes(self._buffer[:end]).decode("latin-1").split("\r\n")
        del self._buffer[: end + 4]
        fields = {
            name.strip().lower(): value.strip() for name, _, value in (h.partition(":") for h in head[1:])
        }
        if head[0].split(" ")[1] != "101" or fields.get("sec-websocket-accept") != accept_key(self._key):
            self.opened.set_exception(ConnectionError(f"handshake refused: {head[0]}"))
            self._transport.close()  # type: ignore[union-attr]
            return False
        self._open = True
        self.opened.set_result(None)
        return True

    def _read_frames(self, arrived: float) -> None:
        buffer, position, frames = self._buffer, 0, self._receivers.frames
        while len(buffer) - position >= 2:
            first, length = buffer[position], buffer[position + 1]
            assert first & 0x80 and not length & 0x80, "servers send whole, unmasked frames"
            header = 2
            if length == 126:
                header, length = 4, int.from_bytes(buffer[position + 2 : position + 4], "big")
            elif length == 127:
                header, length = 10, int.from_bytes(buffer[position + 2 : position + 10], "big")
            end = position + header + length
            if len(buffer) < end:
                break
            opcode, payload = first & 0x0F, bytes(buffer[position + header : end])
            position = end
            if opcode == Opcode.TEXT:
                frames.append((arrived, payload))
            elif opcode == Opcode.PING:
                self._send(Opcode.PONG, payload)
            elif opcode == Opcode.CLOSE:
                if int.from_bytes(payload[:2], "big") != 1000:
                    self._receivers.closed += 1
                self.close()
                return
        del buffer[:position]

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.opened.done():
            self.opened.set_exception(exc or ConnectionError("closed during the handshake"))

    def close(self) -> None:
        if self._transport is not None and not self._transport.is_closing():
            self._send(Opcode.CLOSE, (1000).to_bytes(2, "big"))
            self._transport.close()

    def _send(self, opcode: Opcode, payload: bytes) -> None:
        """A client's frame is masked (RFC 6455 5.3); these carry at most 125 bytes."""
        mask = os.urandom(4)
        masked = bytes(byte ^ mask[n % 4] for n, byte in enumerate(payload))
        self._transport.write(bytes([0x80 | opcode, 0x80 | len(payload)]) + mask + masked)  # type: ignore[union-attr]


async def connect_all(
    url: str, n: int, headers: list[dict[str, str]], receivers: Receivers
) -> list[Receiver]:
    loop = asyncio.get_running_loop()
    clients: list[Receiver] = []
    gate = asyncio.Semaphore(256)

    async def one(n: int) -> None:
        receiver = Receiver(url, headers[n % len(headers)], receivers)
        async with gate:
            await loop.create_connection(lambda: receiver, "127.0.0.1", parse_uri(url).port)
            await asyncio.wait_for(receiver.opened, timeout=120)
        clients.append(receiver)

    await asyncio.gather(*(one(i) for i in range(n)))
    return clients


def sent_at(target: str, message: bytes) -> float:
    frame = json.loads(message)
    if target == "bare":
        return frame["t"]
    return datetime.fromisoformat(frame["data"]["post"]["created_at"]).timestamp()


async def _app_members(base_url: str, database_url: str, readers: int) -> tuple[list[dict], dict[str, str]]:
    """Each socket is its own member with its own session; one more member writes the posts."""
    async with httpx.AsyncClient(base_url=base_url, timeout=30) as client:
        version = (await client.get("/api/v1/rules")).json()["version"]
        joined = await client.post(
            "/api/v1/auth/join",
            json={
                "pseudonym": "writer",
                "password": PASSWORD,
                "agreed_rules_version": version,
                "transport": "bearer",
            },
        )
        joined.raise_for_status()
    tokens = await seed_members(database_url, readers, rules_version=version)
    return [{"Authorization": f"Bearer {t}"} for t in tokens], {
        "Authorization": f"Bearer {joined.json()['token']}"
    }


async def _post_many(base_url: str, headers: dict[str, str], count: int) -> None:
    async with httpx.AsyncClient(base_url=base_url, headers=headers, timeout=60) as client:

        async def post(n: int) -> None:
            response = await client.post("/api/v1/posts", json={"kind": "saying_hello", "body": f"flood {n}"})
            response.raise_for_status()

        await asyncio.gather(*(post(n) for n in range(count)))


async def measure(target: str, n: int, flood_posts: int) -> Run:
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="alongside-bench-") as tmp:
        if target == "bare":
            process = subprocess.Popen(
                pinned([sys.executable, "-m", "bench.bare_server", "--port", str(port)]),
                cwd=Path(__file__).parent.parent,
            )
            await wait_port(port, process)
            url, headers, writer = f"ws://127.0.0.1:{port}/", [{}], None
        else:
            database_url = f"sqlite+aiosqlite:///{tmp}/bench.db"
            env = bench_env(database_url, ALONGSIDE_STREAM_QUEUE_SIZE="4096")
            process = start_app(port, env)
            await wait_http(f"http://127.0.0.1:{port}/api/v1/rules", process)
            headers, writer = await _app_members(f"http://127.0.0.1:{port}", database_url, n)
            url = f"ws://127.0.0.1:{port}/api/v1/stream"
        try:
            await asyncio.sleep(0.5)
            before = rss_bytes(process.pid)
            receivers = Receivers()
            started = time.perf_counter()
            clients = await connect_all(url, n, headers, receivers)
            connect_seconds = time.perf_counter() - started
            await asyncio.sleep(1.0)
            per_socket = (rss_bytes(process.pid) - before) / n

            control = (
                await connect(f"ws://127.0.0.1:{port}/control", compression=None)
                if target == "bare"
                else None
            )

            async def publish(count: int) -> None:
                if control is not None:
                    await control.send(f"publish {count}")
                else:
                    await _post_many(f"http://127.0.0.1:{port}", writer, count)  # type: ignore[arg-type]

            # One post first, not measured: the first of a process runs its paths cold.
            await publish(1)
            await receivers.wait_for(n, timeout=30)
            singles: list[list[float]] = []
            for _ in range(SINGLE_POSTS):
                receivers.frames.clear()
                await asyncio.sleep(0.2)
                await publish(1)
                await receivers.wait_for(n, timeout=30)
                singles.append(
                    [(arrived - sent_at(target, message)) * 1000 for arrived, message in receivers.frames]
                )
            receivers.frames.clear()
            await publish(flood_posts)
            await receivers.wait_for(n * flood_posts, timeout=120)
            flood = receivers.frames
            span = (flood[-1][0] - flood[0][0]) if len(flood) > 1 else float("nan")
            rate = len(flood) / span if span and span > 0 else float("nan")
            closed = receivers.closed
            if control is not None:
                await control.close()
            for client in clients:
                client.close()
        finally:
            stop(process)
    return Run(
        target=target,
        sockets=n,
        connect_seconds=round(connect_seconds, 3),
        bytes_per_socket=round(per_socket),
        p50_ms=round(median([percentile(one, 0.5) for one in singles]), 2),
        p99_ms=round(median([percentile(one, 0.99) for one in singles]), 2),
        max_ms=round(median([max(one, default=float("nan")) for one in singles]), 2),
        delivered=min(len(one) for one in singles),
        flood_deliveries_per_second=round(rate),
        closed_early=closed,
    )


def summarise(runs: list[Run]) -> dict[str, float]:
    fields = [
        "connect_seconds",
        "bytes_per_socket",
        "p50_ms",
        "p99_ms",
        "max_ms",
        "flood_deliveries_per_second",
    ]
    return {f: round(median([getattr(r, f) for r in runs]), 2) for f in fields} | {
        "delivered_min": min(r.delivered for r in runs),
        "closed_early_max": max(r.closed_early for r in runs),
    }


def _ratio(results: dict[str, list[Run]], field: str) -> float:
    """The median of each run's ratio: the service's figure over the bare server's measured beside it."""
    pairs = zip(results["bare"], results["alongside"], strict=True)
    return round(median([getattr(ours, field) / getattr(bare, field) for bare, ours in pairs]), 2)


async def main(sizes: list[int], runs: int, flood_deliveries: int) -> dict:
    pin_self_to_client_core()
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    report: dict = {"sizes": {}}
    for n in sizes:
        flood_posts = max(2, flood_deliveries // n)
        results: dict[str, list[Run]] = {"bare": [], "alongside": []}
        for _ in range(runs):
            for target in ("bare", "alongside"):  # alternate, so drift hits both alike
                results[target].append(await measure(target, n, flood_posts))
        bare, ours = summarise(results["bare"]), summarise(results["alongside"])
        report["sizes"][n] = {
            "bare": bare,
            "alongside": ours,
            "p99_ratio": _ratio(results, "p99_ms"),
            "throughput_share": _ratio(results, "flood_deliveries_per_second"),
            "runs": [asdict(r) for rs in results.values() for r in rs],
        }
        print(json.dumps({n: {k: v for k, v in report["sizes"][n].items() if k != "runs"}}), flush=True)
    return report


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--flood-deliveries", type=int, default=60000, help="deliveries asked for in the flood"
    )
    parser.add_argument("--json", type=Path, help="also write the full report here")
    arguments = parser.parse_args()
    result = asyncio.run(main(arguments.sizes, arguments.runs, arguments.flood_deliveries))
    if arguments.json:
        arguments.json.write_text(json.dumps(result, indent=2))

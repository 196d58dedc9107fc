"""A small HTTP/1.1 load generator: keep-alive connections sending prepared requests as fast as answered.

An HTTP client library spends more CPU per request than the servers measured here; this one writes
prepared bytes and reads each answer by its Content-Length, so the load generator is never the limit.
"""

import asyncio
import itertools
import time
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass
class Load:
    answered: int
    seconds: float
    latencies_ms: list[float]
    failures: int

    @property
    def per_second(self) -> float:
        return self.answered / self.seconds if self.seconds else 0.0

    @classmethod
    def joined(cls, loads: list["Load"]) -> "Load":
        """Loads of the same target measured in turns, as one."""
        return cls(
            sum(load.answered for load in loads),
            sum(load.seconds for load in loads),
            [latency for load in loads for latency in load.latencies_ms],
            sum(load.failures for load in loads),
        )


def request(method: str, path: str, headers: dict[str, str], body: bytes = b"") -> bytes:
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", *(f"{k}: {v}" for k, v in headers.items())]
    if body or method != "GET":
        lines += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


async def _answer(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    length = 0
    for line in head.split(b"\r\n"):
        if line[:15].lower() == b"content-length:":
            length = int(line[15:])
    return status, await reader.readexactly(length)


async def run(port: int, requests: Iterator[bytes], *, concurrency: int, seconds: float) -> Load:
    """Sends `requests` in turn over `concurrency` connections for `seconds`, or until they run out; 2xx
    answers count."""
    latencies: list[float] = []
    failures = 0
    deadline = time.perf_counter() + seconds

    async def connection() -> None:
        nonlocal failures
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            while time.perf_counter() < deadline:
                prepared = next(requests, None)
                if prepared is None:
                    return
                started = time.perf_counter()
                writer.write(prepared)
                status, _body = await _answer(reader)
                if 200 <= status < 300:
                    latencies.append((time.perf_counter() - started) * 1000)
                else:
                    failures += 1
        finally:
            writer.close()

    started = time.perf_counter()
    await asyncio.gather(*(connection() for _ in range(concurrency)))
    return Load(len(latencies), time.perf_counter() - started, latencies, failures)


async def fetch(port: int, raw: bytes) -> tuple[int, bytes]:
    """One request on its own connection: for checking answers before a run."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(raw)
        return await _answer(reader)
    finally:
        writer.close()


def rotating(prepared: list[bytes]) -> Iterator[bytes]:
    return itertools.cycle(prepared)

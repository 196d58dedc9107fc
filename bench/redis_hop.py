"""What the Redis hop adds to live delivery: posts made through worker A, delivered on A and on B.

    python3 -m bench.redis_hop                       # 100 sockets, 30 posts, 3 runs
    python3 -m bench.redis_hop --sockets 20 --posts 5 --runs 1

Two workers share one SQLite database and one Redis (redis://127.0.0.1:6379/15 unless --redis), pinned to
core 0 with this load generator on core 1. In each run the same N members first hold sockets on worker A
while posts are made through A (delivery within one worker), then hold them on worker B (every post
crosses Redis). Latency is from the post's creation to a frame's arrival; the hop is the difference of
the two medians in the same run, and the figures are medians of the runs. Each run also measures the
floor beneath the hop (bench.redis_alone): as many messages, through the same Redis, between two bare
processes on the same core.
"""

import argparse
import asyncio
import json
import secrets
import tempfile
from pathlib import Path
from typing import Any

from bench.common import (
    bench_env,
    free_port,
    median,
    percentile,
    pin_self_to_client_core,
    start_app,
    stop,
    wait_http,
)
from bench.fanout import Receivers, _app_members, _post_many, connect_all, sent_at
from bench.redis_alone import latencies_ms


async def _deliveries(ws_url: str, headers: list[dict], write: Any, posts: int) -> list[float]:
    """Latencies in ms of `posts` posts, one at a time, to every socket."""
    receivers = Receivers()
    clients = await connect_all(ws_url, len(headers), headers, receivers)
    await asyncio.sleep(0.5)
    for n in range(1, posts + 1):
        await write()
        await receivers.wait_for(n * len(headers), timeout=10)
        await asyncio.sleep(0.05)
    for client in clients:
        client.close()
    return [(arrived - sent_at("alongside", message)) * 1000 for arrived, message in receivers.frames]


async def one_run(sockets: int, posts: int, redis_url: str) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="alongside-hop-") as tmp:
        database_url = f"sqlite+aiosqlite:///{tmp}/hop.db"
        env = bench_env(
            database_url,
            ALONGSIDE_REDIS_URL=redis_url,
            ALONGSIDE_REDIS_NAMESPACE=f"alongside-bench-{secrets.token_hex(4)}",
            ALONGSIDE_STREAM_POLL_SECONDS="60",  # so every delivery on B is Redis's doing
        )
        ports = free_port(), free_port()
        workers = [start_app(port, env) for port in ports]
        try:
            for port, process in zip(ports, workers, strict=True):
                await wait_http(f"http://127.0.0.1:{port}/api/v1/rules", process)
            await asyncio.sleep(0.5)  # both subscribers are listening
            a, b = (f"http://127.0.0.1:{port}" for port in ports)
            headers, writer = await _app_members(a, database_url, sockets)

            async def write() -> None:
                await _post_many(a, writer, 1)

            within = await _deliveries(a.replace("http", "ws") + "/api/v1/stream", headers, write, posts)
            across = await _deliveries(b.replace("http", "ws") + "/api/v1/stream", headers, write, posts)
        finally:
            for process in workers:
                stop(process)
    alone = await latencies_ms(redis_url, posts)
    return {
        "within_p50_ms": round(percentile(within, 0.5), 3),
        "within_p99_ms": round(percentile(within, 0.99), 3),
        "across_p50_ms": round(percentile(across, 0.5), 3),
        "across_p99_ms": round(percentile(across, 0.99), 3),
        "hop_p50_ms": round(percentile(across, 0.5) - percentile(within, 0.5), 3),
        "redis_alone_p50_ms": round(percentile(alone, 0.5), 3),
        "delivered_within": len(within),
        "delivered_across": len(across),
        "expected": sockets * posts,
    }


async def main(sockets: int, posts: int, runs: int, redis_url: str) -> dict[str, Any]:
    pin_self_to_client_core()
    results = []
    for _ in range(runs):
        results.append(await one_run(sockets, posts, redis_url))
        print(json.dumps(results[-1]), flush=True)
    summary = {key: median([r[key] for r in results]) for key in results[0]}
    print(f"\n{sockets} sockets, {posts} posts, median of {runs} runs:")
    for label, key in (("within one worker", "within"), ("across Redis", "across")):
        print(f"  {label:<18} p50 {summary[key + '_p50_ms']:.2f} ms   p99 {summary[key + '_p99_ms']:.2f} ms")
    print(f"  the hop adds       p50 {summary['hop_p50_ms']:.2f} ms", flush=True)
    print(f"  Redis alone        p50 {summary['redis_alone_p50_ms']:.2f} ms (the floor)", flush=True)
    return {"summary": summary, "runs": results}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sockets", type=int, default=100)
    parser.add_argument("--posts", type=int, default=30)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/15")
    parser.add_argument("--json", type=Path, help="also write the full report here")
    arguments = parser.parse_args()
    report = asyncio.run(main(arguments.sockets, arguments.posts, arguments.runs, arguments.redis))
    if arguments.json:
        arguments.json.write_text(json.dumps(report, indent=2))

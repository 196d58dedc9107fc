"""The ceiling for fan-out: a bare `websockets` server that broadcasts to every client.

A control client sends "publish N"; the server broadcasts N frames carrying the send time.
"""

import argparse
import asyncio
import json
import time

from websockets.asyncio.server import ServerConnection, broadcast, serve

clients: set[ServerConnection] = set()


async def handler(websocket: ServerConnection) -> None:
    if websocket.request is not None and websocket.request.path == "/control":
        async for message in websocket:
            count = int(str(message).split()[1])
            for n in range(count):
                broadcast(clients, json.dumps({"t": time.time(), "n": n}))
                if n % 50 == 49:
                    await asyncio.sleep(0)  # let the frames go out, as a real server between requests
        return
    clients.add(websocket)
    try:
        await websocket.wait_closed()
    finally:
        clients.discard(websocket)


async def main(port: int) -> None:
    async with serve(handler, "127.0.0.1", port, compression=None, backlog=4096, max_queue=4):
        await asyncio.Future()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    asyncio.run(main(parser.parse_args().port))

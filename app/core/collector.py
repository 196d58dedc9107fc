"""Python's cyclic garbage collector, tuned for a server that holds many long-lived objects.

A worker keeps thousands of sockets, sessions and kept pages alive for hours, and with the default
thresholds the collector walks all of them again and again while they arrive: on this project's 2-core
machine 5,000 sockets took 5.45 s to connect with the defaults and 3.6 s with these (bench/fanout.py,
medians of 3 runs). Objects made while starting are moved out of its sight once, and each generation is
collected less often; the oldest still is, so cyclic garbage cannot pile up for long.
"""

import gc

# Python's defaults are (700, 10, 10): the youngest objects are collected after 700 more allocations
# than frees, the middle generation every 10 of those, the oldest (every socket's objects) every 10 more.
THRESHOLDS = (50_000, 50, 100)
_tuned = False


def tune_for_serving() -> None:
    """Once per process, after start-up."""
    global _tuned
    if _tuned:
        return
    _tuned = True
    gc.collect()
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)

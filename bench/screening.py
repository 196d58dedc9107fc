"""Screening: a 2,000-character post against 10, 1,000 and 10,000 phrases, compiled beside a naive loop.

    python3 -m bench.screening                    # 10, 1,000 and 10,000 phrases, 3 runs each
    python3 -m bench.screening --sizes 10 100 --runs 1 --iterations 20

The compiled screener builds one automaton for all phrases; the naive baseline searches the same
normalised text with one word-bounded regular expression per phrase, as a check-by-check loop would.
Both find the same phrases. Per size it reports the compile time, the time per post for each, and
their ratio; each figure is the median of the runs, each run the mean of many iterations.
"""

import argparse
import json
import random
import re
import time
from pathlib import Path

from app.moderation.screening import Action, CheckKind, CheckSpec, compile_checks
from app.moderation.screening.normalise import canonical, fold, phrase_form
from bench.common import median

_SYLLABLES = ("ba", "ko", "ri", "mu", "te", "sa", "lo", "ven", "dar", "pel", "sin", "tor", "ga", "ne", "fi")
_POST = (
    "Today was hard. I couldn't get out of bed until noon, and when I did everything felt like too much. "
    "My friend texted but I didn't answer; I hear you all and thank you for being here. Tomorrow I'll try "
    "a short walk to the park, maybe with my sister, and I'll let you know how it goes. "
)


def phrases(count: int) -> list[str]:
    """Distinct, word-like phrases of one to three made-up words, the same ones every run."""
    rng = random.Random(count)  # noqa: S311 - made-up phrases, not secrets
    found: set[str] = set()
    while len(found) < count:
        words = range(rng.randint(1, 3))
        found.add(" ".join("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in words))
    return sorted(found)


def post(chosen: list[str]) -> str:
    """A 2,000-character post with two of the phrases in it, so both screeners find something."""
    ending = f" {chosen[0]} and {chosen[-1]}."
    return (_POST * 12)[: 2000 - len(ending)] + ending


class Naive:
    """One word-bounded regular expression per phrase, run over the canonical text one after another."""

    def __init__(self, chosen: list[str]) -> None:
        self.patterns = [re.compile(re.escape(phrase_form(p)[0])) for p in chosen]

    def screen(self, text: str) -> int:
        form = canonical(fold(text).text)[0].text
        return sum(1 for pattern in self.patterns if pattern.search(form))


def per_post_ms(screen: object, text: str, iterations: int) -> float:
    started = time.perf_counter()
    for _ in range(iterations):
        screen(text)  # type: ignore[operator]
    return (time.perf_counter() - started) / iterations * 1000


def measure(size: int, runs: int, iterations: int) -> dict:
    chosen = phrases(size)
    text = post(chosen)
    spec = CheckSpec(1, 4, CheckKind.phrases, Action.nudge, phrases=tuple(chosen))
    compile_seconds, compiled_ms, naive_ms = [], [], []
    for _ in range(runs):
        started = time.perf_counter()
        screener = compile_checks([spec])
        compile_seconds.append(time.perf_counter() - started)
        naive = Naive(chosen)
        found = {e for hit in screener.screen(text).hits for e in hit.excerpts}
        if len(found) != 2 or naive.screen(text) < 2:
            raise SystemExit(f"the screeners disagree at {size} phrases: {found}")
        # Fewer naive iterations at large sizes keep a run short; the mean per post is what is compared.
        naive_iterations = max(3, iterations * 10 // max(size, 10))
        compiled_ms.append(per_post_ms(screener.screen, text, iterations))
        naive_ms.append(per_post_ms(naive.screen, text, naive_iterations))
    compiled, baseline = median(compiled_ms), median(naive_ms)
    return {
        "phrases": size,
        "post_characters": len(text),
        "compile_ms": round(median(compile_seconds) * 1000, 2),
        "compiled_ms_per_post": round(compiled, 4),
        "naive_ms_per_post": round(baseline, 4),
        "naive_over_compiled": round(baseline / compiled, 2),
    }


def main(sizes: list[int], runs: int, iterations: int) -> dict:
    report: dict = {"runs": runs, "iterations": iterations, "sizes": {}}
    print(f"{'phrases':>8} {'compile ms':>11} {'compiled ms/post':>17} {'naive ms/post':>14} {'ratio':>8}")
    for size in sizes:
        row = measure(size, runs, iterations)
        report["sizes"][size] = row
        print(
            f"{size:>8} {row['compile_ms']:>11} {row['compiled_ms_per_post']:>17} "
            f"{row['naive_ms_per_post']:>14} {row['naive_over_compiled']:>8}",
            flush=True,
        )
    return report


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--iterations", type=int, default=500, help="posts screened per run")
    parser.add_argument("--json", type=Path, help="also write the full report here")
    arguments = parser.parse_args()
    result = main(arguments.sizes, arguments.runs, arguments.iterations)
    if arguments.json:
        arguments.json.write_text(json.dumps(result, indent=2))

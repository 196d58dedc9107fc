"""The benchmarks run once at tiny sizes, so they cannot rot; their figures come from `python3 -m bench.*`."""

import json
import subprocess
import sys

import pytest

from app.core.migrations import ROOT
from tests.core.test_redis_rate_limits import REDIS_URL, redis_url  # noqa: F401 - the fixture skips without Redis


def test_fanout_benchmark_runs_end_to_end(tmp_path):
    report = tmp_path / "fanout.json"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.fanout",
            "--sizes",
            "20",
            "--runs",
            "1",
            "--flood-deliveries",
            "60",
            "--json",
            str(report),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    figures = json.loads(report.read_text())["sizes"]["20"]
    for target in ("bare", "alongside"):
        assert figures[target]["delivered_min"] == 20
        assert figures[target]["p99_ms"] > 0
        assert figures[target]["flood_deliveries_per_second"] > 0
    assert figures["p99_ratio"] > 0


def test_screening_benchmark_runs_and_compares_in_the_same_run(tmp_path):
    report = tmp_path / "screening.json"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.screening",
            "--sizes",
            "10",
            "200",
            "--runs",
            "1",
            "--iterations",
            "20",
            "--json",
            str(report),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    sizes = json.loads(report.read_text())["sizes"]
    assert set(sizes) == {"10", "200"}
    for figures in sizes.values():
        assert figures["post_characters"] == 2000
        assert figures["compiled_ms_per_post"] > 0
        assert figures["naive_ms_per_post"] > 0
        assert figures["compile_ms"] > 0
    # One automaton for every phrase: twenty times the phrases must not cost twenty times the time.
    assert sizes["200"]["compiled_ms_per_post"] < 5 * sizes["10"]["compiled_ms_per_post"]


def _bench(tmp_path, module: str, *arguments: str) -> dict:
    report = tmp_path / f"{module}.json"
    result = subprocess.run(
        [sys.executable, "-m", f"bench.{module}", *arguments, "--json", str(report)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(report.read_text())


def test_wall_benchmark_runs_end_to_end(tmp_path):
    sizes = ("--members", "30", "--posts", "120", "--hears", "200")
    figures = _bench(tmp_path, "wall", *sizes, "--runs", "1", "--seconds", "0.2", "--warm-up", "30")["sqlite"]
    for target in ("page_db", "page_raw", "page_cached", "page_bare", "post_app", "post_raw"):
        assert figures[target]["answered"] > 0, target
        assert figures[target]["failures"] == 0, target
    assert figures["cached_matches_database"] is True
    assert all(ratio > 0 for ratio in figures["ratios"].values())


@pytest.mark.usefixtures("redis_url")
def test_redis_hop_benchmark_runs_end_to_end(tmp_path):
    summary = _bench(
        tmp_path, "redis_hop", "--sockets", "5", "--posts", "3", "--runs", "1", "--redis", REDIS_URL
    )["summary"]
    assert summary["delivered_within"] == summary["delivered_across"] == summary["expected"] == 15
    assert summary["within_p50_ms"] > 0 and summary["across_p50_ms"] > 0
    assert summary["redis_alone_p50_ms"] > 0

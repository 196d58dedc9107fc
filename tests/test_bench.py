"""The benchmarks run once at tiny sizes, so they cannot rot; their figures come from `python3 -m bench.*`."""

import json
import subprocess
import sys

from app.core.migrations import ROOT


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

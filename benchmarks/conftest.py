"""Benchmark fixtures and a closing summary of sentences/s, measured in the same run.

Run with timing:   .venv/bin/python -m pytest benchmarks --benchmark-enable
The test suite runs these once each with timing disabled, to check that they work.
"""

from __future__ import annotations

from pathlib import Path

import pytest

SENTENCES = Path(__file__).parent / "data" / "sentences.txt"
RATES = pytest.StashKey[dict]()


def pytest_configure(config):
    config.stash[RATES] = {}


@pytest.fixture
def sentences(benchmark) -> list[str]:
    """The fixed benchmark sentences; only the first 300 when timing is off (the test suite's quick mode)."""
    lines = [line for line in SENTENCES.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return lines if benchmark.enabled else lines[:300]


@pytest.fixture
def record_rate(request, benchmark):
    """Call after a benchmark run: stores sentences/s for the closing summary (when timing is on)."""
    def record(label: str, count: int) -> None:
        if benchmark.enabled and benchmark.stats:
            rate = count / benchmark.stats.stats.mean
            benchmark.extra_info["sentences_per_second"] = round(rate, 1)
            request.config.stash[RATES][label] = rate
    return record


def pytest_terminal_summary(terminalreporter, config):
    rates = config.stash.get(RATES, {})
    if not rates:
        return
    terminalreporter.section("eventcoder throughput (sentences/s, this run)")
    for label, rate in rates.items():
        terminalreporter.write_line(f"{label:<40} {rate:>10,.0f}")
    if "bare spaCy parse" in rates and "eventcoder end to end" in rates:
        ratio = rates["eventcoder end to end"] / rates["bare spaCy parse"]
        terminalreporter.write_line(f"{'ratio eventcoder / bare spaCy':<40} {ratio:>10.2f}")

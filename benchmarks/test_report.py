"""benchmarks/report.py in quick mode: every section is measured and written (figures not checked)."""

import importlib.util
from pathlib import Path


def _script(name: str):
    """A benchmarks/ script, imported as a module."""
    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_report_quick_mode(tmp_path):
    report = _script("report")
    text = report.main(["--quick", "-o", str(tmp_path / "RESULTS.md")]).read_text()
    for section in ("## Throughput", "## Start-up", "## Peak memory", "## Accuracy", "- commit:", "- machine:",
                    "| bare spaCy parse |", "| eventcoder end to end |", "| coding stage alone (pre-parsed Docs) |",
                    "| import eventcoder |", "| load dictionaries, first |", "Quick mode", "## Corpus runs",
                    "| 2 processes |", "| Dask LocalCluster, 2 workers |"):
        assert section in text, section


def test_classifier_report_quick_mode(tmp_path):
    written = _script("classifier_report").main(["--quick", "--output", str(tmp_path / "CLASSIFIER.md")])
    if written is None:
        return  # the reference data is not on this machine: the script says so and writes nothing
    text = written.read_text()
    for section in ("| dictionaries only |", "| classifier only |", "| combined |", "## Threshold curve", "quick mode"):
        assert section in text, section


def test_actor_report_quick_mode(tmp_path):
    written = _script("actor_report").main(["--quick", "--output", str(tmp_path / "ACTORS.md")])
    if written is None:
        return  # the reference data is not on this machine
    text = written.read_text()
    assert "| source |" in text and "| target |" in text and "not recognised" in text

"""benchmarks/report.py in quick mode: every section is measured and written (figures not checked)."""

import importlib.util
from pathlib import Path


def test_report_quick_mode(tmp_path):
    spec = importlib.util.spec_from_file_location("report", Path(__file__).with_name("report.py"))
    report = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(report)
    text = report.main(["--quick", "-o", str(tmp_path / "RESULTS.md")]).read_text()
    for section in ("## Throughput", "## Start-up", "## Peak memory", "## Accuracy", "- commit:", "- machine:",
                    "| bare spaCy parse |", "| eventcoder end to end |", "| coding stage alone (pre-parsed Docs) |",
                    "| import eventcoder |", "| load dictionaries, first |", "Quick mode", "## Corpus runs",
                    "| 2 processes |", "| Dask LocalCluster, 2 workers |"):
        assert section in text, section

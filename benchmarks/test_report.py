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


def test_classifier_report_quick_mode(tmp_path):
    spec = importlib.util.spec_from_file_location("classifier_report", Path(__file__).with_name("classifier_report.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    written = module.main(["--quick", "--output", str(tmp_path / "CLASSIFIER.md")])
    if written is None:
        return  # the reference data is not on this machine: the script says so and writes nothing
    text = written.read_text()
    for section in ("| dictionaries only |", "| classifier only |", "| combined |", "## Threshold curve", "quick mode"):
        assert section in text, section


def test_actor_report_quick_mode(tmp_path):
    spec = importlib.util.spec_from_file_location("actor_report", Path(__file__).with_name("actor_report.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    written = module.main(["--quick", "--output", str(tmp_path / "ACTORS.md")])
    if written is None:
        return  # the reference data is not on this machine
    text = written.read_text()
    assert "| source |" in text and "| target |" in text and "not recognised" in text

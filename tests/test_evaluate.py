"""Evaluation metrics on tiny hand-computed cases, the gold readers, and the evaluate command."""

import json

import pytest
from typer.testing import CliRunner

from eventcoder.cli import app
from eventcoder.errors import EventcoderError, InputError
from eventcoder.evaluation import Prediction, evaluate, plot_confusion
from eventcoder.gold import GoldDocument, GoldEvent, read_gold

from support import shared_file


def doc(doc_id, *events, labels=(), kind=None):
    return GoldDocument(doc_id, "2025-01-01", "Text one. Text two.", tuple(events), labels, kind)


def metrics(report, level):
    m = report.levels[level]
    return m["tp"], m["fp"], m["fn"], m["precision"], m["recall"], m["f1"]


def test_perfect_and_partial_matches():
    gold = [doc("a", GoldEvent("RUSGOV", "UKR", "190"), GoldEvent("TUR", "RUS", "040")),
            doc("b", GoldEvent("USA", "CHN", "163"))]
    pred = [Prediction("a", "RUSMIL", "UKR", "195"),  # root match, not strict
            Prediction("a", "TUR", "RUS", "040"),  # exact
            Prediction("b", "USA", "CHN", "111")]  # dyad match only
    report = evaluate(gold, pred)
    assert metrics(report, "root") == (2, 1, 1, 0.6667, 0.6667, 0.6667)
    assert metrics(report, "dyad") == (3, 0, 0, 1.0, 1.0, 1.0)
    assert metrics(report, "strict") == (1, 2, 2, 0.3333, 0.3333, 0.3333)
    assert report.per_root["19"]["tp"] == 1 and report.per_root["16"]["fn"] == 1 and report.per_root["11"]["fp"] == 1
    assert report.per_quad_class["4"]["fn"] == 1  # 163 is material conflict
    assert report.confusion["16"] == {"11": 1} and report.confusion["19"] == {"19": 1}
    assert report.source_accuracy == 1.0 and report.target_accuracy == 1.0


def test_empty_predictions():
    report = evaluate([doc("a", GoldEvent("RUS", "UKR", "190"))], [])
    assert metrics(report, "root") == (0, 0, 1, 0.0, 0.0, 0.0)
    assert report.confusion == {"19": {"none": 1}}
    assert report.errors == [{"doc_id": "a", "kind": "missed", "event": "RUS UKR 190", "sentence": "Text one. Text two.", "evidence": None}]
    assert report.source_accuracy == 0.0


def test_duplicate_predictions_count_once():
    pred = [Prediction("a", "RUS", "UKR", "190"), Prediction("a", "RUS", "UKR", "190"), Prediction("a", "RUSMIL", "UKR", "193")]
    report = evaluate([doc("a", GoldEvent("RUS", "UKR", "190"))], pred)
    assert metrics(report, "root") == (1, 0, 0, 1.0, 1.0, 1.0)
    assert metrics(report, "strict")[:3] == (1, 1, 0)


def test_optional_events_are_neither_missed_nor_false_alarms():
    gold = [doc("a", GoldEvent("RUS", "UKR", "190"), GoldEvent("RUS", "USA", "120", optional=True),
                GoldEvent("UKR", "RUS", "111", optional=True))]
    report = evaluate(gold, [Prediction("a", "RUS", "UKR", "190"), Prediction("a", "RUS", "USA", "120")])
    assert metrics(report, "root") == (1, 0, 0, 1.0, 1.0, 1.0)
    assert report.counts["optional_gold_events"] == 2


def test_unknown_codes_and_documents():
    gold = [doc("a", GoldEvent("RUS", "UKR", "190"))]
    pred = [Prediction("a", "XXX", "UKR", "999"), Prediction("zz", "RUS", "UKR", "190")]
    report = evaluate(gold, pred)
    assert metrics(report, "root")[:3] == (0, 1, 1)
    assert report.counts["predictions_for_unknown_documents"] == 1
    assert report.per_root["99"]["fp"] == 1


def test_event_type_accuracy():
    gold = [doc("a", labels=("ASSAULT",), kind="plover"), doc("b", labels=("CONSULT",), kind="plover"),
            doc("c", labels=("AGREE", "SUPPORT"), kind="plover")]
    pred = [Prediction("a", "RUS", "UKR", "195", confidence=0.9), Prediction("a", "RUS", "UKR", "040", confidence=0.2),
            Prediction("c", "TUR", "RUS", "051")]
    report = evaluate(gold, pred)
    assert report.levels == {}  # no gold events: nothing to score at dyad level
    kinds = report.event_type
    assert kinds["accuracy"] == round(2 / 3, 4)
    assert kinds["per_type"]["CONSULT"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "tp": 0, "fp": 0, "fn": 1, "support": 1}
    assert kinds["per_type"]["none"]["fp"] == 1


def test_sentence_labels_give_the_type_and_events_the_dyads():
    gold = [doc("a", GoldEvent("RUS", "UKR", "190"), labels=("ASSAULT",), kind="plover"),
            doc("b", GoldEvent("IRN", "ISR", "130"), labels=("THREATEN",), kind="plover"),
            doc("c", GoldEvent("IRN", "ISR", "130"), labels=("THREATEN",), kind="plover")]
    pred = [Prediction("a", "RUS", "UKR", "040", confidence=0.6), Prediction("a", "", "", "195", confidence=0.9),
            Prediction("b", "", "", "138", confidence=0.8), Prediction("c", "IRN", "ISR", "138", confidence=0.7)]
    report = evaluate(gold, pred)
    assert report.event_type["accuracy"] == 1.0  # a and b: the label; c (no label): its event
    assert report.levels["root"] == {"precision": 0.5, "recall": 0.3333, "f1": 0.4, "tp": 1, "fp": 1, "fn": 2}
    assert report.counts["predicted_events"] == 2


def test_penta_classes():
    gold = [doc("a", labels=("VERBAL_CONFLICT",), kind="penta"), doc("b", labels=("NEUTRAL",), kind="penta")]
    report = evaluate(gold, [Prediction("a", "CHN", "JPN", "163")])  # 16 is verbal conflict in the penta scheme
    assert report.event_type["accuracy"] == 1.0


def test_reports_render(tmp_path):
    report = evaluate([doc("a", GoldEvent("RUS", "UKR", "190"))], [Prediction("a", "RUS", "UKR", "195", sentence="S.", evidence="fired x")])
    data = json.loads(report.write(tmp_path / "r.json").read_text())
    for level in ("root", "dyad", "strict"):
        assert set(data[level]) == {"precision", "recall", "f1", "tp", "fp", "fn"}
    assert "| root | 1.000" in report.write(tmp_path / "r.md").read_text()
    page = report.write(tmp_path / "r.html").read_text()
    assert page.startswith("<!doctype html>") and "data:image/png;base64," in page
    figure = plot_confusion(report)
    assert figure.axes[0].get_xlabel() == "predicted root"


def test_gold_reader_errors(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text('{"id": "a", "text": "x", "events": []}\n{"id": "a", "text": "y", "events": []}\n')
    with pytest.raises(InputError, match="E334"):
        read_gold(path)
    path.write_text('{"id": "a", "text": "x", "events": [{"source": "RUS", "target": "UKR", "code": "x9"}]}\n')
    with pytest.raises(InputError, match=r"E333: .*gold.jsonl:1"):
        read_gold(path)
    with pytest.raises(EventcoderError, match="E332"):
        read_gold(path, format="nonsense")


@pytest.mark.parametrize("name, count, kind", [
    ("plover_gsr.jsonl", 322, "plover"), ("petrarch2_gsr_validation.jsonl", 78, None),
    ("conflibert_cameo_penta.jsonl", 451, "penta"), ("case2021_task2_test.jsonl", 1019, "plover"),
])
def test_reference_adapters(name, count, kind):
    documents = read_gold(shared_file("data", "eval", name))
    assert len(documents) == count and len({d.id for d in documents}) == count
    assert {d.label_kind for d in documents} == {kind}


def test_plover_gsr_events_and_code_mapping():
    documents = {d.id: d for d in read_gold(shared_file("data", "eval", "plover_gsr.jsonl"))}
    first = next(iter(documents.values()))
    assert first.labels == ("AGREE",) and first.events  # reciprocal sources code both ways
    assert not any(e.source.startswith("JAP") or e.target.startswith("JAP") for d in documents.values() for e in d.events)


def test_evaluate_command_scores_a_prediction_file(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "d1", "date": "2024-10-01", "text": "Iran fired missiles at Israel.",
                                "events": [{"source": "IRN", "target": "ISR", "code": "195"}]}) + "\n")
    pred = tmp_path / "pred.jsonl"
    pred.write_text(json.dumps({"doc_id": "d1", "source": {"code": "IRN"}, "target": {"code": "ISR"}, "cameo": "190"}) + "\n")
    result = CliRunner().invoke(app, ["evaluate", str(gold), "--pred", str(pred), "-o", str(tmp_path / "report.json")])
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["root"]["f1"] == 1.0 and report["strict"]["f1"] == 0.0


def test_evaluate_command_codes_the_gold_itself(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "d1", "date": "2024-10-01", "text": "Iran fired ballistic missiles at Israel.",
                                "events": [{"source": "IRN", "target": "ISR", "code": "195"}]}) + "\n")
    result = CliRunner().invoke(app, ["evaluate", str(gold), "--no-classifier", "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 0, result.output
    assert "root: P 1.000  R 1.000  F1 1.000" in result.stdout


def test_sentence_label_predictions_from_a_coder(coder):
    from eventcoder.evaluation import sentence_label_predictions

    records = [{"id": "d1", "text": "Iran fired ballistic missiles at Israel on Tuesday."},
               {"id": "d2", "text": "Shares in Tokyo fell sharply as the yen strengthened."}]
    [label] = sentence_label_predictions(coder, records)
    assert (label.doc_id, label.source, label.target, label.code[:2]) == ("d1", "", "", "19") and label.is_sentence_label
    gold = [GoldDocument("d1", None, records[0]["text"], (), ("ASSAULT",), "plover"),
            GoldDocument("d2", None, records[1]["text"], (), ("PROTEST",), "plover")]
    assert evaluate(gold, coder=coder).event_type["accuracy"] == 0.5

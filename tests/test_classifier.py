"""The scikit-learn classifier: estimator contract, training data, persistence, and its place in the coder."""

import json

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.model_selection import GridSearchCV, StratifiedKFold, cross_val_score
from sklearn.pipeline import Pipeline
from sklearn.utils.estimator_checks import check_estimator

from eventcoder import Coder, EventClassifier
from eventcoder.classifier import NO_EVENT, label_of, load_model, save_model
from eventcoder.errors import EventcoderError
from eventcoder.training import generate, read_labels

SMALL = {"calibration": None}  # fast fits for contract tests


@pytest.fixture(scope="module")
def sentences(dictionaries):
    return generate(dictionaries)


@pytest.fixture(scope="module")
def data(sentences):
    picked = sentences[::4]
    return [s.text for s in picked], [s.label for s in picked]


@pytest.mark.filterwarnings("ignore::sklearn.exceptions.SkipTestWarning")
def test_check_estimator_passes():
    results = check_estimator(EventClassifier(), on_fail=None)
    failed = [r["check_name"] for r in results if r["status"] == "failed"]
    skipped = [r["check_name"] for r in results if r["status"] == "skipped"]
    assert len(results) > 40 and failed == []
    assert set(skipped) <= {"check_array_api_input"}  # scikit-learn skips it unless SCIPY_ARRAY_API is set


def test_generated_training_data_is_large_deterministic_and_ours(dictionaries, sentences):
    assert len(sentences) >= 8000
    assert sum(s.label == NO_EVENT for s in sentences) >= 1000
    assert len(dictionaries.no_event_sentences) >= 1000  # written by the project, in dictionaries/training/
    assert {s.label for s in sentences} == {f"{r:02d}" for r in range(1, 21)} | {NO_EVENT, "084", "163", "175"}
    assert generate(dictionaries) == sentences
    assert generate(dictionaries, seed=1) != sentences
    variant = next(s for s in sentences if s.origin == "variant" and s.events)
    source, target, code = variant.events[0]
    assert variant.label == label_of(code) and len(source) >= 3 and len(target) >= 3


def test_estimator_contract(data):
    texts, labels = data
    model = EventClassifier(alpha=1e-4, **SMALL)
    assert model.get_params()["alpha"] == 1e-4
    assert not hasattr(model, "classes_")  # __init__ stores parameters only
    assert model.fit(texts, labels) is model
    assert clone(model).get_params() == model.get_params()
    probs = model.predict_proba(texts[:5])
    assert probs.shape == (5, len(model.classes_))
    np.testing.assert_allclose(probs.sum(axis=1), 1.0)


def test_mentions_with_parse_context_are_inputs_too():
    X = [{"text": "Troops shelled the town.", "context": ["lemma=shell", "dict=19"]},
         {"text": "Markets rose.", "context": ["lemma=rise", "dict=none"]}] * 4 + ["Troops attacked.", "Prices fell."]
    y = ["19", NO_EVENT] * 4 + ["19", NO_EVENT]
    model = EventClassifier(**SMALL).fit(X, y)
    assert model.predict([{"text": "Police shelled a village.", "context": ["lemma=shell", "dict=19"]}])[0] == "19"


def test_grid_search_in_a_pipeline(data):
    texts, labels = data
    search = GridSearchCV(Pipeline([("clf", EventClassifier(**SMALL))]), {"clf__alpha": [1e-5, 1e-4]},
                          cv=StratifiedKFold(3, shuffle=True, random_state=0))
    search.fit(texts, labels)
    assert search.best_params_["clf__alpha"] in (1e-5, 1e-4)


def test_it_learns_far_better_than_chance(dictionaries):
    # held-out accuracy over 21 classes, on the sentences we wrote (no generated variants: they would leak across folds)
    picked = [s for s in generate(dictionaries, variants=0) if s.origin in ("example", "no-event")]
    texts, labels = [s.text for s in picked], [s.label for s in picked]
    scores = cross_val_score(EventClassifier(**SMALL), texts, labels, cv=StratifiedKFold(3, shuffle=True, random_state=0))
    majority = max(labels.count(label) for label in set(labels)) / len(labels)
    assert scores.mean() > majority + 0.05


@pytest.mark.parametrize("sentence, root", [
    ("Syria fired rockets at Jordan on Sunday.", "19"),
    ("Chile condemned Peru over the arrest of its diplomats.", "11"),
])
def test_default_model_ranks_the_right_root_first_among_events(coder, sentence, root):
    model = coder.component.classifier
    [whole] = coder.component.sentence_mentions(coder.nlp(sentence))  # the sentence with its parse context
    probs = dict(zip(model.classes_, model.predict_proba([whole])[0]))
    probs.pop(NO_EVENT)
    assert max(probs, key=probs.get) == root


def test_parse_context_decides_where_the_words_alone_mislead(coder):
    # as a bare sentence "hosted" leans to hostage-taking (18); the mention's parse context says consult (04)
    [candidate] = coder.component.candidates(coder.nlp("Egypt hosted Sudanese leaders in Cairo."))
    model = coder.component.classifier
    probs = dict(zip(model.classes_, model.predict_proba([candidate.mention()])[0]))
    assert max(probs, key=probs.get) == "04"


def test_default_model_held_out_non_event(coder):
    assert coder.component.classifier.predict(["Stocks in Tokyo closed higher on Friday as the yen weakened."])[0] == NO_EVENT


def test_default_model_carries_its_provenance(coder):
    training = coder.provenance()["classifier_training"]
    assert training["sentences"] >= 8000 and training["data_hash"] and training["sklearn_version"]
    assert coder.provenance()["classifier_hash"]


def test_bad_input():
    with pytest.raises(ValueError, match="two classes"):
        EventClassifier().fit(["a war", "a war again"], ["19", "19"])
    with pytest.raises(TypeError, match="sentences"):
        EventClassifier().fit([{"no": "text"}, {"no": "text"}], ["19", "none"])


def test_skops_round_trip_and_refusals(tmp_path, data):
    texts, labels = data
    model = EventClassifier(**SMALL).fit(texts[:400], labels[:400])
    path = save_model(model, tmp_path / "model.skops")
    again = load_model(path)
    np.testing.assert_allclose(again.predict_proba(texts[:10]), model.predict_proba(texts[:10]))
    with pytest.raises(EventcoderError, match="E020"):
        load_model(tmp_path / "missing.skops")
    (tmp_path / "junk.skops").write_bytes(b"not a model")
    with pytest.raises(EventcoderError, match="E020"):
        load_model(tmp_path / "junk.skops")


def test_coder_takes_a_model_file(tmp_path, coder):
    path = save_model(coder.component.classifier, tmp_path / "default.skops")
    [event] = Coder(classifier=str(path)).code_text("Iran fired ballistic missiles at Israel.", date="2024-10-01")
    assert event.method == "dictionary+classifier" and event.confidence > 0.5


def test_read_labels_gold_or_table(tmp_path):
    (tmp_path / "l.jsonl").write_text(json.dumps({"text": "Iran attacked Iraq.", "events": [{"source": "IRN", "target": "IRQ", "code": "190"}]})
                                      + "\n" + json.dumps({"text": "It rained.", "events": []}) + "\n")
    (tmp_path / "l.csv").write_text("text,code\nIran attacked Iraq.,190\nIt rained.,none\n")
    for name in ("l.jsonl", "l.csv"):
        assert [s.label for s in read_labels(tmp_path / name)] == ["19", NO_EVENT]


def test_confidence_is_in_the_loop(coder):
    [event] = coder.code_text("Iran fired ballistic missiles at Israel.", date="2024-10-01")
    assert event.method == "dictionary+classifier"
    assert 0.5 < event.confidence <= 1.0


def test_classifier_codes_what_no_pattern_matched(coder):
    # "maul" is in no verb pattern; the classifier proposes a root-level event from the parse's pair
    text = "Russian tanks mauled Ukrainian troops near the river."
    default = coder.component.classifier_threshold
    try:
        coder.component.classifier_threshold = 0.5
        events = coder.code_text(text, date="2024-05-01")
        assert [(e.source.code, e.target.code, e.cameo, e.method) for e in events] == [("RUSMIL", "UKRMIL", "190", "classifier")]
        assert events[0].evidence.pattern is None and 0.5 <= events[0].confidence < 1
        coder.component.classifier_threshold = 1.0
        assert coder.code_text(text) == []
    finally:
        coder.component.classifier_threshold = default


def test_threshold_keeps_events_at_or_above_it_and_drops_the_rest(coder):
    text = "Iran fired ballistic missiles at Israel."
    [event] = coder.code_text(text)
    try:
        coder.component.min_confidence = event.confidence
        assert coder.code_text(text) == [event]
        coder.component.min_confidence = event.confidence + 0.0001
        assert coder.code_text(text) == []
    finally:
        coder.component.min_confidence = 0.0


def test_min_confidence_option():
    assert Coder(min_confidence=0.5).component.min_confidence == 0.5


def test_dictionary_only_mode():
    [event] = Coder(classifier=None).code_text("Iran fired ballistic missiles at Israel.")
    assert event.confidence is None and event.method == "dictionary"


def test_sentence_mentions_carry_the_dictionary_hits_and_their_mood(nlp):
    component = nlp.get_pipe("eventcoder")
    threat, = component.sentence_mentions(nlp("Iran threatened to strike Israel on Monday."))
    assert threat["kind"] == "sentence" and threat["text"] == "Iran threatened to strike Israel on Monday."
    assert {"head=threaten", "actors=2", "hit=13"} <= set(threat["context"]) and "hit=19" not in threat["context"]
    denied, = component.sentence_mentions(nlp("Iran did not strike Israel."))
    assert "unmet=19" in denied["context"] and not any(t.startswith("hit=") for t in denied["context"])
    quiet, = component.sentence_mentions(nlp("Shares fell in Tokyo."))
    assert quiet["context"] == ["head=fall", "actors=1"]


def test_training_parses_in_two_processes_only_when_it_pays():
    from eventcoder.training import parse_processes

    assert parse_processes(100) == 1  # small sets: starting a process costs more than it saves
    assert parse_processes(10_000) in (1, 2)  # 2 on a machine with two or more cores


def test_classes_split_roots_where_plover_types_do(dictionaries):
    ontology = dictionaries.ontology
    for code in ("0871", "0841", "083", "0831", "163", "1662", "175", "173"):
        label = label_of(code)
        as_code = label + "0" if len(label) == 2 else label
        assert ontology.get(as_code).plover_type == ontology.get(code).plover_type, code


def test_default_model_learns_from_the_shipped_dictionaries_only(nlp, tmp_path, monkeypatch):
    # a coder with a user folder shares the default model: it must be built from the shipped dictionaries
    from eventcoder import training
    from eventcoder.component import EventCoderComponent
    from eventcoder.dictionaries import load_dictionaries

    user = tmp_path / "user"
    (user / "actors").mkdir(parents=True)
    (user / "actors" / "extra.yaml").write_text("- code: IGOUNOICJ\n  names: [Hague]\n", encoding="utf-8")
    seen = []

    def fake_train(component, nlp, sentences, **params):
        seen.append(component.dictionaries.hash)
        model = EventClassifier()
        model.provenance_ = {}
        return model

    monkeypatch.setattr(training, "train", fake_train)
    component = EventCoderComponent(nlp, load_dictionaries([user]), None)
    training.default_classifier(nlp, component, cache=False)
    assert seen == [load_dictionaries().hash] != [component.dictionaries.hash]

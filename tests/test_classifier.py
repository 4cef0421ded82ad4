"""The scikit-learn classifier: estimator contract, training data, and its place in the coder."""

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.model_selection import GridSearchCV, StratifiedKFold, cross_val_score
from sklearn.pipeline import Pipeline

from eventcoder import Coder, EventClassifier
from eventcoder.classifier import NO_EVENT, train_default, training_data


@pytest.fixture(scope="module")
def data(dictionaries):
    return training_data(dictionaries)


def test_training_data_comes_from_the_dictionaries(dictionaries, data):
    texts, labels = data
    with_events = sum(1 for e in dictionaries.examples if e.events)
    assert len(texts) == len(labels) == len(dictionaries.examples) + with_events + len(dictionaries.no_event_sentences)
    assert set(labels) == {f"{r:02d}" for r in range(1, 21)} | {NO_EVENT}
    assert training_data(dictionaries) == data  # deterministic given the seed
    assert training_data(dictionaries, seed=1) != data


def test_estimator_contract(data):
    texts, labels = data
    model = EventClassifier(alpha=1e-4)
    assert model.get_params()["alpha"] == 1e-4
    assert not hasattr(model, "classes_")  # __init__ stores parameters only
    assert model.fit(texts, labels) is model
    assert clone(model).get_params() == model.get_params()
    probs = model.predict_proba(texts[:5])
    assert probs.shape == (5, len(model.classes_))
    np.testing.assert_allclose(probs.sum(axis=1), 1.0)


def test_grid_search_in_a_pipeline(data):
    texts, labels = data
    search = GridSearchCV(Pipeline([("clf", EventClassifier())]), {"clf__alpha": [1e-5, 1e-4]},
                          cv=StratifiedKFold(3, shuffle=True, random_state=0))
    search.fit(texts, labels)
    assert search.best_params_["clf__alpha"] in (1e-5, 1e-4)


def test_it_learns_far_better_than_chance(dictionaries):
    # held-out accuracy over 21 classes, without the name-swapped variants (they would leak across folds)
    texts, labels = training_data(dictionaries, variants=0)
    scores = cross_val_score(EventClassifier(), texts, labels, cv=StratifiedKFold(3, shuffle=True, random_state=0))
    majority = max(labels.count(label) for label in set(labels)) / len(labels)
    assert scores.mean() > majority + 0.05


@pytest.mark.parametrize("sentence, root", [
    ("Syria fired rockets at Jordan on Sunday.", "19"),
    ("Chile condemned Peru over the arrest of its diplomats.", "11"),
    ("Egypt hosted Sudanese leaders in Cairo.", "04"),
])
def test_held_out_sentences_rank_the_right_root_first_among_events(dictionaries, sentence, root):
    model = train_default(dictionaries)
    probs = dict(zip(model.classes_, model.predict_proba([sentence])[0]))
    probs.pop(NO_EVENT)
    assert max(probs, key=probs.get) == root


def test_held_out_non_event(dictionaries):
    model = train_default(dictionaries)
    assert model.predict(["Stocks in Tokyo closed higher on Friday as the yen weakened."])[0] == NO_EVENT


def test_bad_input():
    with pytest.raises(ValueError, match="two different labels"):
        EventClassifier().fit(["a war", "a war again"], ["19", "19"])
    with pytest.raises(TypeError, match="sequence of sentences"):
        EventClassifier().fit([1, 2], ["19", "none"])


def test_confidence_is_in_the_loop(coder):
    [event] = coder.code_text("Iran fired ballistic missiles at Israel.", date="2024-10-01")
    assert event.method == "dictionary+classifier"
    assert 0.5 < event.confidence <= 1.0


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

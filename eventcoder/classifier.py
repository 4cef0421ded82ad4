"""A scikit-learn classifier that scores candidate events by CAMEO root.

:class:`EventClassifier` follows the scikit-learn estimator contract
(``__init__`` stores parameters, ``fit`` returns ``self``, fitted attributes end
in ``_``) and composes in a :class:`~sklearn.pipeline.Pipeline`. It maps a
sentence to probabilities over the 20 CAMEO roots plus ``"none"``; the coder
uses the probability of each candidate event's root as the event's
``confidence``. The default model is trained from the dictionaries' own data:
every verb-pattern example (labelled with its event's root, or ``"none"``) and
the no-event sentences in ``dictionaries/training/``.

Examples
--------
>>> clf = EventClassifier().fit(
...     ["Russia attacked Ukraine.", "Russia shelled Kharkiv.", "France met Italy.",
...      "Spain met Portugal.", "Oil prices rose.", "It rained in Paris."],
...     ["19", "19", "04", "04", "none", "none"])
>>> clf.classes_.tolist()
['04', '19', 'none']
>>> str(clf.predict(["Germany attacked Poland."])[0])
'19'
"""

from __future__ import annotations

import random
from typing import Iterable, Sequence

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import SGDClassifier
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.utils.validation import check_is_fitted

from eventcoder.dictionaries import Dictionaries

NO_EVENT = "none"


class EventClassifier(ClassifierMixin, BaseEstimator):
    """Sentence -> CAMEO root (or ``"none"``): word and character n-grams, logistic regression.

    The model is a logistic regression fitted by stochastic gradient descent
    (:class:`~sklearn.linear_model.SGDClassifier` with ``loss="log_loss"``): on the
    dictionaries' data it is as accurate as ``LogisticRegression`` and ten times faster to fit.

    Parameters
    ----------
    alpha : float, default=1e-5
        L2 regularisation strength.
    word_ngrams : tuple of int, default=(1, 2)
        Word n-gram range.
    char_ngrams : tuple of int, default=(2, 5)
        Character n-gram range (within word boundaries); robust to inflection.
    class_weight : str or None, default="balanced"
        Weights classes inversely to their frequency.
    max_iter : int, default=15
        Passes over the training data (more gave no held-out gain on the dictionaries' data).
    random_state : int, default=0

    Attributes
    ----------
    classes_ : ndarray of str
        The labels seen in ``fit``.
    pipeline_ : sklearn.pipeline.Pipeline
        The fitted feature extraction and model.
    """

    def __init__(self, alpha: float = 1e-5, word_ngrams: tuple[int, int] = (1, 2), char_ngrams: tuple[int, int] = (2, 5),
                 class_weight: str | None = "balanced", max_iter: int = 15, random_state: int = 0) -> None:
        self.alpha = alpha
        self.word_ngrams = word_ngrams
        self.char_ngrams = char_ngrams
        self.class_weight = class_weight
        self.max_iter = max_iter
        self.random_state = random_state

    def fit(self, X: Sequence[str], y: Sequence[str]) -> EventClassifier:
        """Fit on sentences ``X`` and labels ``y`` (CAMEO roots such as ``"19"``, or ``"none"``)."""
        texts = _as_texts(X)
        labels = np.asarray([str(label) for label in y])
        if len(texts) != len(labels):
            raise ValueError(f"X has {len(texts)} sentences but y has {len(labels)} labels")
        if len(set(labels)) < 2:
            raise ValueError("EventClassifier needs at least two different labels to learn from")
        features = FeatureUnion([
            ("words", TfidfVectorizer(ngram_range=self.word_ngrams, sublinear_tf=True, lowercase=True)),
            ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=self.char_ngrams, sublinear_tf=True)),
        ])
        model = SGDClassifier(loss="log_loss", alpha=self.alpha, class_weight=self.class_weight,
                              max_iter=self.max_iter, tol=None, random_state=self.random_state)
        self.pipeline_ = Pipeline([("features", features), ("model", model)]).fit(texts, labels)
        self.classes_ = self.pipeline_.classes_
        return self

    def predict_proba(self, X: Sequence[str]) -> np.ndarray:
        """Probabilities, one row per sentence, columns in the order of ``classes_``."""
        check_is_fitted(self, "pipeline_")
        return self.pipeline_.predict_proba(_as_texts(X))

    def predict(self, X: Sequence[str]) -> np.ndarray:
        """The most probable label of each sentence."""
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]


def _as_texts(X: Iterable[str]) -> list[str]:
    texts = list(X)
    if not all(isinstance(t, str) for t in texts):
        raise TypeError("EventClassifier takes a sequence of sentences (str)")
    return texts


def training_data(dictionaries: Dictionaries, variants: int = 1, seed: int = 0) -> tuple[list[str], list[str]]:
    """Sentences and root labels from the dictionaries: pattern examples and no-event sentences.

    An example is labelled with the root of its first expected event, or ``"none"``.
    Each example with events is repeated ``variants`` times with its country
    names and adjectives swapped for other countries' (deterministic given
    ``seed``), so that the model learns the predicates rather than the names.

    Examples
    --------
    >>> from eventcoder.dictionaries import load_dictionaries
    >>> texts, labels = training_data(load_dictionaries(), variants=0)
    >>> len(texts) == len(load_dictionaries().examples) + len(load_dictionaries().no_event_sentences)
    True
    """
    rng = random.Random(seed)
    countries = [a for a in dictionaries.actors if a.kind == "country" and a.names and a.adjectives]
    texts: list[str] = []
    labels: list[str] = []
    for example in dictionaries.examples:
        label = example.events[0].code[:2] if example.events else NO_EVENT
        texts.append(example.text)
        labels.append(label)
        if not example.events:
            continue
        for _ in range(variants):
            texts.append(_swap_countries(example.text, countries, rng))
            labels.append(label)
    for sentence in dictionaries.no_event_sentences:
        texts.append(sentence)
        labels.append(NO_EVENT)
    return texts, labels


def _swap_countries(text: str, countries: list, rng: random.Random) -> str:
    """Replace each country name or adjective in ``text`` with another country's (same kind of word)."""
    words = text.split(" ")
    for actor in countries:
        for kind, phrases in (("names", actor.names[:1]), ("adjectives", actor.adjectives[:1])):
            for phrase in phrases:
                if phrase in words:
                    other = rng.choice(countries)
                    replacement = other.names[0] if kind == "names" else other.adjectives[0]
                    words = [replacement if w == phrase else w for w in words]
    return " ".join(words)


def train_default(dictionaries: Dictionaries, **params: object) -> EventClassifier:
    """Fit an :class:`EventClassifier` on :func:`training_data` of ``dictionaries``."""
    texts, labels = training_data(dictionaries)
    return EventClassifier(**params).fit(texts, labels)


def fingerprint(model: EventClassifier | None, dictionary_hash: str) -> str | None:
    """A short hash that identifies a classifier: its parameters, the scikit-learn version, and what it was
    trained on (the dictionaries, for the default model). Equal fingerprints give equal confidences.

    Examples
    --------
    >>> fingerprint(EventClassifier(), "abc") == fingerprint(EventClassifier(), "abc") != fingerprint(EventClassifier(alpha=1.0), "abc")
    True
    """
    if model is None:
        return None
    import hashlib
    import json

    import sklearn

    payload = {"class": type(model).__name__, "params": model.get_params(), "sklearn": sklearn.__version__,
               "trained_on": dictionary_hash}
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()[:16]

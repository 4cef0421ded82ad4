"""A scikit-learn classifier that scores candidate events by CAMEO root.

:class:`EventClassifier` follows the scikit-learn estimator contract (it passes
``check_estimator``), composes in a :class:`~sklearn.pipeline.Pipeline` and grid-searches.
It maps an event mention to calibrated probabilities over the 20 CAMEO roots plus
``"none"`` (roots 08, 16 and 17 split where PLOVER's types do: :func:`label_of`). A mention
is a bare sentence (``str``) or a dict ``{"text": sentence, "context": [feature tokens]}``, where the context tokens (built by
:func:`eventcoder.features.mention_context`) carry the dictionary's hit (pattern code, actor
kinds) and the dependency context of the trigger (lemma, path to source and target); a dict
with ``"kind": "sentence"`` is a whole sentence with its parse context
(:func:`eventcoder.features.sentence_mention`). A 2-D
numeric matrix is taken as precomputed features, so the estimator also sits after any
vectoriser in a Pipeline.

The default model (:func:`eventcoder.training.default_classifier`) is trained from the project's own data
(:mod:`eventcoder.training`), cached on disk in skops format and loaded from there.

Examples
--------
>>> clf = EventClassifier(calibration=None).fit(
...     ["Russia attacked Ukraine.", "Russia shelled Kharkiv.", "France met Italy.",
...      "Spain met Portugal.", "Oil prices rose.", "It rained in Paris."],
...     ["19", "19", "04", "04", "none", "none"])
>>> clf.classes_.tolist()
['04', '19', 'none']
>>> str(clf.predict(["Germany attacked Poland."])[0])
'19'
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any, Iterable, Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import SGDClassifier
from sklearn.utils.class_weight import compute_sample_weight
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted, validate_data

NO_EVENT = "none"
#: Codes whose PLOVER type differs from their root's, which the classifier learns as classes of their
#: own: 084-087 are RETREAT (080-083 CONCEDE), 163 is COERCE (other 16x SANCTION), 175 is ASSAULT.
PLOVER_SPLITS = ("084", "085", "086", "087", "163", "175")


def label_of(code: str) -> str:
    """The classifier's class for a CAMEO code: its root, or the code of its PLOVER split.

    Examples
    --------
    >>> label_of("0871"), label_of("083"), label_of("163"), label_of("190"), label_of("none")
    ('084', '08', '163', '19', 'none')
    """
    if code == NO_EVENT:
        return code
    if code[:3] in PLOVER_SPLITS:
        return "084" if code[:2] == "08" else code[:3]
    return code[:2]


def code_of(label: str) -> str | None:
    """The CAMEO code a class stands for: a root's generic code, or the split's own code; None for "none".

    Examples
    --------
    >>> code_of("19"), code_of("084"), code_of("none")
    ('190', '084', None)
    """
    if label == NO_EVENT:
        return None
    return label + "0" if len(label) == 2 else label


class EventClassifier(ClassifierMixin, BaseEstimator):
    """Event mention -> CAMEO root (or ``"none"``): n-grams and parse context, calibrated logistic regression.

    The model is a logistic regression fitted by stochastic gradient descent
    (:class:`~sklearn.linear_model.SGDClassifier`, ``loss="log_loss"``), calibrated with
    :class:`~sklearn.calibration.CalibratedClassifierCV` so that ``confidence`` 0.8 means
    right about 8 times in 10.

    Parameters
    ----------
    alpha : float, default=1e-5
        L2 regularisation strength.
    word_ngrams : tuple of int, default=(1, 2)
        Word n-gram range of the sentence.
    char_ngrams : tuple of int, default=(2, 5)
        Character n-gram range (within word boundaries); robust to inflection.
    context : bool, default=True
        Use the mention's context tokens (dictionary hit, trigger lemma, dependency paths).
    class_weight : str or None, default="balanced"
        Weights classes inversely to their frequency.
    max_iter : int, default=15
        Passes over the training data.
    calibration : {"sigmoid", "isotonic"} or None, default="sigmoid"
        Probability calibration (cross-validated, ``cv`` folds); None keeps the raw model.
    cv : int, default=3
        Calibration folds (classes with fewer examples than folds fall back to no calibration).
    n_jobs : int or None, default=None
        Processes for the one-vs-rest fits and the calibration folds (-1: all cores).
    random_state : int, default=0

    Attributes
    ----------
    classes_ : ndarray of str
        The labels seen in ``fit``.
    n_features_in_ : int
        Columns of a numeric ``X`` (only when fitted on a matrix).
    vectorizers_ : list of (name, TfidfVectorizer)
        The fitted feature extractors (empty when fitted on a matrix).
    model_ : estimator
        The fitted (calibrated) model.
    """

    def __init__(self, alpha: float = 1e-5, word_ngrams: tuple[int, int] = (1, 2), char_ngrams: tuple[int, int] = (2, 5),
                 context: bool = True, class_weight: str | None = "balanced", max_iter: int = 15,
                 calibration: str | None = "sigmoid", cv: int = 3, n_jobs: int | None = None, random_state: int = 0) -> None:
        self.alpha = alpha
        self.word_ngrams = word_ngrams
        self.char_ngrams = char_ngrams
        self.context = context
        self.class_weight = class_weight
        self.max_iter = max_iter
        self.calibration = calibration
        self.cv = cv
        self.n_jobs = n_jobs
        self.random_state = random_state

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.input_tags.dict = True
        tags.input_tags.sparse = True
        return tags

    def fit(self, X: Any, y: Sequence[Any]) -> EventClassifier:
        """Fit on mentions ``X`` (sentences, mention dicts, or a numeric matrix) and labels ``y``
        (CAMEO roots such as ``"19"``, or ``"none"``)."""
        if _is_text(X):
            texts, contexts = _as_mentions(X)
            y = np.asarray(y, dtype=object)
            if len(texts) != len(y):
                raise ValueError(f"X has {len(texts)} mentions but y has {len(y)} labels")
            self.vectorizers_ = self._vectorizers()
            features = self._vectorize(texts, contexts, fit=True)
            if hasattr(self, "n_features_in_"):
                del self.n_features_in_
        else:
            features, y = validate_data(self, X, y, accept_sparse="csr")
            self.vectorizers_ = []
        check_classification_targets(y)
        labels = np.asarray(y)
        classes, counts = np.unique(labels, return_counts=True)
        if len(classes) < 2:
            raise ValueError(f"EventClassifier needs at least two classes to learn from; got {len(classes)} class")
        # class weights become sample weights, so that the calibration respects them too
        weights = compute_sample_weight(self.class_weight, labels) if self.class_weight is not None else None
        model = SGDClassifier(loss="log_loss", alpha=self.alpha, max_iter=self.max_iter, tol=None,
                              random_state=self.random_state, n_jobs=self.n_jobs)
        if self.calibration is not None and min(counts) >= self.cv >= 2:
            model = CalibratedClassifierCV(model, method=self.calibration, cv=self.cv, ensemble=False, n_jobs=self.n_jobs)
        self.model_ = model.fit(features, labels, sample_weight=weights)
        self.classes_ = self.model_.classes_
        self.n_iter_ = self.max_iter  # tol=None: SGD runs exactly max_iter passes
        return self

    def __getstate__(self) -> dict[str, Any]:
        """The vectorisers' vocabularies travel as arrays of terms (a saved model loads in a fraction of
        the time a dict of 100,000s of entries takes with skops)."""
        state = super().__getstate__()
        if state.get("vectorizers_"):
            compact, terms = [], []
            for name, vectorizer in state["vectorizers_"]:
                without = copy.copy(vectorizer)
                del without.vocabulary_
                compact.append((name, without))
                vocabulary = vectorizer.vocabulary_
                order = np.empty(len(vocabulary), dtype=object)
                for term, index in vocabulary.items():
                    order[index] = term
                terms.append(order.astype(str))
            state = {**state, "vectorizers_": compact, "vocabulary_terms_": terms}
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        terms = state.pop("vocabulary_terms_", None)
        super().__setstate__(state)
        if terms is not None:
            for (_, vectorizer), order in zip(self.vectorizers_, terms):
                vectorizer.vocabulary_ = {str(term): index for index, term in enumerate(order)}

    def _vectorizers(self) -> list[tuple[str, TfidfVectorizer]]:
        vectorizers = [("words", TfidfVectorizer(ngram_range=self.word_ngrams, sublinear_tf=True, lowercase=True)),
                       ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=self.char_ngrams, sublinear_tf=True))]
        if self.context:
            vectorizers.append(("context", TfidfVectorizer(token_pattern=r"\S+", lowercase=False, sublinear_tf=True)))
        return vectorizers

    def _features(self, X: Any) -> Any:
        check_is_fitted(self, "model_")
        if self.vectorizers_:
            return self._vectorize(*_as_mentions(X), fit=False)
        return validate_data(self, X, accept_sparse="csr", reset=False)

    def _vectorize(self, texts: list[str], contexts: list[str], fit: bool) -> Any:
        """The n-gram and context features, side by side (fitting the vectorisers when ``fit``)."""
        return sp.hstack([(v.fit_transform if fit else v.transform)(contexts if name == "context" else texts)
                          for name, v in self.vectorizers_]).tocsr()

    def predict_proba(self, X: Any) -> np.ndarray:
        """Probabilities, one row per mention, columns in the order of ``classes_``."""
        features = self._features(X)
        return self.model_.predict_proba(features)

    def predict(self, X: Any) -> np.ndarray:
        """The most probable label of each mention."""
        probabilities = self.predict_proba(X)
        return self.classes_[np.argmax(probabilities, axis=1)]


def _is_text(X: Any) -> bool:
    """Whether ``X`` is a sequence of sentences or mention dicts (else a numeric matrix)."""
    if isinstance(X, np.ndarray):
        return X.ndim == 1 and X.dtype.kind in "OUS"
    if hasattr(X, "iloc"):
        return getattr(X, "ndim", 2) == 1  # a Series of sentences, not a DataFrame of numbers
    if not isinstance(X, (list, tuple)):
        return False  # a sparse matrix or another array-like of numbers
    return bool(X) and all(isinstance(item, (str, dict)) for item in X)


def _as_mentions(X: Iterable[Any]) -> tuple[list[str], list[str]]:
    texts, contexts = [], []
    for item in X:
        if isinstance(item, str):
            texts.append(item)
            contexts.append("sentence")  # a bare sentence, no parse context
        elif isinstance(item, dict) and isinstance(item.get("text"), str):
            texts.append(item["text"])
            contexts.append(" ".join([item.get("kind", "mention"), *item.get("context", ())]))
        else:
            raise TypeError("EventClassifier takes a sequence of sentences (str) or mentions ({'text', 'context'}), "
                            "or a numeric feature matrix")
    return texts, contexts


def save_model(model: EventClassifier, path: str | Path) -> Path:
    """Save a fitted classifier with skops (no pickle); its ``provenance_`` travels with it.

    Examples
    --------
    >>> save_model(model, "model.skops")  # doctest: +SKIP
    """
    import skops.io

    check_is_fitted(model, "model_")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    skops.io.dump(model, temporary)
    temporary.replace(path)
    return path


#: Types a model file may contain beyond what skops trusts by default; anything else is refused.
TRUSTED_TYPES = ("eventcoder.classifier.EventClassifier", "sklearn.calibration._CalibratedClassifier",
                 "sklearn.calibration._SigmoidCalibration", "sklearn.feature_extraction.text.TfidfVectorizer",
                 "sklearn.feature_extraction.text.TfidfTransformer", "sklearn.linear_model._sgd_fast.Hinge",
                 "sklearn.linear_model._sgd_fast.Log", "sklearn.linear_model._sgd_fast.LossFunction",
                 "sklearn._loss.link.LogitLink", "sklearn._loss._loss.CyHalfBinomialLoss",
                 "builtins.slice", "collections.OrderedDict", "numpy.dtype", "scipy.sparse._csr.csr_matrix",
                 "sklearn.isotonic.IsotonicRegression", "sklearn.preprocessing._label.LabelEncoder")


def load_model(path: str | Path) -> EventClassifier:
    """Load a classifier saved by :func:`save_model` or ``eventcoder train``.

    Only known, safe types are loaded (skops, never unpickling): a file that holds anything else
    is refused with E021 naming the types.

    Raises
    ------
    EventcoderError
        E020 when the file does not exist or is not a skops file; E021 for untrusted types.
    """
    import skops.io

    from eventcoder.errors import EventcoderError

    path = Path(path)
    if not path.is_file():
        raise EventcoderError("E020", f"classifier model {path} not found (train one with `eventcoder train`)")
    try:
        untrusted = skops.io.get_untrusted_types(file=path)
    except Exception as exc:
        raise EventcoderError("E020", f"{path} is not a skops model file ({type(exc).__name__}: {exc})") from None
    refused = sorted(set(untrusted) - set(TRUSTED_TYPES))
    if refused:
        raise EventcoderError("E021", f"{path} holds types eventcoder does not trust: {', '.join(refused)}")
    model = skops.io.load(path, trusted=list(untrusted))
    if not isinstance(model, EventClassifier):
        raise EventcoderError("E020", f"{path} holds a {type(model).__name__}, not an EventClassifier")
    return model


def fingerprint(model: EventClassifier | None, dictionary_hash: str) -> str | None:
    """A short hash that identifies a classifier: its parameters, the scikit-learn version, and what it was
    trained on (the default model's cache key, which hashes its training data and pipeline; else
    ``dictionary_hash``). Equal fingerprints give equal confidences.

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
               "trained_on": getattr(model, "provenance_", {}).get("key") or dictionary_hash}
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()[:16]

"""Which sentences to label next: the ones the classifier is least sure about (margin sampling).

Examples
--------
>>> from eventcoder.classifier import EventClassifier
>>> model = EventClassifier().fit(["troops attacked the town", "markets rose today"], ["19", "none"])
>>> rank(["troops attacked", "markets rose", "the minister spoke"], model, n=1)["text"].tolist()
['the minister spoke']
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd


def rank(texts: Sequence[str], model, n: int = 20) -> pd.DataFrame:
    """The ``n`` texts with the smallest margin between the model's two most probable labels.

    Returns a DataFrame with ``text``, ``predicted`` (label), ``confidence`` (its probability) and
    ``margin`` (top minus second probability), least certain first.
    """
    texts = list(texts)
    probs = model.predict_proba(texts)
    order = np.sort(probs, axis=1)
    margin = order[:, -1] - (order[:, -2] if probs.shape[1] > 1 else 0.0)
    frame = pd.DataFrame({"text": texts, "predicted": model.classes_[probs.argmax(axis=1)],
                          "confidence": probs.max(axis=1).round(4), "margin": margin.round(4)})
    return frame.sort_values("margin", kind="stable").head(n).reset_index(drop=True)

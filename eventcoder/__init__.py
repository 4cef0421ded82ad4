"""eventcoder: code news text into dyadic CAMEO/PLOVER political events.

Importing this package is cheap: spaCy, scikit-learn and pandas are loaded on
first use of the names below, never at ``import eventcoder``.

Examples
--------
>>> import eventcoder
>>> events = eventcoder.code_text("Russia launched drones at Ukraine.", date="2025-05-27")  # doctest: +SKIP
>>> [(e.source.code, e.target.code, e.cameo) for e in events]  # doctest: +SKIP
[('RUS', 'UKR', '195')]
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name -> module that defines it (imported lazily)
_LAZY = {
    "Coder": "eventcoder.api",
    "code_text": "eventcoder.api",
    "code_texts": "eventcoder.api",
    "code_corpus": "eventcoder.corpus",
    "CoderConfig": "eventcoder.corpus",
    "evaluate": "eventcoder.evaluation",
    "Event": "eventcoder.schema",
    "Actor": "eventcoder.schema",
    "Evidence": "eventcoder.schema",
    "EventClassifier": "eventcoder.classifier",
    "load_dictionaries": "eventcoder.dictionaries",
    "Dictionaries": "eventcoder.dictionaries",
    "clean_text": "eventcoder.text",
    "ontology": "eventcoder.ontology",
    "EventcoderError": "eventcoder.errors",
    "DictionaryError": "eventcoder.errors",
}

__all__ = ["__version__", *_LAZY]

if TYPE_CHECKING:  # pragma: no cover
    from eventcoder import ontology
    from eventcoder.api import Coder, code_text, code_texts
    from eventcoder.classifier import EventClassifier
    from eventcoder.corpus import CoderConfig, code_corpus
    from eventcoder.evaluation import evaluate
    from eventcoder.dictionaries import Dictionaries, load_dictionaries
    from eventcoder.errors import DictionaryError, EventcoderError
    from eventcoder.schema import Actor, Event, Evidence
    from eventcoder.text import clean_text


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'eventcoder' has no attribute {name!r}")
    module = import_module(_LAZY[name])
    return module if module.__name__.endswith("." + name) else getattr(module, name)


def __dir__() -> list[str]:
    return sorted(__all__)

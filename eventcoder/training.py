"""Training data the project owns, and the default classifier built from it.

:func:`generate` composes labelled sentences from the dictionaries: every verb-pattern
example (labelled with its event's CAMEO root, or ``"none"``), a variant of each with other
countries' names and newswire framing (dates, attributions, trailing clauses, distractors), the
labelled newswire sentences of ``dictionaries/training/events_*.txt`` (the many other ways news
words each kind of event), and the no-event sentences of ``dictionaries/training/`` (markets,
sport, weather, science, statistics, political sentences with no codable event), also with
framing. It is deterministic given ``seed``.

:func:`training_mentions` parses those sentences and turns each into classifier inputs: the whole
sentence with its parse context, and every candidate event the coder finds in it (dictionary hits and the
subject/object pairs no pattern coded), labelled with the root of the matching expected event
or ``"none"``. :func:`default_classifier` trains on them once per pipeline and data version,
and caches the model in skops format (``eventcoder.paths.cache_dir()``).

Examples
--------
>>> from eventcoder.dictionaries import load_dictionaries
>>> sentences = generate(load_dictionaries())
>>> len(sentences) >= 8000 and sum(s.label == "none" for s in sentences) >= 1000
True
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

from eventcoder.classifier import NO_EVENT, EventClassifier, label_of, load_model, save_model
from eventcoder.dictionaries import Dictionaries

if TYPE_CHECKING:
    from spacy.language import Language

    from eventcoder.component import EventCoderComponent

#: Bumped when the generator, the labelling (the candidates dyad extraction finds) or the saved form changes: it
#: invalidates cached default models.
GENERATOR_VERSION = 12

OPENINGS = ("", "", "On Tuesday, ", "Late on Friday, ", "Earlier this week, ", "On Sunday, ", "In a statement on Monday, ",
            "According to state media, ", "In a move that surprised analysts, ", "For the second time this month, ")
ENDINGS = ("", "", ", officials said", ", a spokesman said", ", according to a statement", ", the ministry said",
           " on Wednesday", ", as oil prices rose in Asian trade", ", days after heavy rain hit the region",
           ", state television reported", ", diplomats said")
#: Sentence openings kept when a frame is put before them; others are lower-cased ("The army ..." -> "the army ...").
LOWER_FIRST = frozenset({"The", "A", "An", "Its", "Their", "His", "Her"})


@dataclass(frozen=True)
class LabelledSentence:
    """One training sentence: its text, the events it must give ("SRC TGT CODE"), and its root label."""

    text: str
    events: tuple[tuple[str, str, str], ...]
    label: str
    origin: str  # "example", "variant", "labelled", "no-event" or "no-event-variant"


def generate(dictionaries: Dictionaries, variants: int = 1, seed: int = 0) -> list[LabelledSentence]:
    """Labelled sentences from the dictionaries; see the module docstring. Deterministic given ``seed``."""
    rng = random.Random(seed)
    countries = [_Country(a.codes[0].code, a.names[0], a.adjectives[0]) for a in dictionaries.actors
                 if a.kind == "country" and a.names and a.adjectives and len(a.codes) == 1 and len(a.codes[0].code) == 3]
    out: list[LabelledSentence] = []
    for example in dictionaries.examples:
        events = tuple((e.source, e.target, e.code) for e in example.events)
        label = label_of(events[0][2]) if events else NO_EVENT
        out.append(LabelledSentence(example.text, events, label, "example"))
        for _ in range(variants if events else 1):
            text, swapped = _swap_countries(example.text, countries, rng)
            renamed = tuple((_recode(s, swapped), _recode(t, swapped), c) for s, t, c in events)
            out.append(LabelledSentence(_frame(text, rng), renamed, label, "variant"))
    for example in dictionaries.training_sentences:
        events = tuple((e.source, e.target, e.code) for e in example.events)
        label = label_of(events[0][2]) if events else NO_EVENT
        out.append(LabelledSentence(example.text, events, label, "labelled"))
    for sentence in dictionaries.no_event_sentences:
        out.append(LabelledSentence(sentence, (), NO_EVENT, "no-event"))
        out.append(LabelledSentence(_frame(sentence, rng), (), NO_EVENT, "no-event-variant"))
    return out


def _frame(text: str, rng: random.Random) -> str:
    """Put a newswire opening and/or ending around a sentence."""
    body = text.rstrip()
    stop = body[-1] if body and body[-1] in ".?!" else "."
    body = body[:-1] if body and body[-1] in ".?!" else body
    if stop == "?" or '"' in body or "'" in body[-2:]:
        return text  # questions and quotes keep their shape
    opening, ending = rng.choice(OPENINGS), rng.choice(ENDINGS)
    if opening:
        first, _, rest = body.partition(" ")
        body = (first.lower() if first in LOWER_FIRST else first) + (" " + rest if rest else "")
    return f"{opening}{body}{ending}{stop}"


@dataclass(frozen=True)
class _Country:
    code: str
    name: str
    adjective: str


@lru_cache(maxsize=4096)
def _word_pattern(phrase: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])")


def _swap_countries(text: str, countries: list[_Country], rng: random.Random) -> tuple[str, dict[str, str]]:
    """Replace each country's name or adjective in ``text`` with another country's; returns the
    new text and the code mapping (old code -> new code)."""
    mapping: dict[str, str] = {}
    by_code = {c.code: c for c in countries}
    original = text
    for country in countries:
        for kind, phrase in (("name", country.name), ("adjective", country.adjective)):
            if phrase not in original:
                continue
            pattern = _word_pattern(phrase)
            if not pattern.search(text):
                continue
            if country.code not in mapping:
                mapping[country.code] = rng.choice(countries).code
            other = by_code[mapping[country.code]]
            text = pattern.sub(other.name if kind == "name" else other.adjective, text)
    return text, mapping


def _recode(code: str, mapping: dict[str, str]) -> str:
    return mapping.get(code[:3], code[:3]) + code[3:]


def data_hash(sentences: Sequence[LabelledSentence]) -> str:
    """A short hash of the training sentences and labels."""
    digest = hashlib.sha256()
    for sentence in sentences:
        digest.update(f"{sentence.text}\t{sentence.label}\t{sentence.events}\n".encode())
    return digest.hexdigest()[:16]


def parse_processes(count: int) -> int:
    """Parser processes for ``count`` training sentences: two for a large set on a machine with two or
    more cores (the parse is most of a default model's build), one otherwise and inside a worker
    process, which may not start processes of its own."""
    import multiprocessing
    import os

    if count < 2000 or (os.cpu_count() or 1) < 2 or multiprocessing.current_process().daemon:
        return 1
    return 2


def training_mentions(component: EventCoderComponent, nlp: Language,
                      sentences: Sequence[LabelledSentence]) -> tuple[list[Any], list[str]]:
    """Classifier inputs and labels: each whole sentence (with its parse context, see
    :func:`eventcoder.features.sentence_mention`) with its label, and each candidate event the
    coder finds in it, labelled with the root of the expected event of the same (source, target)
    countries, or ``"none"``."""
    X: list[Any] = []
    y: list[str] = []
    docs = nlp.pipe((s.text for s in sentences), batch_size=256, n_process=parse_processes(len(sentences)),
                    disable=[name for name in nlp.pipe_names if name == "eventcoder"])
    for sentence, doc in zip(sentences, docs):
        X.append(component.text_mention(doc))
        y.append(sentence.label)
        expected = {(s[:3], t[:3]): label_of(code) for s, t, code in sentence.events}
        for candidate in component.candidates(doc):
            if candidate.reading is not None:
                continue  # the whole sentence is already in, with its own label
            X.append(candidate.mention())
            y.append(expected.get((candidate.source.code[:3], candidate.target.code[:3]), NO_EVENT))
    return X, y


def default_key(nlp: Language, params: dict[str, Any], sentences: Sequence[LabelledSentence],
                dictionaries_hash: str = "") -> str:
    """What identifies a default model: training data, the shipped dictionaries that find its candidate
    events (patterns and actors decide the mentions it learns from), pipeline, parameters and library
    versions. User dictionary folders do not enter it: they share the default model."""
    import sklearn

    from eventcoder import __version__

    payload = {"data": data_hash(sentences), "dictionaries": dictionaries_hash,
               "pipeline": f"{nlp.meta.get('name')} {nlp.meta.get('version')}",
               "params": params, "sklearn": sklearn.__version__, "eventcoder": __version__, "generator": GENERATOR_VERSION}
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()[:16]


#: The default model's parameters, chosen on the ConfliBERT *train* split as a development set
#: (never on a test set): 20 passes, 2-fold calibration, character 3-5-grams (dev macro-F1 0.772
#: against 0.758 for 10 passes, 3 folds and 2-5-grams, and a faster fit); both cores for the fits.
DEFAULT_PARAMS: dict[str, Any] = {"max_iter": 20, "cv": 2, "char_ngrams": (3, 5), "n_jobs": -1}


def default_classifier(nlp: Language, component: EventCoderComponent, cache: bool = True,
                       **params: Any) -> EventClassifier:
    """The default classifier for this pipeline, trained on :func:`generate` of the shipped dictionaries;
    loaded from the cache when it was built before, else trained (under a minute) and cached."""
    from eventcoder.dictionaries import load_dictionaries
    from eventcoder.paths import cache_dir

    params = {**DEFAULT_PARAMS, **params}
    shipped = load_dictionaries()
    sentences = generate(shipped)
    key = default_key(nlp, {k: v for k, v in params.items() if k != "n_jobs"}, sentences, shipped.hash)
    path = cache_dir() / "models" / f"default-{key}.skops"
    if cache and path.is_file():
        return load_model(path)
    if component.dictionaries.hash != shipped.hash:  # a coder with user folders: the default model stays the same
        from eventcoder.component import EventCoderComponent

        component = EventCoderComponent(nlp, shipped, None)
    model = train(component, nlp, sentences, **params)
    model.provenance_ = {"key": key, "data_hash": data_hash(sentences), "sentences": len(sentences),
                         "pipeline": f"{nlp.meta.get('name')} {nlp.meta.get('version')}", **model.provenance_}
    if cache:
        try:
            save_model(model, path)
        except OSError:
            pass  # a read-only cache folder: the model still works, it is just rebuilt next time
    return model


def train(component: EventCoderComponent, nlp: Language, sentences: Sequence[LabelledSentence],
          **params: Any) -> EventClassifier:
    """Fit an :class:`EventClassifier` on the mentions of ``sentences``; records ``provenance_``."""
    import sklearn

    X, y = training_mentions(component, nlp, sentences)
    model = EventClassifier(**params).fit(X, y)
    model.provenance_ = {"params": {k: str(v) for k, v in model.get_params().items()},
                         "sklearn_version": sklearn.__version__, "mentions": len(X)}
    return model


def read_labels(path: str | Path) -> list[LabelledSentence]:
    """Labelled sentences for ``eventcoder train``: JSONL in eventcoder's gold format
    (``{"text", "events": [{"source", "target", "code"}]}``, per document or per sentence), or a CSV/TSV/JSONL
    table of ``text`` and ``code`` (a CAMEO code or root, or "none")."""
    import pandas as pd

    from eventcoder.errors import InputError

    path = Path(path)
    if path.suffix in (".csv", ".tsv"):
        table = pd.read_csv(path, sep="\t" if path.suffix == ".tsv" else ",", dtype=str, keep_default_na=False)
        rows = table.to_dict("records")
    else:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    out = []
    for number, row in enumerate(rows, 1):
        text = row.get("text")
        if not isinstance(text, str) or not text.strip():
            raise InputError("E304", f"{path}:{number}: a label row needs a 'text'")
        if "events" in row:
            events = tuple((str(e.get("source", "")), str(e.get("target", "")), str(e["code"])) for e in row["events"] or ())
            label = label_of(events[0][2]) if events else NO_EVENT
        elif "code" in row:
            code = str(row["code"]).strip()
            label = NO_EVENT if code.lower() in ("", "none", "no event", "0") else label_of(code.zfill(2))
            events = ()
        else:
            raise InputError("E304", f"{path}:{number}: a label row needs 'events' (gold format) or 'code'")
        out.append(LabelledSentence(text.strip(), events, label, "labels"))
    return out

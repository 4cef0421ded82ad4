"""The event record: eventcoder's public output contract.

Events are frozen dataclasses that convert to and from plain JSON-ready dicts
(:meth:`Event.to_record`, :meth:`Event.from_record`) and flatten to one row for
tables (:meth:`Event.to_row`).

Examples
--------
>>> rus = Actor(text="Russia", code="RUS", country="RUS", role=None)
>>> rus.to_record()
{'text': 'Russia', 'code': 'RUS', 'country': 'RUS', 'role': None}
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

#: Columns of the flat table form (CSV, Parquet, DataFrame), in order.
ROW_COLUMNS: tuple[str, ...] = (
    "event_id", "doc_id", "sentence_index", "date",
    "source_text", "source_code", "source_country", "source_role",
    "target_text", "target_code", "target_country", "target_role",
    "cameo", "cameo_root", "quad_class", "goldstein", "plover", "plover_mode",
    "confidence", "method",
    "trigger", "pattern", "source_span_start", "source_span_end", "target_span_start", "target_span_end",
    "sentence",
)


@dataclass(frozen=True)
class Actor:
    """One side of a dyad.

    Parameters
    ----------
    text : str
        The words in the sentence that name the actor ("his Turkish counterpart Hakan Fidan").
    code : str
        The CAMEO actor code: country head plus role codes ("TURGOV"), or an IGO code ("IGOUNO").
    country : str or None
        The three-letter head of ``code`` (``"TUR"``; ``"IGO"`` for organisations).
    role : str or None
        The first role code after the head (``"GOV"``), or None.
    """

    text: str
    code: str
    country: str | None
    role: str | None

    def to_record(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Actor:
        return cls(text=record["text"], code=record["code"], country=record.get("country"), role=record.get("role"))


@dataclass(frozen=True)
class Evidence:
    """Why an event was coded: the trigger word, the pattern and the actor spans.

    Spans are ``[start, end)`` character offsets into :attr:`Event.sentence`.
    """

    trigger: str
    pattern: str | None  # None for an event the classifier proposed
    source_span: tuple[int, int]
    target_span: tuple[int, int]

    def to_record(self) -> dict[str, Any]:
        return {"trigger": self.trigger, "pattern": self.pattern,
                "source_span": list(self.source_span), "target_span": list(self.target_span)}

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Evidence:
        return cls(trigger=record["trigger"], pattern=record["pattern"],
                   source_span=tuple(record["source_span"]), target_span=tuple(record["target_span"]))


@dataclass(frozen=True)
class Event:
    """A dyadic event: ``source`` did ``cameo`` to ``target``.

    See README, "The event record", for every field.
    """

    event_id: str
    doc_id: str
    sentence_index: int
    date: str | None
    source: Actor
    target: Actor
    cameo: str
    cameo_root: str
    quad_class: int
    goldstein: float
    plover: str | None
    plover_mode: str | None
    confidence: float | None
    method: str
    evidence: Evidence
    sentence: str = field(repr=False)

    def to_record(self) -> dict[str, Any]:
        """The nested JSON record of README's "The event record"."""
        record = asdict(self)
        record["source"] = self.source.to_record()
        record["target"] = self.target.to_record()
        record["evidence"] = self.evidence.to_record()
        return record

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Event:
        values = dict(record)
        values["source"] = Actor.from_record(record["source"])
        values["target"] = Actor.from_record(record["target"])
        values["evidence"] = Evidence.from_record(record["evidence"])
        return cls(**values)

    def to_row(self) -> dict[str, Any]:
        """One flat row with the columns of :data:`ROW_COLUMNS`."""
        row: dict[str, Any] = {
            "event_id": self.event_id, "doc_id": self.doc_id,
            "sentence_index": self.sentence_index, "date": self.date,
        }
        for side, actor in (("source", self.source), ("target", self.target)):
            row.update({f"{side}_text": actor.text, f"{side}_code": actor.code,
                        f"{side}_country": actor.country, f"{side}_role": actor.role})
        row.update({
            "cameo": self.cameo, "cameo_root": self.cameo_root, "quad_class": self.quad_class,
            "goldstein": self.goldstein, "plover": self.plover, "plover_mode": self.plover_mode,
            "confidence": self.confidence, "method": self.method,
            "trigger": self.evidence.trigger, "pattern": self.evidence.pattern,
            "source_span_start": self.evidence.source_span[0], "source_span_end": self.evidence.source_span[1],
            "target_span_start": self.evidence.target_span[0], "target_span_end": self.evidence.target_span[1],
            "sentence": self.sentence,
        })
        return row

    def __str__(self) -> str:
        return f"{self.source.code} -> {self.target.code}: {self.cameo} ({self.plover or '-'})"

"""Gold-standard data: eventcoder's gold format, and adapters for public reference sets.

eventcoder's format (JSON Lines, one document per line)::

    {"id": "d1", "date": "2025-05-27", "text": "...",
     "events": [{"source": "RUSGOV", "target": "TURGOV", "code": "040", "sentence": 1, "optional": false}]}

Adapters turn the reference sets into :class:`GoldDocument` lists, with their label mappings:

- ``plover-gsr``: PLOVER gold-standard records (one sentence each): events from the source and target
  actors (country + sector) and the CAMEO code of the manual; ``labels`` = the PLOVER 2.0 type.
- ``petrarch2-gsr``: the PETRARCH-2 GSR validation records (real AFP sentences): ``expected`` events.
- ``conflibert``: ConfliBERT's 5-class set; ``labels`` = the class (see :data:`PENTA_CLASSES`); no events.
- ``case2021``: CASE 2021 task 2; ``labels`` = the acceptable PLOVER types of the set's heuristic mapping
  ("none" for snippets with no PLOVER event); no events.

Examples
--------
>>> penta_class("16"), penta_class("14"), penta_class(None)
('VERBAL_CONFLICT', 'MATERIAL_CONFLICT', 'NEUTRAL')
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable

from eventcoder.dates import parse_date
from eventcoder.errors import EventcoderError, InputError

FORMATS = ("eventcoder", "plover-gsr", "petrarch2-gsr", "conflibert", "case2021")
NO_EVENT = "none"
#: ConfliBERT / Phoenix "penta" classes by CAMEO root (16 counts as verbal conflict).
PENTA_CLASSES = {
    **dict.fromkeys(["01", "02"], "NEUTRAL"),
    **dict.fromkeys(["03", "04", "05"], "VERBAL_COOP"),
    **dict.fromkeys(["06", "07", "08"], "MATERIAL_COOP"),
    **dict.fromkeys(["09", "10", "11", "12", "13", "16"], "VERBAL_CONFLICT"),
    **dict.fromkeys(["14", "15", "17", "18", "19", "20"], "MATERIAL_CONFLICT"),
}


@dataclass(frozen=True)
class GoldEvent:
    """One hand-coded event; ``optional`` events count neither as misses nor, when found, as false alarms."""

    source: str
    target: str
    code: str | None
    sentence: int | None = None
    optional: bool = False


@dataclass(frozen=True)
class GoldDocument:
    """A gold document: its text, its events, and sentence-level labels for classification sets.

    ``labels`` holds the acceptable labels of a single-label set (PLOVER type, penta class); a
    prediction is right when it is one of them.
    """

    id: str
    date: str | None
    text: str
    events: tuple[GoldEvent, ...] = ()
    labels: tuple[str, ...] = ()
    label_kind: str | None = None  # "plover" or "penta"
    meta: dict[str, Any] = field(default_factory=dict, compare=False)


def penta_class(root: str | None) -> str:
    """The 5-class label of a CAMEO root; no event is ``NEUTRAL``."""
    return PENTA_CLASSES.get(root or "", "NEUTRAL")


def detect_format(path: str | Path) -> str:
    """Guess a gold file's format from its first record."""
    with Path(path).open(encoding="utf-8") as handle:
        first = next((line for line in handle if line.strip()), "")
    try:
        record = json.loads(first)
    except json.JSONDecodeError:
        raise InputError("E330", f"{path}:1: a gold file is JSON Lines; the first line is not JSON") from None
    if "events" in record:
        return "eventcoder"
    if "labels_plover_v05" in record:
        return "plover-gsr"
    if "expected" in record and "parse" in record:
        return "petrarch2-gsr"
    if "split" in record and "label_id" in record:
        return "conflibert"
    if "plover_type_heuristic" in record:
        return "case2021"
    raise InputError("E331", f"{path}: cannot tell the gold format; pass one of {', '.join(FORMATS)}")


def read_gold(path: str | Path, format: str = "auto", split: str = "test") -> list[GoldDocument]:
    """Read a gold file in any supported format (see the module docstring).

    Parameters
    ----------
    path : str or Path
    format : str, default "auto"
        One of :data:`FORMATS`, or "auto" to detect it.
    split : str, default "test"
        For ``conflibert``: which split to read (never train on ``test``).

    Raises
    ------
    InputError
        With ``file:line`` for a malformed record.
    """
    path = Path(path)
    chosen = detect_format(path) if format == "auto" else format
    if chosen not in FORMATS:
        raise EventcoderError("E332", f"unknown gold format {format!r}; choose one of {', '.join(FORMATS)}")
    adapter: Callable[[dict[str, Any]], GoldDocument | None] = {
        "eventcoder": _from_eventcoder, "plover-gsr": _from_plover_gsr, "petrarch2-gsr": _from_petrarch2_gsr,
        "conflibert": lambda r: _from_conflibert(r, split), "case2021": _from_case2021}[chosen]
    documents = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                document = adapter(json.loads(line))
            except (json.JSONDecodeError, KeyError, TypeError, ValueError, InputError) as exc:
                raise InputError("E333", f"{path}:{number}: not a {chosen} gold record: {exc}") from None
            if document is not None:
                documents.append(document)
    seen: dict[str, int] = {}
    for index, document in enumerate(documents):
        count = seen[document.id] = seen.get(document.id, 0) + 1
        if count > 1:
            if chosen == "eventcoder":
                raise InputError("E334", f"{path}: document id {document.id!r} appears more than once")
            # a reference set's own duplicate id: keep both records, told apart
            documents[index] = replace(document, id=f"{document.id}#{count}")
    return documents


def _from_eventcoder(record: dict[str, Any]) -> GoldDocument:
    events = []
    for item in record["events"]:
        code = str(item["code"])
        if not code.isdigit():
            raise ValueError(f"event code {code!r} must be digits such as '040'")
        events.append(GoldEvent(str(item["source"]), str(item["target"]), code, item.get("sentence"),
                                bool(item.get("optional", False))))
    return GoldDocument(str(record["id"]), parse_date(record.get("date")), record["text"], tuple(events))


#: The PLOVER GSR's non-standard country codes, and the ISO codes CAMEO writes differently.
PLOVER_GSR_CODES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "ROU": "ROM", "MNE": "MTN", "TLS": "TMP"}


def _actor_code(actor: dict[str, Any]) -> str:
    code, sector = actor.get("code") or "", actor.get("sector") or ""
    code = PLOVER_GSR_CODES.get(code, code)
    return code + (sector if len(sector) == 3 and sector.isalpha() and sector.isupper() else "")


def _from_plover_gsr(record: dict[str, Any]) -> GoldDocument:
    codes = record.get("cameo_code_from_manual") or [None]
    sources = [_actor_code(a) for a in record.get("source") or [] if a.get("code")]
    targets = [_actor_code(a) for a in record.get("target") or [] if a.get("code")]
    if not targets and len(sources) >= 2:  # reciprocal: SRC/TAR both ways
        pairs = [(s, t) for s in sources for t in sources if s != t]
    else:
        pairs = [(s, t) for s in sources for t in targets]
    events = tuple(GoldEvent(s, t, codes[0]) for s, t in pairs)
    return GoldDocument(record["id"], None, record["text"], events, tuple(record["labels"]), "plover",
                        {"sources": sources, "targets": targets})


def _from_petrarch2_gsr(record: dict[str, Any]) -> GoldDocument | None:
    if str(record.get("evaluate", "true")).lower() != "true":
        return None
    events = tuple(GoldEvent(e["source"], e["target"], e["code"]) for e in record.get("expected") or [])
    return GoldDocument(record["id"], parse_date(record.get("date")), record["text"], events)


def _from_conflibert(record: dict[str, Any], split: str) -> GoldDocument | None:
    if record["split"] != split:
        return None
    return GoldDocument(record["id"], None, record["text"], (), tuple(record["labels"]), "penta")


def _from_case2021(record: dict[str, Any]) -> GoldDocument:
    heuristic = record.get("plover_type_heuristic")
    if heuristic is None or heuristic.startswith("("):  # no PLOVER event, or a CAMEO code PLOVER drops
        labels: tuple[str, ...] = (NO_EVENT,)
    else:
        labels = tuple(label.strip("?") for label in heuristic.split("|"))
    return GoldDocument(record["id"], None, record["text"], (), labels, "plover",
                        {"case_label": record["labels"][0]})

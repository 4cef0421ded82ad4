"""Evaluate coded events against a gold standard: precision, recall and F1 at three levels, and more.

Levels (micro-averaged over documents; each document's events are a set at that level):

- ``root``: (source country, target country, CAMEO root), e.g. (RUS, UKR, 19)
- ``dyad``: (source country, target country)
- ``strict``: (full source code, full target code, full CAMEO code), e.g. (RUSMIL, UKR, 195)

The country of an actor code is its first three letters (``IGOUNO`` -> ``IGO``). Gold events marked
``optional`` count neither as misses nor, when found, as false alarms. The report also holds per-root
and per-QuadClass tables, a confusion matrix of roots (gold and predicted events paired by dyad), source
and target accuracy, event-type accuracy for sentence-labelled sets (PLOVER types, 5-class), and an
error table of missed and extra events with their sentence and evidence.

Examples
--------
>>> gold = [GoldDocument("d1", None, "Russia attacked Ukraine.", (GoldEvent("RUS", "UKR", "190"),))]
>>> pred = [Prediction("d1", "RUSMIL", "UKR", "195")]
>>> report = evaluate(gold, pred)
>>> report.levels["root"]["f1"], report.levels["strict"]["f1"]
(1.0, 0.0)
"""

from __future__ import annotations

import base64
import html
import io
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

from eventcoder.gold import NO_EVENT, GoldDocument, GoldEvent, penta_class, read_gold
from eventcoder.ontology import load_ontology

LEVELS = ("root", "dyad", "strict")


@dataclass(frozen=True)
class Prediction:
    """One predicted event, from eventcoder or from another coder's output."""

    doc_id: str
    source: str
    target: str
    code: str
    confidence: float | None = None
    sentence: str | None = None
    evidence: str | None = None

    @property
    def is_sentence_label(self) -> bool:
        """A prediction with no source and no target labels its sentence's event type only
        (see :meth:`eventcoder.Coder.classify_sentences`); it takes no part in dyad scoring."""
        return not self.source and not self.target

    @classmethod
    def from_event(cls, event: Any) -> Prediction:
        """From an :class:`eventcoder.Event` or its JSON record."""
        record = event.to_record() if hasattr(event, "to_record") else event
        evidence = record.get("evidence") or {}
        return cls(str(record["doc_id"]), record["source"]["code"], record["target"]["code"], record["cameo"],
                   record.get("confidence"), record.get("sentence"),
                   f"{evidence.get('trigger')} {evidence.get('pattern')}" if evidence else None)


@dataclass
class Report:
    """What :func:`evaluate` measured; ``to_json``/``to_markdown``/``to_html`` render it."""

    levels: dict[str, dict[str, float | int]]
    per_root: dict[str, dict[str, float | int]]
    per_quad_class: dict[str, dict[str, float | int]]
    confusion: dict[str, dict[str, int]]
    source_accuracy: float | None
    target_accuracy: float | None
    event_type: dict[str, Any] | None
    errors: list[dict[str, Any]]
    counts: dict[str, int]
    meta: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {**{level: self.levels.get(level) for level in LEVELS},
                "per_root": self.per_root, "per_quad_class": self.per_quad_class, "confusion": self.confusion,
                "source_accuracy": self.source_accuracy, "target_accuracy": self.target_accuracy,
                "event_type": self.event_type, "counts": self.counts, "errors": self.errors, "meta": self.meta}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False)

    def summary(self) -> str:
        """One line per level, for terminals and logs."""
        lines = [f"{level:>6}: P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}  "
                 f"(tp {m['tp']}, fp {m['fp']}, fn {m['fn']})" for level, m in self.levels.items()]
        if self.event_type:
            lines.append(f"  type: accuracy {self.event_type['accuracy']:.3f}, macro-F1 {self.event_type['macro_f1']:.3f} "
                         f"over {self.event_type['documents']} sentences")
        return "\n".join(lines)

    def to_markdown(self, max_errors: int = 50) -> str:
        out = [f"# Evaluation: {self.meta.get('gold', 'gold set')}", ""]
        out += [f"{k}: {v}" for k, v in self.counts.items()] + [""]
        if self.levels:
            out += ["| level | precision | recall | F1 | tp | fp | fn |", "|---|---|---|---|---|---|---|"]
        out += [f"| {level} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | {m['tp']} | {m['fp']} | {m['fn']} |"
                for level, m in self.levels.items()]
        if self.source_accuracy is not None:
            out += ["", f"Source country accuracy {self.source_accuracy:.3f}, target {self.target_accuracy:.3f} "
                        "(share of gold events whose document has a predicted event with that country)."]
        if self.event_type:
            out += ["", f"## Event type ({self.event_type['kind']})", "",
                    f"Accuracy {self.event_type['accuracy']:.3f}, macro-F1 {self.event_type['macro_f1']:.3f} "
                    f"over {self.event_type['documents']} sentences.", "",
                    "| type | precision | recall | F1 | support |", "|---|---|---|---|---|"]
            out += [f"| {t} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | {m['support']} |"
                    for t, m in self.event_type["per_type"].items()]
        for title, table in (("Per CAMEO root", self.per_root), ("Per QuadClass", self.per_quad_class)):
            if table:
                out += ["", f"## {title} (root level)", "", "| | precision | recall | F1 | tp | fp | fn |", "|---|---|---|---|---|---|---|"]
                out += [f"| {k} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | {m['tp']} | {m['fp']} | {m['fn']} |"
                        for k, m in table.items()]
        if self.errors:
            out += ["", f"## Errors (first {min(max_errors, len(self.errors))} of {len(self.errors)})", "",
                    "| document | kind | event | sentence | evidence |", "|---|---|---|---|---|"]
            for e in self.errors[:max_errors]:
                sentence = (e["sentence"] or "").replace("|", "/")[:160]
                out.append(f"| {e['doc_id']} | {e['kind']} | {e['event']} | {sentence} | {e.get('evidence') or ''} |")
        return "\n".join(out) + "\n"

    def to_html(self, max_errors: int = 200) -> str:
        """A standalone HTML page: the tables, and the confusion matrix of roots as a heatmap."""
        def table(header: list[str], rows: list[list[Any]]) -> str:
            head = "".join(f"<th>{html.escape(str(h))}</th>" for h in header)
            body = "".join("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>" for row in rows)
            return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"

        def scores(data: dict[str, dict[str, Any]]) -> str:
            return table(["", "precision", "recall", "F1", "tp", "fp", "fn"],
                         [[k, f"{m['precision']:.3f}", f"{m['recall']:.3f}", f"{m['f1']:.3f}", m["tp"], m["fp"], m["fn"]]
                          for k, m in data.items()])

        parts = [f"<h1>Evaluation: {html.escape(str(self.meta.get('gold', 'gold set')))}</h1>",
                 table(list(self.counts), [list(self.counts.values())])]
        if self.levels:
            parts += ["<h2>Levels</h2>", scores(self.levels)]
        if self.source_accuracy is not None:
            parts.append(f"<p>Source country accuracy {self.source_accuracy:.3f}, target {self.target_accuracy:.3f}.</p>")
        if self.event_type:
            parts += [f"<h2>Event type ({html.escape(self.event_type['kind'])})</h2>",
                      f"<p>Accuracy {self.event_type['accuracy']:.3f}, macro-F1 {self.event_type['macro_f1']:.3f}.</p>",
                      table(["type", "precision", "recall", "F1", "support"],
                            [[t, f"{m['precision']:.3f}", f"{m['recall']:.3f}", f"{m['f1']:.3f}", m["support"]]
                             for t, m in self.event_type["per_type"].items()])]
        if self.confusion:
            parts += ["<h2>Confusion matrix of CAMEO roots</h2>",
                      f'<img alt="confusion matrix" src="data:image/png;base64,{_png(plot_confusion(self))}">']
        if self.per_root:
            parts += ["<h2>Per CAMEO root</h2>", scores(self.per_root), "<h2>Per QuadClass</h2>", scores(self.per_quad_class)]
        if self.errors:
            parts += [f"<h2>Errors ({min(max_errors, len(self.errors))} of {len(self.errors)})</h2>",
                      table(["document", "kind", "event", "sentence", "evidence"],
                            [[e["doc_id"], e["kind"], e["event"], e["sentence"], e.get("evidence") or ""]
                             for e in self.errors[:max_errors]])]
        style = ("body{font-family:sans-serif;max-width:1100px;margin:2em auto}table{border-collapse:collapse;margin:1em 0}"
                 "td,th{border:1px solid #ccc;padding:3px 8px;font-size:13px;text-align:left}img{max-width:100%}")
        return f"<!doctype html><html><head><meta charset='utf-8'><title>eventcoder evaluation</title><style>{style}</style></head><body>{''.join(parts)}</body></html>"

    def write(self, path: str | Path) -> Path:
        """Write the report; the extension picks JSON, Markdown (.md) or HTML (.html)."""
        path = Path(path)
        text = {".md": self.to_markdown, ".html": self.to_html, ".htm": self.to_html}.get(path.suffix.lower(), self.to_json)()
        path.write_text(text, encoding="utf-8")
        return path


def plot_confusion(report: Report, ax: Any = None) -> Any:
    """Heatmap of the confusion matrix of CAMEO roots (rows gold, columns predicted); returns the Figure."""
    if ax is None:
        from matplotlib.figure import Figure  # no pyplot: no global figure state, no GUI backend

        figure = Figure(figsize=(8, 7))
        ax = figure.subplots()
    else:
        figure = ax.figure
    labels = sorted(set(report.confusion) | {p for row in report.confusion.values() for p in row}, key=lambda x: (x == NO_EVENT, x))
    matrix = [[report.confusion.get(g, {}).get(p, 0) for p in labels] for g in labels]
    image = ax.imshow(matrix, cmap="Blues")
    ax.set_xticks(range(len(labels)), labels, rotation=90)
    ax.set_yticks(range(len(labels)), labels)
    ax.set_xlabel("predicted root")
    ax.set_ylabel("gold root")
    ax.set_title("CAMEO roots: gold vs predicted (events paired by dyad)")
    for i, row in enumerate(matrix):
        for j, value in enumerate(row):
            if value:
                ax.text(j, i, value, ha="center", va="center", fontsize=7,
                        color="white" if value > max(map(max, matrix)) / 2 else "black")
    figure.colorbar(image, ax=ax, shrink=0.8)
    figure.tight_layout()
    return figure


def _png(figure: Any) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4), "tp": tp, "fp": fp, "fn": fn}


def _key(level: str, source: str, target: str, code: str | None) -> tuple[str, ...]:
    if level == "root":
        return (source[:3], target[:3], (code or "")[:2])
    if level == "dyad":
        return (source[:3], target[:3])
    return (source, target, code or "")


def evaluate(gold: str | Path | Sequence[GoldDocument], predictions: str | Path | Iterable[Any] | None = None,
             coder: Any = None, format: str = "auto", split: str = "test") -> Report:
    """Score predictions against a gold set.

    Parameters
    ----------
    gold : path or list of GoldDocument
        A gold file in any format :func:`eventcoder.gold.read_gold` reads, or documents.
    predictions : path, iterable of Event/Prediction/record, optional
        Events JSONL (eventcoder's event records) or objects; when None, ``coder`` (default:
        a new :class:`eventcoder.Coder`) codes the gold texts, and when it has a classifier and the
        set is sentence-labelled, also labels their sentences. A prediction with empty source and
        target is a sentence label (:meth:`eventcoder.Coder.classify_sentences`): it gives its
        document's event type (over the events' types), and takes no part in the dyad levels.
    format, split : str
        Passed to :func:`~eventcoder.gold.read_gold`.
    """
    documents = read_gold(gold, format=format, split=split) if isinstance(gold, (str, Path)) else list(gold)
    predicted = _predictions(documents, predictions, coder)
    by_doc: dict[str, list[Prediction]] = defaultdict(list)
    labels_by_doc: dict[str, list[Prediction]] = defaultdict(list)
    for p in predicted:
        (labels_by_doc if p.is_sentence_label else by_doc)[p.doc_id].append(p)
    known = {d.id for d in documents}
    unknown_docs = sorted({p.doc_id for p in predicted if not p.is_sentence_label} - known)

    totals = {level: Counter() for level in LEVELS}
    per_root: dict[str, Counter] = defaultdict(Counter)
    confusion: dict[str, Counter] = defaultdict(Counter)
    errors: list[dict[str, Any]] = []
    source_hits = target_hits = scored_events = 0
    for document in documents:
        preds = by_doc.get(document.id, [])
        required = [e for e in document.events if not e.optional and e.code]
        optional = [e for e in document.events if e.optional and e.code]
        for level in LEVELS:
            gold_keys = {_key(level, e.source, e.target, e.code) for e in required}
            optional_keys = {_key(level, e.source, e.target, e.code) for e in optional} - gold_keys
            pred_keys = {_key(level, p.source, p.target, p.code) for p in preds}
            totals[level]["tp"] += len(pred_keys & gold_keys)
            totals[level]["fp"] += len(pred_keys - gold_keys - optional_keys)
            totals[level]["fn"] += len(gold_keys - pred_keys)
            if level == "root":
                for root in {k[2] for k in gold_keys | pred_keys}:
                    per_root[root]["tp"] += len({k for k in pred_keys & gold_keys if k[2] == root})
                    per_root[root]["fp"] += len({k for k in pred_keys - gold_keys - optional_keys if k[2] == root})
                    per_root[root]["fn"] += len({k for k in gold_keys - pred_keys if k[2] == root})
                errors += _errors(document, required, optional, preds)
        _confuse(confusion, required, optional, preds)
        for event in required:
            scored_events += 1
            source_hits += any(p.source[:3] == event.source[:3] for p in preds)
            target_hits += any(p.target[:3] == event.target[:3] for p in preds)

    quad = {r.code: r.quad_class for r in load_ontology().roots()}
    per_quad: dict[str, Counter] = defaultdict(Counter)
    for root, counts in per_root.items():
        per_quad[str(quad.get(root, "?"))].update(counts)
    has_events = any(d.events for d in documents)  # classification-only sets have no dyads to score
    return Report(
        levels={level: _prf(totals[level]["tp"], totals[level]["fp"], totals[level]["fn"]) for level in LEVELS} if has_events else {},
        per_root={root: _prf(c["tp"], c["fp"], c["fn"]) for root, c in sorted(per_root.items())} if has_events else {},
        per_quad_class={q: _prf(c["tp"], c["fp"], c["fn"]) for q, c in sorted(per_quad.items())} if has_events else {},
        confusion={g: dict(sorted(row.items())) for g, row in sorted(confusion.items())} if has_events else {},
        source_accuracy=round(source_hits / scored_events, 4) if scored_events else None,
        target_accuracy=round(target_hits / scored_events, 4) if scored_events else None,
        event_type=_event_type(documents, by_doc, labels_by_doc),
        errors=errors if has_events else [],
        counts={"documents": len(documents), "gold_events": sum(len(d.events) for d in documents),
                "optional_gold_events": sum(e.optional for d in documents for e in d.events),
                "predicted_events": sum(len(by_doc.get(d.id, [])) for d in documents),
                "predictions_for_unknown_documents": sum(len(by_doc[i]) for i in unknown_docs)},
        meta={"gold": str(gold) if isinstance(gold, (str, Path)) else "documents"},
    )


def sentence_label_predictions(coder: Any, records: Sequence[dict[str, Any]]) -> list[Prediction]:
    """The coder's sentence labels (:meth:`eventcoder.Coder.classify_sentences`) as actorless
    predictions, which give their documents' event type; "none" labels give none."""
    return [_label_prediction(row) for _, _, labels in coder.code_with_labels(records) for row in labels
            if row["label"] != NO_EVENT]


def _label_prediction(row: dict[str, Any]) -> Prediction:
    """A sentence label (a row of :meth:`eventcoder.Coder.classify_sentences`) as an actorless prediction."""
    return Prediction(str(row["doc_id"]), "", "", row["cameo"], row["confidence"], row["sentence"])


def _predictions(documents: Sequence[GoldDocument], predictions: Any, coder: Any) -> list[Prediction]:
    if predictions is None:
        if coder is None:
            from eventcoder.api import Coder

            coder = Coder()
        records = [{"id": d.id, "date": d.date, "text": d.text} for d in documents]
        if getattr(coder.component, "classifier", None) is None or not any(d.labels for d in documents):
            return [Prediction.from_event(e) for _, events in coder.code_records(records) for e in events]
        coded, labelled = [], []  # a sentence-labelled set scores the sentence labels too: one parse gives both
        for _, events, labels in coder.code_with_labels(records):
            coded += [Prediction.from_event(e) for e in events]
            labelled += [_label_prediction(row) for row in labels if row["label"] != NO_EVENT]
        return coded + labelled
    if isinstance(predictions, (str, Path)):
        with Path(predictions).open(encoding="utf-8") as handle:
            return [Prediction.from_event(json.loads(line)) for line in handle if line.strip()]
    return [p if isinstance(p, Prediction) else Prediction.from_event(p) for p in predictions]


def _errors(document: GoldDocument, required: list[GoldEvent], optional: list[GoldEvent],
            preds: list[Prediction]) -> list[dict[str, Any]]:
    gold_keys = {_key("root", e.source, e.target, e.code) for e in required}
    allowed = gold_keys | {_key("root", e.source, e.target, e.code) for e in optional}
    pred_keys = {_key("root", p.source, p.target, p.code) for p in preds}
    sentences = _sentences(document.text)
    rows = []
    for event in required:
        if _key("root", event.source, event.target, event.code) not in pred_keys:
            sentence = sentences[event.sentence] if event.sentence is not None and event.sentence < len(sentences) else document.text
            rows.append({"doc_id": document.id, "kind": "missed", "event": f"{event.source} {event.target} {event.code}",
                         "sentence": sentence[:300], "evidence": None})
    seen = set()
    for p in preds:
        key = _key("root", p.source, p.target, p.code)
        if key not in allowed and key not in seen:
            seen.add(key)
            rows.append({"doc_id": document.id, "kind": "extra", "event": f"{p.source} {p.target} {p.code}",
                         "sentence": (p.sentence or "")[:300], "evidence": p.evidence})
    return rows


def _sentences(text: str) -> list[str]:
    """Rough sentence split, only to show the gold sentence of a missed event in the error table."""
    parts, start = [], 0
    for i, char in enumerate(text):
        if char in ".!?" and (i + 1 == len(text) or text[i + 1] in " \n"):
            parts.append(text[start:i + 1].strip())
            start = i + 1
    if text[start:].strip():
        parts.append(text[start:].strip())
    return parts


def _confuse(confusion: dict[str, Counter], required: list[GoldEvent], optional: list[GoldEvent],
             preds: list[Prediction]) -> None:
    """Pair gold and predicted events by dyad; unpaired ones meet "none"."""
    remaining = list(preds)
    for event in required:
        dyad = (event.source[:3], event.target[:3])
        same = [p for p in remaining if (p.source[:3], p.target[:3]) == dyad]
        if same:
            match = next((p for p in same if p.code[:2] == event.code[:2]), same[0])
            remaining.remove(match)
            confusion[event.code[:2]][match.code[:2]] += 1
        else:
            confusion[event.code[:2]][NO_EVENT] += 1
    optional_dyads = {(e.source[:3], e.target[:3]) for e in optional}
    for p in remaining:
        if (p.source[:3], p.target[:3]) not in optional_dyads:
            confusion[NO_EVENT][p.code[:2]] += 1


def _event_type(documents: Sequence[GoldDocument], by_doc: dict[str, list[Prediction]],
                labels_by_doc: dict[str, list[Prediction]]) -> dict[str, Any] | None:
    """Each labelled document's type: its sentence label's when it has one, else its highest-confidence
    event's, else none."""
    labelled = [d for d in documents if d.labels]
    if not labelled:
        return None
    kind = labelled[0].label_kind
    ontology = load_ontology()
    pairs = []
    for document in labelled:
        preds = labels_by_doc.get(document.id) or by_doc.get(document.id, [])
        best = max(preds, key=lambda p: p.confidence or 0.0) if preds else None
        if kind == "penta":
            label = penta_class(best.code[:2] if best else None)
        else:
            label = (ontology.get(best.code).plover_type or NO_EVENT) if best and best.code in ontology else NO_EVENT
        truth = label if label in document.labels else document.labels[0]
        pairs.append((truth, label))
    types = sorted({t for t, _ in pairs} | {p for _, p in pairs})
    per_type = {}
    for t in types:
        tp = sum(1 for g, p in pairs if g == t and p == t)
        fp = sum(1 for g, p in pairs if g != t and p == t)
        fn = sum(1 for g, p in pairs if g == t and p != t)
        scores = _prf(tp, fp, fn)
        per_type[t] = {**scores, "support": tp + fn}
    supported = [m["f1"] for m in per_type.values() if m["support"]]
    return {"kind": kind, "documents": len(pairs), "accuracy": round(sum(g == p for g, p in pairs) / len(pairs), 4),
            "macro_f1": round(sum(supported) / len(supported), 4) if supported else 0.0, "per_type": per_type}

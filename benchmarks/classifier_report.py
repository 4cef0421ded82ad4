"""Classifier report: dictionaries only, classifier only, and combined, on the reference sets.

Writes ``benchmarks/CLASSIFIER.md`` and ``benchmarks/classifier_threshold.png``. The classifier is
the default model, trained on the project's own data only (``eventcoder.training.generate``);
nothing here trains on a test set. Reference data is read from ``../shared/data/eval/``; the
script exits cleanly when it is absent.

    .venv/bin/python benchmarks/classifier_report.py [--quick]

Configurations:

- **dictionaries only**: ``Coder(classifier=None)``; a sentence's type is that of its first event.
- **classifier only**: the classifier alone on each whole sentence; its best root (``"none"`` = no
  event). Its input holds the sentence's parse context (main verb, actor count, the dictionary's
  pattern hits and their mood), so the dictionaries inform it, but it names no actors.
- **combined**: ``Coder()``: dictionary events scored by the classifier, plus root-level events the
  classifier proposes for actor pairs no pattern coded and for sentences with actors but no dyad
  (``classifier_threshold`` 0.5, the default, "more likely than not"; a second row at 0.7); a sentence's
  type is that of its highest-confidence event, or for a
  sentence with no event, its sentence label (``Coder.classify_sentences``).

A **separate run**, labelled as such in the table, trains a classifier on the ConfliBERT ``train``
split (1,349 sentences of 2017-18 news, less any that are also test or PLOVER GSR sentences) and
scores it on the ConfliBERT test split: what a research group gets by labelling its own data.

The threshold curve sweeps ``min_confidence`` (events below it are dropped) on the PLOVER GSR:
root-level precision, recall and F1 of (source country, target country, root).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
EVAL = HERE.parent.parent / "shared" / "data" / "eval"
SETS = {"ConfliBERT test (5 classes)": ("conflibert_cameo_penta.jsonl", "conflibert"),
        "PLOVER GSR (16 types)": ("plover_gsr.jsonl", "plover-gsr")}
THRESHOLDS = (0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


def sentence_inputs(documents, coder) -> list[dict]:
    """Each document as one classifier input: its whole text and parse context
    (:func:`eventcoder.features.sentence_mention`, what the classifier is trained on)."""
    docs = coder.nlp.pipe([d.text for d in documents], disable=["eventcoder"])
    return [coder.component.text_mention(doc, d.date) for d, doc in zip(documents, docs)]


def classifier_only(documents, coder, model=None) -> list:
    """The classifier alone decides each document's type (``model``, default the coder's own)."""
    from eventcoder.classifier import code_of
    from eventcoder.evaluation import Prediction

    model = model or coder.component.classifier
    probs = model.predict_proba(sentence_inputs(documents, coder))
    classes = [str(c) for c in model.classes_]
    out = []
    for document, row in zip(documents, probs):
        best = int(row.argmax())
        if code_of(classes[best]) is not None:
            out.append(Prediction(document.id, "", "", code_of(classes[best]), float(row[best]), document.text))
    return out


#: For the separate ConfliBERT-trained run: each 5-class label as a root of that class (the 5-class
#: evaluation maps roots back to classes, so the choice within a class does not matter).
PENTA_ROOTS = {"NEUTRAL": "01", "VERBAL_COOP": "04", "MATERIAL_COOP": "07", "VERBAL_CONFLICT": "11",
               "MATERIAL_CONFLICT": "19"}


def conflibert_trained(coder):
    """A separate, clearly labelled model: an EventClassifier fitted on the ConfliBERT ``train`` split
    (5-class labels as roots of their class), minus any sentence that is also a test or PLOVER GSR
    sentence. Never used for the project-data results."""
    from eventcoder import EventClassifier
    from eventcoder.gold import read_gold

    held_out = {d.text.strip().lower() for d in read_gold(EVAL / SETS["ConfliBERT test (5 classes)"][0], format="conflibert", split="test")}
    held_out |= {d.text.strip().lower() for d in read_gold(EVAL / SETS["PLOVER GSR (16 types)"][0], format="plover-gsr")}
    train = [d for d in read_gold(EVAL / SETS["ConfliBERT test (5 classes)"][0], format="conflibert", split="train")
             if d.text.strip().lower() not in held_out]
    model = EventClassifier(max_iter=20, n_jobs=-1).fit(sentence_inputs(train, coder), [PENTA_ROOTS[d.labels[0]] for d in train])
    return model, len(train)


def main(argv: list[str] | None = None) -> Path | None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="First 60 sentences of each set (for the test suite).")
    parser.add_argument("--output", type=Path, default=HERE / "CLASSIFIER.md")
    args = parser.parse_args(argv)
    if not all((EVAL / name).is_file() for name, _ in SETS.values()):
        print(f"reference data not found under {EVAL}; nothing to do")
        return None

    from eventcoder import Coder
    from eventcoder.evaluation import Prediction, evaluate, sentence_label_predictions
    from eventcoder.gold import read_gold

    combined = Coder()
    dictionaries_only = Coder(classifier=None)
    strict = Coder(classifier=combined.component.classifier, classifier_threshold=0.7)
    model = combined.component.classifier
    rows, per_type, curve = [], {}, []
    for label, (name, fmt) in SETS.items():
        documents = read_gold(EVAL / name, format=fmt, split="test")
        if args.quick:
            documents = documents[:60]
        records = [{"id": d.id, "date": d.date, "text": d.text} for d in documents]
        started = time.perf_counter()
        coded = [Prediction.from_event(e) for _, events in combined.code_records(records) for e in events]
        strict_coded = [Prediction.from_event(e) for _, events in strict.code_records(records) for e in events]
        reports = {
            "dictionaries only": evaluate(documents, coder=dictionaries_only),
            "classifier only": evaluate(documents, predictions=classifier_only(documents, combined)),
            "combined": evaluate(documents, predictions=coded + sentence_label_predictions(combined, records)),
            "combined, events only (no sentence labels: issue #4's measure)": evaluate(documents, predictions=coded),
            "combined, classifier_threshold 0.7": evaluate(documents, predictions=strict_coded + sentence_label_predictions(strict, records)),
        }
        for config, report in reports.items():
            kind = report.event_type or {}
            rows.append({"set": label, "config": config, "sentences": kind.get("documents", len(documents)),
                         "accuracy": kind.get("accuracy"), "macro_f1": kind.get("macro_f1"),
                         "root_f1": report.levels.get("root", {}).get("f1"),
                         "source": report.source_accuracy, "target": report.target_accuracy})
        if fmt == "conflibert" and not args.quick:
            trained, size = conflibert_trained(combined)
            separate = {f"SEPARATE RUN, trained on ConfliBERT train ({size} sentences): classifier only":
                        evaluate(documents, predictions=classifier_only(documents, combined, trained)),
                        "SEPARATE RUN, trained on ConfliBERT train: dictionary events, else that classifier":
                        evaluate(documents, predictions=coded + [p for p in classifier_only(documents, combined, trained)
                                                                 if p.doc_id not in {e.doc_id for e in coded}])}
            for config, report in separate.items():
                kind = report.event_type
                rows.append({"set": label, "config": config, "sentences": kind["documents"], "accuracy": kind["accuracy"],
                             "macro_f1": kind["macro_f1"], "root_f1": None, "source": None, "target": None})
        per_type[label] = reports["combined"].event_type
        if fmt == "plover-gsr":
            for threshold in THRESHOLDS:
                kept = [p for p in coded if p.confidence is None or p.confidence >= threshold]
                root = evaluate(documents, predictions=kept).levels["root"]
                curve.append({"threshold": threshold, "precision": root["precision"], "recall": root["recall"], "f1": root["f1"]})
        print(f"{label}: {time.perf_counter() - started:.0f} s", file=sys.stderr)

    plot = _plot(curve, HERE / "classifier_threshold.png") if not args.quick else None
    args.output.write_text(_render(rows, per_type, curve, model.provenance_, plot, args.quick), encoding="utf-8")
    return args.output


def _plot(curve: list[dict], path: Path) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(5.5, 3.5))
    for key in ("precision", "recall", "f1"):
        axes.plot([c["threshold"] for c in curve], [c[key] for c in curve], marker="o", label=key)
    axes.set_xlabel("min_confidence (events below it dropped)")
    axes.set_ylabel("root-level score, PLOVER GSR")
    axes.set_ylim(0, 1)
    axes.legend()
    axes.grid(alpha=0.3)
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return path


def _fmt(value) -> str:
    return "-" if value is None else f"{value:.3f}"


def _render(rows, per_type, curve, provenance, plot, quick) -> str:
    out = ["# Classifier report", "",
           "Generated by `benchmarks/classifier_report.py`" + (" in quick mode (60 sentences per set; not a result)" if quick else "")
           + ". The default classifier is trained on the project's data only "
           f"({provenance.get('sentences')} generated sentences, {provenance.get('mentions')} mentions; "
           f"data hash {provenance.get('data_hash')}; scikit-learn {provenance.get('sklearn_version')}); "
           "no test data is used for training or tuning.", "",
           "| set | configuration | sentences | type accuracy | type macro-F1 | root-level dyad F1 | source country | target country |",
           "|---|---|---|---|---|---|---|---|"]
    out += [f"| {r['set']} | {r['config']} | {r['sentences']} | {_fmt(r['accuracy'])} | {_fmt(r['macro_f1'])} | {_fmt(r['root_f1'])} "
            f"| {_fmt(r['source'])} | {_fmt(r['target'])} |" for r in rows]
    out += ["", "Source/target country: the share of gold events for which some coded event has the gold source "
            "(target) country; the classifier alone names no actors."]
    out += ["", "Targets (issue #5): ConfliBERT macro-F1 of the combined coder at least 0.70 (ConfliBERT itself, fine-tuned "
            "on the train split, 0.895); PLOVER type accuracy of the combined coder at least 0.75.", ""]
    for label, kind in per_type.items():
        if not kind:
            continue
        out += [f"## Combined coder per type: {label}", "", "| type | precision | recall | F1 | support |", "|---|---|---|---|---|"]
        out += [f"| {t} | {_fmt(m.get('precision'))} | {_fmt(m.get('recall'))} | {_fmt(m.get('f1'))} | {m.get('support')} |"
                for t, m in kind["per_type"].items()]
        out.append("")
    out += ["## Threshold curve (combined coder, PLOVER GSR, root level)", "",
            "| min_confidence | precision | recall | F1 |", "|---|---|---|---|"]
    out += [f"| {c['threshold']:.1f} | {_fmt(c['precision'])} | {_fmt(c['recall'])} | {_fmt(c['f1'])} |" for c in curve]
    if plot is not None:
        out += ["", f"![threshold curve]({plot.name})"]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    print(main())

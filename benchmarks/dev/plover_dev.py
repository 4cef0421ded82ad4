"""PLOVER type accuracy on the development set (README.md): the highest-confidence event, and the sentence label.

    .venv/bin/python benchmarks/dev/plover_dev.py [--show]    # --show lists the sentences typed wrongly
"""
from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> None:
    from eventcoder import Coder

    show = "--show" in (argv if argv is not None else sys.argv[1:])
    rows = [json.loads(line) for path in sorted(HERE.glob("plover_dev_*.jsonl"))
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    coder = Coder()
    ontology = coder.dictionaries.ontology

    def plover(code: str | None) -> str:
        known = ontology.get(code) if code else None
        return (known.plover_type or "none") if known else "none"

    records = [{"id": r["id"], "date": r["date"], "text": r["text"]} for r in rows]
    per_type: dict[str, Counter] = defaultdict(Counter)
    confusions: Counter = Counter()
    wrong = []
    for row, (_, events, labels) in zip(rows, coder.code_with_labels(records)):
        gold = row["plover"]
        best = max(events, key=lambda e: e.confidence or 0.0, default=None)
        by_event = plover(best.cameo) if best else "none"
        by_label = plover(labels[0]["cameo"]) if labels else "none"
        per_type[gold].update(n=1, event=by_event == gold, label=by_label == gold)
        if by_event != gold:
            confusions[(gold, by_event)] += 1
            wrong.append(f"{gold:10} event {by_event:10} label {by_label:10} {best.cameo if best else '-':5} :: {row['text']}")
    total = sum(c["n"] for c in per_type.values())
    print(f"{total} sentences: type accuracy of the highest-confidence event "
          f"{sum(c['event'] for c in per_type.values()) / total:.3f}, of the sentence label "
          f"{sum(c['label'] for c in per_type.values()) / total:.3f}")
    print("| type | sentences | event | label |\n|---|---|---|---|")
    for name in sorted(per_type):
        c = per_type[name]
        print(f"| {name} | {c['n']} | {c['event'] / c['n']:.2f} | {c['label'] / c['n']:.2f} |")
    print("most frequent confusions (gold, event):", ", ".join(f"{g}->{p} {n}" for (g, p), n in confusions.most_common(10)))
    if show:
        print("\n".join(wrong))


if __name__ == "__main__":
    main()

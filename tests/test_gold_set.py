"""Our own gold set keeps the coverage it promises (benchmarks/gold/README.md)."""

import re
from collections import Counter

from eventcoder.gold import read_gold
from eventcoder.ontology import load_ontology

from support import REPO


def test_gold_set_coverage():
    documents = read_gold(REPO / "benchmarks" / "gold" / "eventcoder_gold.jsonl")
    sentences = [s for d in documents for s in re.split(r"(?<=[.?!]) ", d.text.strip())]
    with_events = {(d.id, e.sentence) for d in documents for e in d.events}
    roots = Counter(e.code[:2] for d in documents for e in d.events if not e.optional)
    countries = {code[:3] for d in documents for e in d.events for code in (e.source, e.target) if not code.startswith("IGO")}
    assert len(documents) >= 60 and len(sentences) >= 200
    assert set(roots) == {f"{r:02d}" for r in range(1, 21)} and min(roots.values()) >= 3
    assert len(countries) >= 30
    assert 1 - len(with_events) / len(sentences) >= 0.15  # sentences with no codable event
    ontology = load_ontology()
    assert all(e.code in ontology for d in documents for e in d.events)

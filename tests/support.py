"""Helpers for the tests: paths, reference data in ../shared (optional), hand-built parses."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("EVENTCODER_SHARED", REPO.parent / "shared"))
SEED = SHARED / "seeds" / "bloomberg-2025-05-27-russia-turkey.txt"
BLANK = spacy.blank("en")


def shared_file(*parts: str) -> Path:
    """A file of ../shared, or skip the test cleanly when it is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"reference data {path} is not available")
    return path


def triples(events, level: str = "code") -> set[tuple[str, str, str]]:
    """(source, target, cameo) of events; level "country" uses the country heads."""
    if level == "country":
        return {(e.source.country, e.target.country, e.cameo) for e in events}
    return {(e.source.code, e.target.code, e.cameo) for e in events}


def parsed(rows: str) -> Doc:
    """A Doc built by hand from rows of ``word lemma POS dep head`` (head: 0-based; the root points to itself),
    so extraction logic is tested without a trained model."""
    words, lemmas, pos, deps, heads = [], [], [], [], []
    for line in rows.strip().splitlines():
        word, lemma, tag, dep, head = line.split()
        words.append(word)
        lemmas.append(lemma)
        pos.append(tag)
        deps.append(dep)
        heads.append(int(head))
    spaces = [not (following[:1] in ".,;:!?'" or following == "n't") for following in words[1:]] + [False]
    return Doc(BLANK.vocab, words=words, spaces=spaces, lemmas=lemmas, pos=pos, deps=deps, heads=heads)


def fail_on_atlantis(monkeypatch) -> None:
    """Make actor resolution raise for any document that mentions Atlantis: a stand-in for a coder bug."""
    from eventcoder.actors import ActorResolver

    original = ActorResolver.resolve

    def flaky(self, doc, date):
        if "Atlantis" in doc.text:
            raise RuntimeError("simulated failure")
        return original(self, doc, date)

    monkeypatch.setattr(ActorResolver, "resolve", flaky)

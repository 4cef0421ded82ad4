"""Build parsed Docs by hand, so extraction logic is tested without a trained model."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

BLANK = spacy.blank("en")


def parsed(rows: str) -> Doc:
    """A Doc from rows of ``word lemma POS dep head`` (head: 0-based index; the root points to itself)."""
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

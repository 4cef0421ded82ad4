"""The parse context of a candidate event, as feature tokens for :class:`~eventcoder.EventClassifier`.

A mention is ``{"text": sentence, "context": tokens}``; the tokens name the trigger's lemma and
part of speech, the dictionary's hit (the pattern's root and code, or ``dict=none``), the kinds
of actor on each side (their CAMEO role, or ``STATE``), and the dependency paths from the
trigger to the source and the target ("nsubj", "dobj", "prep:with>pobj").

A sentence mention (``"kind": "sentence"``, for sentence-level labels) has no source or target:
its tokens name the sentence's main verb, how many actors it holds, the roles and verb of its most
likely actor pair (:func:`eventcoder.dyads.likely_pair`: ``pair=MIL>STATE``, ``verb=shell``), and every
verb pattern that matches a word of it, with the code its mood gives ("threatened to strike" ->
``hit=13``) or ``unmet=19`` for an act that did not happen ("did not strike").

Examples
--------
>>> import spacy  # doctest: +SKIP
>>> mention_context(doc[0:7], trigger=1, source=russia, target=ukraine, code="190")  # doctest: +SKIP
['lemma=attack', 'pos=VERB', 'dict=19', 'code=190', 'src=STATE', 'tgt=STATE', 'spath=^nsubj', 'tpath=dobj', ...]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Mapping

from spacy.tokens import Span, Token

from eventcoder.actors import ActorMention

if TYPE_CHECKING:
    from eventcoder.dictionaries import Modality
    from eventcoder.verbs import VerbPatternMatcher

MAX_PATH = 5


def dependency_path(start: Token, end: Token) -> str:
    """The dependency labels from ``start`` up to the common ancestor ("^label") and down to ``end``
    (prepositions with their word: "prep:with"); "-" when they are one token, "far" when longer than 5."""
    if start.i == end.i:
        return "-"
    up_chain = [start, *start.ancestors]
    down_chain = [end, *end.ancestors]
    above = {t.i for t in up_chain}
    common = next((t for t in down_chain if t.i in above), None)
    if common is None:
        return "far"
    up = [f"^{t.dep_}" for t in up_chain[:[t.i for t in up_chain].index(common.i)]]
    down_nodes = down_chain[:[t.i for t in down_chain].index(common.i)]
    down = [f"prep:{t.lower_}" if t.dep_ in ("prep", "agent") else t.dep_ for t in reversed(down_nodes)]
    steps = up + down
    return ">".join(steps) if len(steps) <= MAX_PATH else "far"


def mention_context(sentence: Span, trigger: int, source: ActorMention, target: ActorMention,
                    code: str | None) -> list[str]:
    """Feature tokens for one candidate: see the module docstring."""
    doc = sentence.doc
    verb = doc[trigger]
    lemma = verb.lemma_.lower()
    spath = dependency_path(verb, doc[source.head])
    tpath = dependency_path(verb, doc[target.head])
    tokens = [f"lemma={lemma}", f"pos={verb.pos_}", f"src={source.role or 'STATE'}", f"tgt={target.role or 'STATE'}",
              f"spath={spath}", f"tpath={tpath}", f"lemma_tpath={lemma}|{tpath}",
              f"roles={source.role or 'STATE'}>{target.role or 'STATE'}"]
    tokens += [f"dict={code[:2]}", f"code={code}"] if code else ["dict=none"]
    if any(c.dep_ == "neg" for c in verb.children):
        tokens.append("negated")
    return tokens


def mention(sentence: Span, trigger: int, source: ActorMention, target: ActorMention, code: str | None) -> dict:
    """A classifier input for one candidate event."""
    return {"text": sentence.text.strip(), "context": mention_context(sentence, trigger, source, target, code)}


def sentence_context(sentence: Span, mentions: Mapping[int, ActorMention], matcher: VerbPatternMatcher,
                     modality: Modality, pair: tuple[int, ActorMention, ActorMention] | None) -> list[str]:
    """Feature tokens for a whole sentence: see the module docstring. ``pair`` is the sentence's likely actor
    pair, :func:`eventcoder.dyads.likely_pair` (its caller often has it already), or None."""
    from eventcoder.dyads import mood

    actors = {m.code for i, m in mentions.items() if sentence.start <= i < sentence.end}
    tokens = [f"head={sentence.root.lemma_.lower()}", f"actors={min(len(actors), 2)}"]
    if pair is not None:
        verb, source, target = pair
        tokens += [f"pair={source.role or 'STATE'}>{target.role or 'STATE'}", f"verb={sentence.doc[verb].lemma_.lower()}"]
    for token in sentence:
        patterns = matcher.match(token)
        if not patterns:
            continue
        state = mood(token, modality)
        code = modality.convert(patterns[0].code, state) if state in ("act", "intent", "threat") else None
        tokens += [f"hit={code[:2]}", f"code={code}"] if code else [f"unmet={patterns[0].code[:2]}"]
    return tokens


def sentence_mention(sentence: Span, mentions: Mapping[int, ActorMention], matcher: VerbPatternMatcher,
                     modality: Modality, pair: tuple[int, ActorMention, ActorMention] | None) -> dict:
    """A classifier input for a whole sentence (sentence-level labels); ``pair`` as in :func:`sentence_context`."""
    return {"text": sentence.text.strip(), "kind": "sentence",
            "context": sentence_context(sentence, mentions, matcher, modality, pair)}

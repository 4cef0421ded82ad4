"""Match predicates (verbs, and event nouns such as "talks") against the verb-pattern dictionaries.

A pattern matches a trigger token when its lemma is listed, its particle (if
any) is attached, and its object words (if any) name what the event is about:
the direct object or the noun of one of the trigger's prepositions, by its
lemma, a compound or adjective modifier ("artillery shells"), or a multi-word
entry ("air defence"). Candidates come back most specific first;
:mod:`eventcoder.dyads` takes the first that yields a dyad.

Examples
--------
>>> matcher = VerbPatternMatcher(load_dictionaries())  # doctest: +SKIP
>>> [p.id for p in matcher.match(doc[1])]  # "Russia launched drones at Ukraine."  # doctest: +SKIP
['verbs/19_fight.yaml#launch-weapons-at']
"""

from __future__ import annotations

from spacy.tokens import Token

from eventcoder.dictionaries import Dictionaries, VerbPattern

#: Nouns that count things; the real object is behind "of" ("a barrage of missiles").
QUANTITY_NOUNS = frozenset({
    "number", "dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "barrage", "wave", "salvo",
    "series", "volley", "round", "set", "pair", "couple", "swarm", "package", "range", "string", "spate", "total",
})
OBJECT_DEPS = frozenset({"dobj", "obj"})


def object_heads(trigger: Token) -> list[Token]:
    """The heads of the direct object(s) of ``trigger``, through quantities and coordination.

    For a passive verb the passive subject is its object ("drones were launched").
    For an event noun, the object is the noun itself.
    """
    if trigger.pos_ in ("NOUN", "PROPN"):
        return [trigger]
    found: list[Token] = []
    for child in trigger.children:
        if child.dep_ in OBJECT_DEPS or child.dep_ == "nsubjpass":
            found.append(child)
    expanded: list[Token] = []
    while found:
        head = found.pop(0)
        expanded.append(head)
        found.extend(c for c in head.children if c.dep_ == "conj")
        if head.lemma_.lower() in QUANTITY_NOUNS:
            for prep in head.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    found.extend(c for c in prep.children if c.dep_ == "pobj")
    return expanded


def attached_preps(token: Token) -> list[Token]:
    """Prepositions attached to ``token`` (including the "with" of "met with")."""
    return [c for c in token.children if c.dep_ in ("prep", "agent", "dative") and c.pos_ == "ADP"]


def theme_heads(trigger: Token) -> list[Token]:
    """What the event is about: the objects, plus the nouns of the trigger's prepositions
    ("asked France for help", "supplied Ukraine with missiles", "called for the withdrawal")."""
    themes = object_heads(trigger)
    if trigger.pos_ not in ("NOUN", "PROPN"):
        themes += [p for prep in attached_preps(trigger) for p in prep.children if p.dep_ == "pobj"]
    return themes


def theme_words(themes: list[Token]) -> tuple[set[str], str]:
    """Single words (lemmas and forms of the heads and their compound/adjective modifiers) and
    the lower-cased text of each head with its modifiers, to match multi-word class entries."""
    words: set[str] = set()
    phrases = []
    for head in themes:
        modifiers = [t for t in head.subtree if t.i < head.i and t.dep_ in ("compound", "amod")]
        words.update({head.lemma_.lower(), head.lower_, *(m.lemma_.lower() for m in modifiers)})
        phrases.append(" ".join([*(m.lower_ for m in modifiers), head.lower_, head.lemma_.lower()]))
    return words, " | ".join(phrases)


class VerbPatternMatcher:
    """Index verb patterns by lemma and match them on parsed tokens.

    A multi-word verb lemma is a verb and its particle ("shoot down", "rule out");
    a multi-word noun lemma is a head noun and its compound modifiers ("drone attack").

    Parameters
    ----------
    dictionaries : Dictionaries
    """

    def __init__(self, dictionaries: Dictionaries) -> None:
        # (pos, head lemma) -> [(pattern, words that must be attached to the head)]
        self.by_lemma: dict[tuple[str, str], list[tuple[VerbPattern, tuple[str, ...]]]] = {}
        for pattern in dictionaries.patterns.values():
            for lemma in pattern.lemmas:
                words = lemma.split()
                head, attached = (words[0], tuple(words[1:])) if pattern.pos == "verb" else (words[-1], tuple(words[:-1]))
                self.by_lemma.setdefault((pattern.pos, head), []).append((pattern, attached))
        for entries in self.by_lemma.values():
            entries.sort(key=lambda entry: (-(entry[0].specificity + 2 * len(entry[1])), -entry[0].priority))

    def candidates(self, token: Token) -> list[tuple[VerbPattern, tuple[str, ...]]]:
        """Patterns whose head lemma fits ``token`` (before the other constraints)."""
        pos = "verb" if token.pos_ in ("VERB", "AUX") else "noun" if token.pos_ in ("NOUN", "PROPN") else None
        if pos is None:
            return []
        return self.by_lemma.get((pos, token.lemma_.lower()), [])

    def match(self, token: Token) -> list[VerbPattern]:
        """Patterns that match ``token`` in full, most specific first."""
        entries = self.candidates(token)
        if not entries:
            return []
        words, phrase = theme_words(theme_heads(token))
        modifiers = {c.lemma_.lower() for c in token.children if c.dep_ in ("prt", "compound", "amod")}
        matched = []
        for pattern, attached in entries:
            if any(word not in modifiers for word in attached):
                continue
            if pattern.particle and pattern.particle not in modifiers:
                continue
            if pattern.pos == "verb" and pattern.objects and not (
                    pattern.objects & words or any(" " in o and o in phrase for o in pattern.objects)):
                continue
            if pattern not in matched:
                matched.append(pattern)
        return matched

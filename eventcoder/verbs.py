"""Match predicates (verbs, and event nouns such as "talks") against the verb-pattern dictionaries.

A pattern matches a trigger token when its lemma is listed, its particle (if
any) is attached, its object words (if any) include the head of the direct
object, and, for patterns whose targets are only prepositions, one of those
prepositions is attached to the trigger or to its object. Candidates come back
most specific first; :mod:`eventcoder.dyads` takes the first that yields a dyad.

Examples
--------
>>> matcher = VerbPatternMatcher(load_dictionaries())  # doctest: +SKIP
>>> [p.id for p in matcher.match(doc[1])]  # "Russia launched drones at Ukraine."  # doctest: +SKIP
['verbs/19_assault.yaml#launch-weapons-at']
"""

from __future__ import annotations

from spacy.tokens import Token

from eventcoder.dictionaries import TARGET_SLOTS, Dictionaries, VerbPattern

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


class VerbPatternMatcher:
    """Index verb patterns by lemma and match them on parsed tokens.

    Parameters
    ----------
    dictionaries : Dictionaries
    """

    def __init__(self, dictionaries: Dictionaries) -> None:
        self.by_lemma: dict[tuple[str, str], list[VerbPattern]] = {}
        for pattern in dictionaries.patterns.values():
            for lemma in pattern.lemmas:
                self.by_lemma.setdefault((pattern.pos, lemma), []).append(pattern)
        for patterns in self.by_lemma.values():
            patterns.sort(key=lambda p: -p.specificity)

    def candidates(self, token: Token) -> list[VerbPattern]:
        """Patterns whose lemma fits ``token`` (before the other constraints)."""
        pos = "verb" if token.pos_ in ("VERB", "AUX") else "noun" if token.pos_ in ("NOUN", "PROPN") else None
        if pos is None:
            return []
        return self.by_lemma.get((pos, token.lemma_.lower()), [])

    def match(self, token: Token) -> list[VerbPattern]:
        """Patterns that match ``token`` in full, most specific first."""
        patterns = self.candidates(token)
        if not patterns:
            return []
        objects = object_heads(token)
        object_lemmas = {o.lemma_.lower() for o in objects} | {o.lower_ for o in objects}
        preps = {p.lower_ for p in attached_preps(token)}
        for obj in objects:
            preps.update(p.lower_ for p in attached_preps(obj))
        particles = {c.lemma_.lower() for c in token.children if c.dep_ == "prt"}
        matched = []
        for pattern in patterns:
            if pattern.particle and pattern.particle not in particles:
                continue
            if pattern.pos == "verb" and pattern.objects and not (pattern.objects & object_lemmas):
                continue
            prep_targets = [t for t in pattern.targets if t not in TARGET_SLOTS]
            if prep_targets and len(prep_targets) == len(pattern.targets) and not preps.intersection(prep_targets):
                continue
            matched.append(pattern)
        return matched

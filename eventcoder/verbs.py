"""Match predicates (verbs, and event nouns such as "talks") against the verb-pattern dictionaries.

A pattern matches a trigger token when its lemma is listed, its particle (if
any) is attached, its object words (if any) name what the event is about, and
its excluded object words (``not_object``) do not name the direct object. What
the event is about is the direct object or the noun of one of the trigger's
theme prepositions (not a place or time: "met at the summit", "on Tuesday"),
by its lemma, a compound or adjective modifier ("artillery shells"), or a
multi-word entry ("air defence"); failing those, the "of"/"for" phrase of the
object ("accused the government of trafficking"). Candidates come back most
specific first; :mod:`eventcoder.dyads` takes the first that yields a dyad.

Examples
--------
>>> matcher = VerbPatternMatcher(load_dictionaries())  # doctest: +SKIP
>>> [p.id for p in matcher.match(doc[1])]  # "Russia launched drones at Ukraine."  # doctest: +SKIP
['verbs/19_fight.yaml#launch-weapons-at']
"""

from __future__ import annotations

from typing import Iterable

from spacy.tokens import Token

from eventcoder.dictionaries import Dictionaries, VerbPattern

#: Nouns that count things; the real object is behind "of" ("a barrage of missiles").
QUANTITY_NOUNS = frozenset({
    "number", "dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "barrage", "wave", "salvo",
    "series", "volley", "round", "set", "pair", "couple", "swarm", "package", "range", "string", "spate", "total",
})
OBJECT_DEPS = frozenset({"dobj", "obj"})
#: What may follow a verb that shares the object of the verb coordinated after it ("condemned and sanctioned").
SHARING_DEPS = frozenset({"cc", "conj", "punct", "preconj"})
#: Prepositions whose noun says what an event is about or what it comes to ("asked France *for* help",
#: "talks *on* trade", "supplied Ukraine *with* missiles", "spoke *by* phone", "acted *as* mediator", "took
#: Japan *to* court", "withdrew *from* talks"). Place and time prepositions ("met *at* the summit", "clashed
#: *in* the harbour", "*during* the visit", "*after* the summit") are not among them: their noun counts only
#: when it is a pattern's own target preposition ("launched drones *at*") or a bare singular noun, which
#: names a state, not a place ("held *in* custody", "engaged *in* mediation", "*at* war").
THEME_PREPS = frozenset({
    "for", "on", "upon", "over", "about", "of", "with", "by", "against", "as", "to", "into", "onto", "from",
    "toward", "towards", "regarding", "concerning"})
#: Prepositions of an object that say what the event is about ("accused the government *of* corruption").
OBJECT_THEME_PREPS = frozenset({"of", "for"})
#: What makes a noun phrase name a particular thing (a place, a venue) rather than a state.
DETERMINER_DEPS = frozenset({"det", "poss", "nummod", "predet"})
#: Nouns that name a time: "on Tuesday", "over the weekend", "for two hours" say when, not what.
TIME_NOUNS = frozenset({
    "day", "week", "weekend", "month", "year", "hour", "minute", "night", "morning", "afternoon", "evening", "time",
    "decade", "today", "tonight", "yesterday", "tomorrow", "period", "moment", "while", "overnight", "eve",
    "dawn", "dusk", "noon", "midnight",
})
#: Day and month names, times when capitalised ("on Tuesday", "in May"; not "a march").
CALENDAR_NAMES = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december",
})


def object_heads(trigger: Token) -> list[Token]:
    """The heads of the direct object(s) of ``trigger``, through quantities and coordination.

    For a passive verb the passive subject is its object ("drones were launched"); a verb with no object
    of its own shares that of the verb coordinated after it ("condemned and sanctioned Ukraine").
    For an event noun, the object is the noun itself.
    """
    if trigger.pos_ in ("NOUN", "PROPN"):
        return [trigger]
    found = [child for child in trigger.children if child.dep_ in OBJECT_DEPS or child.dep_ == "nsubjpass"]
    if not found:
        found = shared_objects(trigger)
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


def shared_objects(verb: Token) -> list[Token]:
    """The direct objects that ``verb`` shares with a verb coordinated after it ("Russia condemned and
    sanctioned *Ukraine*"): only when nothing but the conjunction follows ``verb`` itself, and the later verb
    has no subject of its own (so "Russia protested to Kyiv and sanctioned Minsk" shares nothing)."""
    if any(c.dep_ not in SHARING_DEPS for c in verb.rights):
        return []
    first = verb
    while first.dep_ == "conj" and first.head is not first:
        first = first.head
    coordinated, stack = [], [first]
    while stack:
        for child in stack.pop().children:
            if child.dep_ == "conj":
                coordinated.append(child)
                stack.append(child)
    for other in sorted((c for c in coordinated if c.i > verb.i), key=lambda t: t.i):
        if other.pos_ not in ("VERB", "AUX") or any(c.dep_ in ("nsubj", "nsubjpass") for c in other.children):
            return []
        objects = [c for c in other.children if c.dep_ in OBJECT_DEPS]
        if objects:
            return objects
    return []


def request_complement(verb: Token) -> Token | None:
    """The infinitive or clausal complement of a request verb: the act asked for ("urged Iran *to free* the
    hostages", "pleaded with Britain *to keep* the border open", "demanded that Japan *release* them")."""
    for child in verb.children:
        if child.dep_ in ("xcomp", "ccomp") and child.pos_ in ("VERB", "AUX"):
            return child
        if child.dep_ == "advcl" and child.pos_ == "VERB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
            return child
    return None


def attached_preps(token: Token) -> list[Token]:
    """Prepositions attached to ``token`` (including the "with" of "met with")."""
    return [c for c in token.children if c.dep_ in ("prep", "agent", "dative") and c.pos_ == "ADP"]


def is_time_phrase(noun: Token) -> bool:
    """True for a noun that names a time ("on Tuesday", "over the weekend", "for two hours", "in 2024")."""
    if noun.lemma_.lower() in TIME_NOUNS or noun.lower_ in TIME_NOUNS:
        return True
    if noun.text[:1].isupper() and noun.lower_ in CALENDAR_NAMES:
        return True
    return noun.like_num and len(noun.text) == 4 and noun.text.isdigit()


def prep_nouns(trigger: Token) -> dict[str, list[Token]]:
    """The nouns of the trigger's prepositions, by preposition, leaving out times ("on Tuesday")."""
    found: dict[str, list[Token]] = {}
    for prep in attached_preps(trigger):
        nouns = [p for p in prep.children if p.dep_ == "pobj" and not is_time_phrase(p)]
        if nouns:
            found.setdefault(prep.lower_, []).extend(nouns)
    return found


def is_state_noun(noun: Token) -> bool:
    """A bare singular common noun ("in custody", "in mediation", "at war"): a state, not a place."""
    return noun.pos_ == "NOUN" and noun.tag_ != "NNS" and not any(c.dep_ in DETERMINER_DEPS for c in noun.children)


def split_prep_nouns(trigger: Token, target_preps: Iterable[str] = ()) -> tuple[list[Token], dict[str, list[Token]]]:
    """The nouns of the trigger's prepositions, split in two: those that say what the event is about (of
    theme prepositions and of ``target_preps``, a pattern's own target prepositions, and bare state nouns),
    and the others (places) by preposition; never a time."""
    wanted = THEME_PREPS.union(target_preps)
    themes: list[Token] = []
    places: dict[str, list[Token]] = {}
    for prep, nouns in prep_nouns(trigger).items():
        for noun in nouns:
            if prep in wanted or is_state_noun(noun):
                themes.append(noun)
            else:
                places.setdefault(prep, []).append(noun)
    return themes, places


def theme_heads(trigger: Token, target_preps: Iterable[str] = ()) -> list[Token]:
    """What the event is about: the objects, plus the nouns of the trigger's theme prepositions
    ("asked France for help", "supplied Ukraine with missiles", "called for the withdrawal") and of
    ``target_preps`` (a pattern's own target prepositions); never a place or time ("met at the summit",
    "clashed in the harbour", "on Tuesday")."""
    themes = object_heads(trigger)
    if trigger.pos_ not in ("NOUN", "PROPN"):
        themes += split_prep_nouns(trigger, target_preps)[0]
    return themes


def object_pp_nouns(objects: list[Token]) -> list[Token]:
    """The nouns of the "of"/"for" phrases of common-noun objects: what an object such as "the government"
    is accused of ("accused the government of trafficking") or asked for, when the parse attaches the
    phrase to the object rather than to the verb; never a time ("the talks of Tuesday")."""
    return [noun for obj in objects if obj.pos_ == "NOUN"
            for prep in obj.children if prep.dep_ == "prep" and prep.lower_ in OBJECT_THEME_PREPS
            for noun in prep.children if noun.dep_ == "pobj" and not is_time_phrase(noun)]


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


def _multiword(entries: frozenset[str]) -> tuple[str, ...]:
    """The entries of several words, as a theme phrase spells them: a hyphen splits words ("cease-fire" is
    parsed as "cease", "-", "fire" and matches "cease fire").

    Examples
    --------
    >>> sorted(_multiword(frozenset({"truce", "cease-fire", "humanitarian pause"})))
    ['cease fire', 'humanitarian pause']
    """
    return tuple(sorted({entry.replace("-", " ") for entry in entries if " " in entry or "-" in entry}))


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
        # object word sets -> their multi-word entries, matched as substrings of a phrase
        self.multiword: dict[frozenset[str], tuple[str, ...]] = {
            words: _multiword(words) for pattern in dictionaries.patterns.values()
            for words in (pattern.objects, pattern.not_objects)}

    def candidates(self, token: Token) -> list[tuple[VerbPattern, tuple[str, ...]]]:
        """Patterns whose head lemma fits ``token`` (before the other constraints)."""
        pos = "verb" if token.pos_ in ("VERB", "AUX") else "noun" if token.pos_ in ("NOUN", "PROPN") else None
        if pos is None:
            return []
        return self.by_lemma.get((pos, token.lemma_.lower()), [])

    def match(self, token: Token) -> list[VerbPattern]:
        """Patterns that match ``token`` in full, most specific first.

        The "of"/"for" phrase of a common-noun object ("accused the government *of* trafficking") is read
        only when the object and the trigger's own prepositions name no pattern's object words, so that
        "pledged the withdrawal of its troops" stays a withdrawal.
        """
        entries = self.candidates(token)
        if not entries:
            return []
        verb = token.pos_ not in ("NOUN", "PROPN")
        objects = object_heads(token)
        themes = list(objects)
        # nouns of place prepositions, which only a pattern that takes its target there reads as its theme
        other_preps: dict[str, list[Token]] = {}
        if verb:
            prep_themes, other_preps = split_prep_nouns(token)
            themes += prep_themes
        else:
            objects = []
        modifiers = {c.lemma_.lower() for c in token.children if c.dep_ in ("prt", "compound", "amod")}
        direct = theme_words(objects) if any(pattern.not_objects for pattern, _ in entries) else (set(), "")
        complement = request_complement(token) if verb and any(p.needs_complement for p, _ in entries) else None
        matched = self._matching(entries, theme_words(themes), direct, other_preps, modifiers, complement)
        if verb and not any(p.objects for p in matched):
            object_phrases = object_pp_nouns(objects)
            if object_phrases:
                matched = self._matching(entries, theme_words(themes + object_phrases), direct, other_preps, modifiers,
                                         complement)
        return matched

    def _matching(self, entries: list[tuple[VerbPattern, tuple[str, ...]]], theme: tuple[set[str], str],
                  direct: tuple[set[str], str], other_preps: dict[str, list[Token]],
                  modifiers: set[str], complement: Token | None = None) -> list[VerbPattern]:
        """The patterns of ``entries`` whose attached words, particle and object words are there and whose
        excluded object words (``not_object``) are not among the ``direct`` object's words."""
        words, phrase = theme
        extra_words: dict[str, tuple[set[str], str]] = {}
        matched = []
        for pattern, attached in entries:
            if any(word not in modifiers for word in attached):
                continue
            if pattern.needs_complement and (complement is None or complement.dep_ == "ccomp"):
                continue
            if pattern.particle and pattern.particle not in modifiers:
                continue
            if pattern.pos == "verb" and pattern.objects and not self._names_theme(
                    pattern, words, phrase, other_preps, extra_words):
                continue
            if pattern.not_objects and self._names_any(pattern.not_objects, *direct):
                continue
            if pattern not in matched:
                matched.append(pattern)
        return matched

    def _names_theme(self, pattern: VerbPattern, words: set[str], phrase: str, other_preps: dict[str, list[Token]],
                     extra_words: dict[str, tuple[set[str], str]]) -> bool:
        """Whether one of the pattern's object words names the theme, or the noun of one of its own target
        prepositions (``extra_words`` caches those words per preposition)."""
        if self._names_any(pattern.objects, words, phrase):
            return True
        for prep in pattern.targets:
            if prep not in other_preps:
                continue
            if prep not in extra_words:
                extra_words[prep] = theme_words(other_preps[prep])
            if self._names_any(pattern.objects, *extra_words[prep]):
                return True
        return False

    def _names_any(self, entries: frozenset[str], words: set[str], phrase: str) -> bool:
        """Whether one of the dictionary ``entries`` is one of ``words`` or, if multi-word, inside ``phrase``."""
        if entries & words:
            return True
        if not phrase:
            return False
        multiword = self.multiword.get(entries)
        if multiword is None:
            multiword = _multiword(entries)
        return any(entry in phrase for entry in multiword)

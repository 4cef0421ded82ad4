"""Extract dyads (source, target, pattern) from a parsed sentence.

For each trigger that a verb pattern matches, the source is the subject (the
"by" agent of a passive; the subject of the governing verb for infinitive
complements, coordinated verbs and relative clauses), and the target comes
from the slots the pattern names, in order: the direct object, the object of an
infinitive complement ("refused to accept a US proposal"), a dative, or a
preposition ("met with", "launched drones at"). Coordinated actors give one
dyad per pair; reciprocal patterns with coordinated subjects and no target code
each pair both ways ("Lavrov and Fidan discussed ..."). Event nouns ("talks
between A and B", "Russia's attack on Ukraine", "after discussions with X")
are coded the same way. :func:`mood` reads the words around the trigger
(``verbs/modality.yaml``): a threat verb makes the act a threat ("threatened to
attack" -> 138x), an intention verb or "will" an intention ("pledged to send aid"
-> 033); negation ("did not attack", "denied attacking", "refrained from"), a
refusal ("refused to accept"), "could"/"might", a condition ("if Iran attacks")
and a question give no dyad, nor does a dated event noun ("since its 2014
invasion"). A generic appeal takes its code from the act it asks for ("urged
Russia to hold talks" -> 026, ``request_codes`` in ``verbs/modality.yaml``); the
act asked for is no event of its own. Within a sentence, a (source, target)
pair that gets a root code from one trigger and a more specific code of that
root from another keeps only the specific one ("attacked Ukraine, firing
missiles at Kyiv": 195).

Examples
--------
>>> extract_dyads(sentence, mentions, matcher, classes)  # doctest: +SKIP
[Dyad(source=..RUS.., target=..UKR.., pattern=..launch-weapons-at.., trigger=1)]
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import permutations
from typing import Container, Iterable, Mapping

from spacy.tokens import Span, Token

from eventcoder.actors import ActorMention, NOUN_MODIFIER_DEPS
from eventcoder.dictionaries import Modality, VerbPattern
from eventcoder.verbs import VerbPatternMatcher, attached_preps, object_heads, request_complement, theme_heads

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
#: Prepositions through which a target noun phrase is searched for an actor
#: ("regions across Ukraine", "an idea by Pope Leo XIV"); never with/between/against.
#: "in" is left out: "talks in Istanbul" has no Turkish target.
SEARCH_PREPS = frozenset({"of", "across", "from", "by", "throughout", "inside"})
RELATIVE_PRONOUNS = frozenset({"which", "who", "that", "whom"})
#: Modifiers whose coordinated words name actors of their own ("Thai and Cambodian troops").
COORDINATED_MODIFIER_DEPS = frozenset({"amod", "nmod", "compound"})
#: Prepositions whose object names a time or place for a nominal event's governing verb.
SCENE_PREPS = frozenset({"after", "during", "following", "in", "at", "amid"})  # not "since"/"before": background
#: Prepositions that, on a theme noun, give a location rather than a target.
THEME_PLACE_PREPS = frozenset({"in", "near", "at", "outside", "around"})
#: Verbs that only carry an event noun, whose subject performs it ("issued a warning to", "paid a visit
#: to", "launched an offensive against"); not verbs with their own meaning ("condemned the attack on").
LIGHT_VERBS = frozenset({"issue", "make", "launch", "carry", "conduct", "extend", "deliver", "lodge", "file", "stage",
                         "mount", "pay", "give", "level", "voice", "express", "register", "undertake", "wage", "unleash"})


@dataclass(frozen=True)
class Dyad:
    """One coded relation before scoring: ``source`` did ``code`` to ``target``; ``pattern`` matched ``trigger``."""

    source: ActorMention
    target: ActorMention
    pattern: VerbPattern | None  # None for an event the classifier proposed
    trigger: int  # token index
    code: str  # the pattern's code, or the threat/intention code it became


def actors_at(token: Token, mentions: Mapping[int, ActorMention]) -> list[ActorMention]:
    """The actor of ``token``'s noun phrase and of the phrases coordinated with it, and the actors of country
    words coordinated inside it ("Thai and Cambodian troops": THAMIL and KHMMIL)."""
    found = []
    stack = [token]
    while stack:
        current = stack.pop()
        mention = mentions.get(current.i)
        if mention is not None:
            found.append(mention)
        stack.extend(c for c in current.children if c.dep_ in ("conj", "appos"))
        stack.extend(c for m in current.children if m.dep_ in COORDINATED_MODIFIER_DEPS
                     for c in m.children if c.dep_ == "conj" and c.i in mentions)
    return sorted(found, key=lambda m: m.head)


def actors_in(token: Token, mentions: Mapping[int, ActorMention]) -> list[ActorMention]:
    """Like :func:`actors_at`, or else the nearest actor inside the noun phrase's modifiers."""
    found = actors_at(token, mentions)
    if found:
        return found
    frontier = [token]
    for _ in range(4):
        following = []
        for node in frontier:
            for child in node.children:
                if child.pos_ in ("VERB", "AUX"):
                    continue  # "Rwandan-backed rebels" are not Rwanda
                if child.dep_ in NOUN_MODIFIER_DEPS or child.dep_ == "pobj" or (
                        child.dep_ == "prep" and child.lower_ in SEARCH_PREPS):
                    following.append(child)
        found = [m for t in following for m in actors_at(t, mentions)]
        if found:
            return found
        frontier = following
    return []


def subject_of(verb: Token, mentions: Mapping[int, ActorMention]) -> tuple[list[ActorMention], bool]:
    """The source actors of ``verb`` and whether the verb is passive."""
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    if passive:
        agents = [c for c in verb.children if c.dep_ == "agent"]
        sources = [m for a in agents for p in a.children if p.dep_ == "pobj" for m in actors_in(p, mentions)]
        return sources, True
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return actors_at(verb.head, mentions), False
            return actors_in(child, mentions), False
    if verb.dep_ in ("xcomp", "conj", "advcl", "ccomp") and verb.head is not verb and verb.head.pos_ in ("VERB", "AUX"):
        return subject_of(verb.head, mentions)[0], False
    if verb.dep_ == "xcomp" and verb.head.dep_ == "acomp" and verb.head.head is not verb.head:
        return subject_of(verb.head.head, mentions)[0], False  # "Japan is ready to help Vietnam"
    if verb.dep_ in ("acl", "relcl") and verb.head is not verb:
        return actors_at(verb.head, mentions), False
    return [], passive


def _own_mood(token: Token, modality: Modality) -> str:
    """What a verb's own negation, auxiliaries and conditional marker make of it."""
    if any(c.dep_ == "neg" for c in token.children):
        return "none"
    if any(c.dep_ == "mark" and c.lower_ in modality.conditional_markers for c in token.children):
        return "none"
    auxiliaries = {c.lower_ for c in token.children if c.dep_ == "aux"}
    if auxiliaries & modality.hypothetical_auxiliaries:
        return "none"
    if auxiliaries & modality.demand_auxiliaries:
        return "demand"
    if auxiliaries & modality.appeal_auxiliaries:
        return "appeal"
    return "intent" if auxiliaries & modality.future_auxiliaries else "act"


def mood(trigger: Token, modality: Modality) -> str:
    """``"act"``, ``"intent"``, ``"threat"``, ``"option"`` (an act only weighed: "is considering
    imposing"), ``"demand"`` or ``"appeal"`` (an act its subject must or should do: "Israel must end its
    raids") or ``"none"`` for a trigger, from the words around it and up its chain of governing verbs
    ("refused to accept", "refrained from criticising"); acts, intentions and threats are events of their
    subject, demands and appeals events of whoever voices them (:func:`obligation_speakers`)."""
    if trigger.sent[-1].text == "?":
        return "none"  # questions report no event
    if trigger.pos_ in ("NOUN", "PROPN") and any(c.dep_ in ("nummod", "compound") and c.like_num and len(c.text) == 4
                                                 for c in trigger.children):
        return "none"  # "the 2022 invasion": background, not news
    node = trigger
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ == "dobj" and trigger.head.lemma_.lower() in LIGHT_VERBS:
        node = trigger.head  # "agreed to undertake joint exercises": the event noun has its light verb's mood
    state = _own_mood(node, modality)
    for _ in range(3):
        if state == "none":
            return state
        head = node.head
        if node.dep_ == "pcomp" and head.dep_ == "prep":  # "refrained from criticising"
            head = head.head
        elif node.dep_ not in ("xcomp", "ccomp", "advcl") or head is node:
            break
        lemma = head.lemma_.lower()
        if lemma in modality.negating_verbs:
            return "none"
        if node.dep_ == "xcomp" and state == "act" and lemma in modality.demand_verbs | modality.appeal_verbs:
            state = "demand" if lemma in modality.demand_verbs else "appeal"  # "Israel had to halt its offensive"
        if lemma in modality.option_verbs:
            return "option"
        head_mood = _own_mood(head, modality)
        if head_mood == "none":
            return "none"
        # a reported clause keeps its own mood ("said it would attack" has its own "would"), as does an obligation
        if node.dep_ != "ccomp" and state not in ("demand", "appeal"):
            if lemma in modality.threat_verbs:
                state = "threat"
            elif lemma in modality.intent_verbs or head_mood == "intent":
                state = "threat" if state == "threat" else "intent"
        node = head
    return state


def targets_for(trigger: Token, pattern: VerbPattern, mentions: Mapping[int, ActorMention],
                sources: Iterable[ActorMention] = (), unmet: Container[int] = ()) -> list[ActorMention]:
    """The target actors from the first of the pattern's slots that holds any other than the ``sources``
    themselves: "Russia blamed the Russian bridge explosion on Ukraine" passes over the object to "on".

    The ``complement`` slot reads no complement verb in ``unmet``: a hostile act that does not happen
    ("refused to condemn Iran") is no rejection of its target, while "refused to accept a US proposal" is.
    """
    sources = list(sources)
    objects = [o for o in object_heads(trigger) if o is not trigger]
    themes = [t for t in theme_heads(trigger, pattern.targets) if t is not trigger]
    # a theme's own place phrase ("a restaurant in Quetta", "a device near Fallujah") names a target only
    # when no slot names one otherwise ("called for press freedom in Azerbaijan")
    return (_targets_in_slots(trigger, pattern, mentions, sources, unmet, objects, themes, places=False)
            or _targets_in_slots(trigger, pattern, mentions, sources, unmet, objects, themes, places=True))


def _targets_in_slots(trigger: Token, pattern: VerbPattern, mentions: Mapping[int, ActorMention],
                      sources: list[ActorMention], unmet: Container[int], objects: list[Token], themes: list[Token],
                      places: bool) -> list[ActorMention]:
    for slot in pattern.targets:
        if slot == "object":
            found = [m for o in objects if o.dep_ != "nsubjpass" or pattern.pos == "verb" for m in actors_in(o, mentions)]
        elif slot == "complement":
            found = []
            for comp in (c for c in trigger.children if c.dep_ in ("xcomp", "ccomp") and c.i not in unmet):
                comp_objects = object_heads(comp)
                for obj in comp_objects:
                    found += actors_in(obj, mentions)
                # "refused to accept a US proposal", "refuses to lift the ban *on Cypriot ships*"
                for prep in attached_preps(comp) + [p for o in comp_objects for p in noun_preps(o) if p.lower_ not in THEME_PLACE_PREPS]:
                    found += [m for p in prep.children if p.dep_ == "pobj" for m in actors_in(p, mentions)]
        elif slot == "clause":  # the subject of a clause asked for: "demanded that *Japan* withdraw"
            found = [m for c in trigger.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX") and c.i not in unmet
                     for subject in c.children if subject.dep_ in ("nsubj", "nsubjpass") for m in actors_in(subject, mentions)]
        elif slot == "dative":
            found = [m for c in trigger.children if c.dep_ in ("dative", "iobj") for m in actors_in(c, mentions)]
        elif slot == "subject":
            found = [m for c in trigger.children if c.dep_ == "nsubjpass" for m in actors_in(c, mentions)]
        else:
            preps = [p for p in attached_preps(trigger) if p.lower_ == slot]
            preps += [p for o in themes for p in noun_preps(o) if p.lower_ == slot and (places or slot not in THEME_PLACE_PREPS)]
            found = [m for prep in preps for p in prep.children if p.dep_ == "pobj" for m in actors_in(p, mentions)]
            if any(c.dep_ == "prt" and c.lower_ == slot for c in trigger.children):
                # the parser reads the preposition as a particle: "called on Iran to ...", "called on(prt) Iran(dobj)"
                found += [m for o in objects if o.dep_ == "dobj" for m in actors_in(o, mentions)]
        if sources:
            found = [m for m in found if _pairs(sources, [m])]
        if found:
            return found
    return []


def noun_preps(noun: Token) -> list[Token]:
    """The prepositions of a noun phrase that can lead to its target: the noun's own ("sanctions *on*"),
    those of a participle it carries ("sanctions imposed *on* Eritrea"), and one level down ("support for
    the latrines *to* Haitian people")."""
    own = attached_preps(noun) + [p for verb in noun.children if verb.dep_ == "acl" for p in attached_preps(verb)]
    return own + [inner for prep in own for pobj in prep.children if pobj.dep_ == "pobj" for inner in attached_preps(pobj)]


def nominal_sources(noun: Token, mentions: Mapping[int, ActorMention]) -> list[ActorMention]:
    """Who performs an event noun: its own modifiers ("Russian strikes", "Russia's attack"),
    a "by" phrase, or the subject of the verb it is a scene of ("said after talks with")."""
    own = mentions.get(noun.i)
    if own is not None:
        return [own]
    for prep in attached_preps(noun):
        if prep.lower_ == "by":
            return [m for p in prep.children if p.dep_ == "pobj" for m in actors_in(p, mentions)]
    if noun.dep_ == "pobj" and noun.head.lower_ in SCENE_PREPS and noun.head.head.pos_ in ("VERB", "AUX"):
        return subject_of(noun.head.head, mentions)[0]
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in LIGHT_VERBS:
        return subject_of(noun.head, mentions)[0]  # "Egypt extended an invitation to ...", "paid a visit to"
    return []


def _pairs(sources: Iterable[ActorMention], targets: Iterable[ActorMention]) -> list[tuple[ActorMention, ActorMention]]:
    return [(s, t) for s in sources for t in targets if s.head != t.head and s.code != t.code]


def extract_dyads(sentence: Span, mentions: Mapping[int, ActorMention], matcher: VerbPatternMatcher,
                  modality: Modality) -> list[Dyad]:
    """All dyads of one sentence, at most one per (source code, target code, CAMEO code).

    A generic request ("urged Russia to hold talks") takes its code from the act it asks for
    (:meth:`~eventcoder.dictionaries.Modality.requested`), and the act asked for gives no event of its own.
    """
    patterns_at: dict[int, list[VerbPattern]] = {}
    states: dict[int, str] = {}
    for token in sentence:
        patterns = matcher.match(token)
        if patterns:
            patterns_at[token.i] = patterns
            states[token.i] = mood(token, modality)
    # hostile acts that do not happen ("refused to condemn Iran"): refusing them rejects no one
    unmet = {i for i, patterns in patterns_at.items() if states[i] == "none" and is_conflictual(patterns[0].code)}
    # event nouns that a yielding verb undoes ("sanctions against Iran were lifted"): no event of their own
    for index in list(patterns_at):
        noun = sentence.doc[index]
        if (noun.pos_ in ("NOUN", "PROPN") and noun.dep_ in ("dobj", "nsubjpass") and noun.head.i in patterns_at
                and patterns_at[noun.head.i][0].code[:2] == YIELDING_ROOT):
            states[index] = "none"
    found: list[tuple[Token, VerbPattern, str, list[tuple[ActorMention, ActorMention]]]] = []
    voiced: dict[int, str] = {}  # trigger -> the code of the demand (appeal, protest) it is voiced as
    for index, patterns in patterns_at.items():
        trigger, state = sentence.doc[index], states[index]
        if state in ("none", "option"):
            continue
        if state in ("demand", "appeal"):
            parties, passive = subject_of(trigger, mentions)
            obliging = modality.demand_verbs | modality.appeal_verbs
            clause = trigger.head if trigger.dep_ == "xcomp" and trigger.head.lemma_.lower() in obliging else trigger
            speakers = obligation_speakers(clause, mentions)
            pairs = [(s, p) for s in speakers for p in parties if s.code != p.code] if not passive else []
            if pairs:
                generic = "100" if state == "demand" else "020"
                voiced[index] = modality.requested(generic, patterns[0].code) or generic
                found.append((trigger, patterns[0], state, pairs))
            continue
        for pattern in patterns:
            pairs = [(s, t) for s, t in _dyads_for(trigger, pattern, mentions, unmet) if s.role not in pattern.not_sources]
            if pairs:
                found.append((trigger, pattern, state, pairs))
                break  # the most specific pattern that yields a dyad wins
    asked_for: set[int] = set()
    request_codes: dict[int, str] = {}
    for trigger, pattern, _, _ in found:
        if pattern.code[:2] not in modality.request_codes:
            continue
        complement = request_complement(trigger)
        if complement is None:
            continue
        asked_for.update(verb.i for verb in complement_verbs(complement))
        if _own_mood(complement, modality) in ("act", "demand", "appeal"):  # "demanded that Japan (must) withdraw"
            code = next((c for c in (modality.requested(pattern.code, act.code) for act in patterns_at.get(complement.i, ()))
                         if c is not None), None)
            if code is not None and is_generic(pattern.code):
                request_codes[trigger.i] = code
    # a demand a protest makes ("rallied in Minsk to demand that Lukashenko step down") is that protest, against
    # the demand's target: CAMEO 141x-145x ("demonstrate for leadership change" 1411)
    for trigger, pattern, state, _ in found:
        head = patterns_at.get(trigger.head.i)
        if (state == "act" and pattern.code[:2] == DEMAND_ROOT and trigger.dep_ in ("advcl", "xcomp", "conj")
                and head and head[0].code[:2] == PROTEST_ROOT):
            protest = head[0].code[:3]
            reform = request_codes.get(trigger.i, pattern.code)
            for_reform = protest != "140" and reform[:3] == "104" and len(reform) == 4  # 1041 -> 1411, 1441 ...
            voiced[trigger.i] = protest + reform[3] if for_reform else protest
    dyads: list[Dyad] = []
    seen: set[tuple[str, str, str]] = set()
    for trigger, pattern, state, pairs in found:
        if trigger.i in asked_for:
            continue
        code = voiced.get(trigger.i) or modality.convert(request_codes.get(trigger.i, pattern.code), state)
        for source, target in pairs if code else ():
            key = (source.code, target.code, code)
            if key not in seen:
                seen.add(key)
                dyads.append(Dyad(source, target, pattern, trigger.i, code))
    return _most_specific(dyads)


def obligation_speakers(verb: Token, mentions: Mapping[int, ActorMention]) -> list[ActorMention]:
    """The actors who say that ``verb``'s subject must or should act: the subject of the reporting verb
    whose clause it is ("Russia said Israel must end its raids") or that stands beside it ("Israel must end
    its raids, Russia said"); none when nobody is said to voice it."""
    heads = [verb.head] if verb.dep_ == "ccomp" else []
    heads += [c for c in verb.children if c.dep_ in ("parataxis", "ccomp")]
    for head in heads:
        if head.lemma_.lower() in REPORTING_VERBS:
            sources, passive = subject_of(head, mentions)
            if sources and not passive:
                return sources
    return []


def is_conflictual(code: str) -> bool:
    """Whether a CAMEO code is a conflictual act (roots 09 to 20: verbal and material conflict)."""
    return code[:2] >= "09"


def is_generic(code: str) -> bool:
    """A root's generic code ("020", "190"), which a more specific code of the root refines."""
    return len(code) == 3 and code.endswith("0")


def refines(specific: str, general: str) -> bool:
    """Whether CAMEO code ``specific`` says more than ``general`` about the same act: a code of the
    generic code's root ("195" refines "190") or a code below it ("1951" refines "195")."""
    if specific == general:
        return False
    return specific.startswith(general) or (is_generic(general) and specific[:2] == general[:2])


def _most_specific(dyads: list[Dyad]) -> list[Dyad]:
    """Drop a dyad when another trigger of the sentence gives the same (source, target) a more specific code
    of the same act ("attacked ... with drones, launching strikes": 195, not also 190)."""
    codes: dict[tuple[str, str], set[str]] = {}
    for dyad in dyads:
        codes.setdefault((dyad.source.code, dyad.target.code), set()).add(dyad.code)
    return [d for d in dyads if not any(refines(other, d.code) for other in codes[(d.source.code, d.target.code)])]


def complement_verbs(complement: Token) -> list[Token]:
    """The complement and the verbs that carry it on ("to stop and withdraw", "to agree to free")."""
    verbs = [complement]
    stack = [complement]
    while stack:
        for child in stack.pop().children:
            if child.dep_ in ("conj", "xcomp", "ccomp") and child.pos_ in ("VERB", "AUX"):
                verbs.append(child)
                stack.append(child)
    return verbs


def _dyads_for(trigger: Token, pattern: VerbPattern, mentions: Mapping[int, ActorMention],
               unmet: Container[int] = ()) -> list[tuple[ActorMention, ActorMention]]:
    if pattern.pos == "noun":
        between = [m for p in attached_preps(trigger) if p.lower_ == "between"
                   for o in p.children if o.dep_ == "pobj" for m in actors_at(o, mentions)]
        if len(between) >= 2:
            return [pair for pair in permutations(between, 2) if pair[0].code != pair[1].code]
        sources = nominal_sources(trigger, mentions)
    else:
        sources, _ = subject_of(trigger, mentions)
    if not sources:
        return []
    targets = targets_for(trigger, pattern, mentions, sources, unmet)
    if targets:
        return _pairs(sources, targets)
    if pattern.reciprocal and len(sources) >= 2:
        return [pair for pair in permutations(sources, 2) if pair[0].code != pair[1].code]
    return []


#: Prepositions whose object can be the other party of an event no pattern names ("clashed with",
#: "moved against", "sent to"); never places or times ("in", "at", "on Tuesday").
CANDIDATE_PREPS = frozenset({"with", "against", "to", "toward", "towards", "into", "on", "upon", "over", "from", "for"})


def candidate_pairs(sentence: Span, mentions: Mapping[int, ActorMention], modality: Modality,
                    coded: set[tuple[str, str]]) -> list[tuple[int, ActorMention, ActorMention]]:
    """(verb index, source, target) for main (or coordinated) verbs with an actor subject and an actor
    object or prepositional object, which no dictionary pattern coded: candidates for the classifier.
    Pairs in ``coded`` (source code, target code) already have an event; negated, hypothetical
    and questioned verbs give none."""
    found: list[tuple[int, ActorMention, ActorMention]] = []
    seen = set(coded)
    for verb in sentence:
        if verb.pos_ != "VERB" or verb.dep_ not in ("ROOT", "conj"):
            continue  # a complement's subject is often the governing verb's object ("urged Iran to free ...")
        sources, passive = subject_of(verb, mentions)
        if not sources or passive:
            continue
        heads = [o for o in object_heads(verb) if o is not verb and o.dep_ != "nsubjpass"]
        heads += [p for prep in attached_preps(verb) if prep.lower_ in CANDIDATE_PREPS
                  for p in prep.children if p.dep_ == "pobj"]
        targets = [m for head in heads for m in actors_in(head, mentions)]
        if not targets or mood(verb, modality) != "act":
            continue
        for source, target in _pairs(sources, targets):
            if (source.code, target.code) not in seen:
                seen.add((source.code, target.code))
                found.append((verb.i, source, target))
    return found


#: Verbs that report another clause ("X said Y attacked Z"): the reported clause is read first.
REPORTING_VERBS = frozenset({"say", "tell", "report", "add", "state", "claim", "note", "quote", "confirm", "insist"})
OBLIGATION_WORDS = frozenset({"must", "should", "ought"})


def likely_pair(sentence: Span, mentions: Mapping[int, ActorMention],
                judged_events: Container[int] = ()) -> tuple[int, ActorMention, ActorMention] | None:
    """The most likely (verb index, source, target) of a sentence in which no pattern gave a dyad: what a
    sentence-level classifier reading is attributed to. None when the sentence holds fewer than two actors.

    Verbs are tried from the top of the parse down (a reporting verb after the clause it reports). The first
    verb with an actor subject (or a passive's "by" agent) gives the source; its passive subject, or else the
    first actor after it in its own phrase, or else the nearest other actor of the sentence, gives the target.
    A sentence in which no verb has an actor subject pairs its first two actors in order. An actor inside the
    phrase of an event noun that is judged (``judged_events``: token indices, see :func:`judged_events`) is
    that event's party, not the judge's target ("Britain condemned the attack on Israel" pairs nothing).

    Examples
    --------
    >>> likely_pair(nlp("Turkish forces pounded positions held by Kurdish fighters near the Syrian border.")[:], mentions)  # doctest: +SKIP
    (2, <TURMIL>, <KURREB>)
    """
    inside = [m for i, m in sorted(mentions.items()) if sentence.start <= i < sentence.end]
    if len({m.code for m in inside}) < 2:
        return None
    doc = sentence.doc

    def under_event_noun(mention: ActorMention) -> bool:
        return any(a.i in judged_events for a in doc[mention.head].ancestors)

    def rank(verb: Token) -> tuple[int, int]:
        depth = sum(1 for _ in verb.ancestors)
        reports = verb.lemma_.lower() in REPORTING_VERBS and any(
            c.dep_ == "ccomp" and not any(a.dep_ == "aux" and a.lower_ in OBLIGATION_WORDS for a in c.children)
            for c in verb.children)  # "said that Y must stop" is the speaker's demand, not Y's act
        return depth + (2 if reports else 0), verb.i

    for verb in sorted((t for t in sentence if t.pos_ in ("VERB", "AUX")), key=rank):
        sources, passive = subject_of(verb, mentions)
        sources = [s for s in sources if sentence.start <= s.head < sentence.end]
        if not sources:
            continue
        source = sources[0]
        others = [m for m in inside if m.code != source.code and m.head not in {s.head for s in sources}
                  and not under_event_noun(m)]
        if not others:
            continue
        patients = [m for c in verb.children if c.dep_ == "nsubjpass" for m in actors_in(c, mentions)] if passive else []
        in_phrase = [m for m in others if m.head > verb.i and doc[m.head] in verb.subtree]
        nearest = sorted(others, key=lambda m: (m.head < verb.i, abs(m.head - verb.i)))
        target = next((m for m in patients if m in others), None) or (in_phrase or nearest)[0]
        return verb.i, source, target
    source = inside[0]
    partners = {m.head for m in actors_at(sentence.doc[source.head], mentions)}  # "Germany and UNICEF hand over"
    target = next((m for m in inside if m.code != source.code and m.head not in partners and not under_event_noun(m)), None)
    return (sentence.root.i, source, target) if target is not None else None


#: The root of acts that undo another ("lifted the sanctions", "ended the blockade").
YIELDING_ROOT = "08"
#: Demands, and the protests that can make them.
DEMAND_ROOT, PROTEST_ROOT = "10", "14"

#: Roots of verbs that judge an act of others ("condemned the attack on Israel", "rejected the demand for ...").
JUDGING_ROOTS = frozenset({"11", "12"})


def judged_events(sentence: Span, matcher: VerbPatternMatcher) -> set[int]:
    """Event nouns that are the object of a judging verb ("condemned *the attack* on Israel"): the actors in
    their phrase are the judged event's parties, not the judge's target."""
    found = set()
    for token in sentence:
        if token.dep_ == "dobj" and token.pos_ == "NOUN" and matcher.match(token):
            judge = matcher.match(token.head)
            if judge and judge[0].code[:2] in JUDGING_ROOTS:
                found.add(token.i)
    return found

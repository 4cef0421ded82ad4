"""Load and validate eventcoder's actor and verb dictionaries.

Dictionaries are human-edited YAML files (format: ``dictionaries/README.md``).
Every problem is reported as an :class:`~eventcoder.errors.DictionaryError`
naming ``file:line``; loading never needs spaCy.

Examples
--------
>>> d = load_dictionaries()
>>> d.people["Sergei Lavrov"].code_on("2025-05-27")
'RUSGOV'
>>> d.patterns["verbs/19_fight.yaml#launch-weapons-at"].code
'195'
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Sequence

import yaml

from eventcoder.errors import DictionaryError
from eventcoder.ontology import Ontology, read_table
from eventcoder.paths import dictionaries_dir

ACTOR_CODE = re.compile(r"^(?:[A-Z]{3})+$")
TARGET_SLOTS = ("object", "complement", "clause", "dative", "subject")
#: Targets a pattern takes when it says nothing: its direct object.
DEFAULT_TARGETS = ("object",)


# --------------------------------------------------------------------------- data classes

@dataclass(frozen=True)
class DatedCode:
    """An actor code valid from ``start`` (inclusive) until ``end`` (exclusive); None is open."""

    code: str
    start: str | None = None
    end: str | None = None
    note: str | None = None

    def covers(self, date: str) -> bool:
        return (self.start is None or self.start <= date) and (self.end is None or date < self.end)


@dataclass(frozen=True)
class ActorEntry:
    """A named actor: country, region, organisation, group or person.

    ``codes`` are tried against the document date; see :meth:`code_on`.
    """

    name: str
    kind: str  # "country", "region", "organization" or "person"
    names: tuple[str, ...]
    adjectives: tuple[str, ...]
    codes: tuple[DatedCode, ...]
    country: str | None
    origin: str  # file:line

    def code_on(self, date: str | None) -> str:
        """The actor code in force on ``date`` (ISO).

        With no date, the open-ended (current) code. A person outside every
        dated office is coded as their bare country.
        """
        if date is None:
            open_ended = [c for c in self.codes if c.end is None]
            return (open_ended or list(self.codes))[-1].code
        for dated in self.codes:
            if dated.covers(date):
                return dated.code
        if self.kind == "person" and self.country:
            return self.country
        # outside every range of a group: the nearest range in time
        before = [c for c in self.codes if c.end is not None and c.end <= date]
        return (before[-1] if before else self.codes[0]).code

    @property
    def composable(self) -> bool:
        """True for bare country/region codes, which combine with role words ("Russian troops")."""
        return self.kind in ("country", "region")


@dataclass(frozen=True)
class AgentEntry:
    """Role words ("troops", "foreign minister") that add a role code to a country."""

    role: str
    terms: tuple[str, ...]
    origin: str


@dataclass(frozen=True)
class ExpectedEvent:
    source: str
    target: str
    code: str


@dataclass(frozen=True)
class Example:
    """An example sentence of a pattern and the events it must produce (empty: none)."""

    text: str
    events: tuple[ExpectedEvent, ...]
    date: str | None
    origin: str
    pattern_id: str


@dataclass(frozen=True)
class VerbPattern:
    """A predicate pattern that codes a CAMEO event.

    Attributes
    ----------
    id : str
        ``file#name``, e.g. ``verbs/19_fight.yaml#launch-weapons-at``.
    code : str
        The CAMEO code the pattern gives.
    lemmas : tuple of str
        Verb (or noun, for ``pos == "noun"``) lemmas that trigger it.
    particle : str or None
        A required verb particle ("call off").
    objects : frozenset of str
        Lemmas one of which the direct object must have (light verbs, instruments); empty: any.
    not_objects : frozenset of str
        Lemmas none of which the direct object may have ("released a *video*" is no release); empty: any.
    targets : tuple of str
        Where the target comes from, in order: ``object``, ``complement`` (the object
        of an infinitive complement: "refused to accept X"), ``clause`` (the subject of a clause
        asked for: "demanded that X withdraw"), ``dative``, ``subject`` or a preposition.
    reciprocal : bool
        With coordinated subjects and no target, code every pair both ways.
    not_sources : frozenset of str
        Role codes whose actors never perform the act ("troops arrived in Mali" is a deployment, not a visit).
    needs_complement : bool
        Match only a verb with an infinitive complement, the act it asks for ("told Hungary *to scrap* the law").
    """

    id: str
    code: str
    pos: str
    lemmas: tuple[str, ...]
    particle: str | None
    objects: frozenset[str]
    targets: tuple[str, ...]
    reciprocal: bool
    examples: tuple[Example, ...]
    origin: str
    priority: int = 0  # 0 for the main folder, 1, 2, ... for user folders: a user pattern wins ties
    not_objects: frozenset[str] = frozenset()
    not_sources: frozenset[str] = frozenset()
    needs_complement: bool = False

    @property
    def specificity(self) -> int:
        """More constraints make a more specific pattern; the most specific match wins."""
        return ((2 if self.objects or self.needs_complement else 0) + (1 if self.particle else 0)
                + (1 if any(t not in TARGET_SLOTS for t in self.targets) else 0))


@dataclass(frozen=True)
class Modality:
    """How the words around a trigger change its event (``verbs/modality.yaml``)."""

    threat_verbs: frozenset[str] = frozenset()
    intent_verbs: frozenset[str] = frozenset()
    negating_verbs: frozenset[str] = frozenset()
    future_auxiliaries: frozenset[str] = frozenset()
    hypothetical_auxiliaries: frozenset[str] = frozenset()
    conditional_markers: frozenset[str] = frozenset()
    #: auxiliaries of obligation ("Israel must end its raids"): the act is no event of its subject, but the
    #: demand (or, with ``appeal_auxiliaries``, the appeal) of whoever says it ("Russia said Israel must end ...")
    demand_auxiliaries: frozenset[str] = frozenset()
    appeal_auxiliaries: frozenset[str] = frozenset()
    #: verbs whose infinitive complement is such an obligation ("had to halt", "needs to halt")
    demand_verbs: frozenset[str] = frozenset()
    appeal_verbs: frozenset[str] = frozenset()
    #: verbs under which an act is only an option weighed ("is considering imposing sanctions"): no event of its
    #: own, but the verb's own pattern (014) still takes its target from it
    option_verbs: frozenset[str] = frozenset()
    threat_codes: dict[str, str] = field(default_factory=dict)
    intent_codes: dict[str, str] = field(default_factory=dict)
    #: requesting root ("02") -> {code prefix of the act asked for -> the request's code}
    request_codes: dict[str, dict[str, str]] = field(default_factory=dict)

    def convert(self, code: str, mood: str) -> str | None:
        """The code an act ``code`` gets as a ``"threat"`` or an ``"intent"`` (None: no event).

        Examples
        --------
        >>> m = Modality(threat_codes={"19": "1384", "191": "1381"}, intent_codes={"07": "033"})
        >>> m.convert("190", "threat"), m.convert("191", "threat"), m.convert("070", "intent"), m.convert("190", "intent")
        ('1384', '1381', '033', '1384')
        >>> m.convert("070", "threat")  # "vowed to send aid": a cooperative act promised, whatever the verb
        '033'
        """
        if mood == "act":
            return code
        table = self.intent_codes if code[:2] < "09" else self.threat_codes
        return _longest_prefix(table, code)

    def requested(self, request_code: str, act_code: str) -> str | None:
        """The code of a request (``request_code``, e.g. the generic appeal 020) for the act ``act_code``
        that it asks for ("urged Russia to hold talks": 020 and 040 give 026); None: no more specific code.

        Examples
        --------
        >>> m = Modality(request_codes={"02": {"04": "026", "084": "0253"}})
        >>> m.requested("020", "0841"), m.requested("020", "043"), m.requested("020", "190"), m.requested("111", "043")
        ('0253', '026', None, None)
        """
        table = self.request_codes.get(request_code[:2])
        return _longest_prefix(table, act_code) if table else None


def _longest_prefix(table: dict[str, str], code: str) -> str | None:
    """The value of the longest key of ``table`` that ``code`` starts with."""
    prefix = max((p for p in table if code.startswith(p)), key=len, default=None)
    return table[prefix] if prefix is not None else None


@dataclass(frozen=True)
class Dictionaries:
    """Everything the coder reads from ``dictionaries/``.

    Build it with :func:`load_dictionaries`.
    """

    root: Path
    ontology: Ontology
    actors: tuple[ActorEntry, ...]
    agents: tuple[AgentEntry, ...]
    patterns: dict[str, VerbPattern]
    word_classes: dict[str, frozenset[str]]
    no_event_sentences: tuple[str, ...]
    hash: str
    modality: Modality = field(default_factory=Modality)
    people: dict[str, ActorEntry] = field(repr=False, default_factory=dict)
    training_sentences: tuple[Example, ...] = ()

    @property
    def examples(self) -> list[Example]:
        """All example sentences of all patterns."""
        return [ex for p in self.patterns.values() for ex in p.examples]

    def summary(self) -> dict[str, int]:
        """Counts of what was loaded (for ``eventcoder dictionaries`` and provenance)."""
        return {
            "actors": len(self.actors),
            "actor_phrases": sum(len(a.names) + len(a.adjectives) for a in self.actors),
            "people": len(self.people),
            "agent_terms": sum(len(a.terms) for a in self.agents),
            "patterns": len(self.patterns),
            "codes_with_patterns": len({p.code for p in self.patterns.values()}),
            "examples": len(self.examples),
            "no_event_sentences": len(self.no_event_sentences),
            "training_sentences": len(self.training_sentences),
        }


# --------------------------------------------------------------------------- YAML with line numbers

class _Str(str):
    """A string that remembers the line it was read from."""

    line: int = 0


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's parser when PyYAML has it
    """SafeLoader that records line numbers on mappings (``__line__``) and strings."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


def _construct_str(loader: _LineLoader, node: yaml.ScalarNode) -> _Str:
    value = _Str(loader.construct_scalar(node))
    value.line = node.start_mark.line + 1
    return value


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:str", _construct_str)
# YAML 1.1 reads on/off/yes/no as booleans (in dictionaries "on" is a preposition), and
# dates as timestamps (an impossible date would crash it): both stay text, checked by us.
_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_LineLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def _read_yaml(path: Path, rel: str) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise DictionaryError("E100", f"YAML syntax error: {exc.problem or exc}", rel, mark.line + 1 if mark else None) from None


# --------------------------------------------------------------------------- field checks

class _Entry:
    """Typed access to one YAML mapping, raising file:line errors."""

    def __init__(self, data: Any, rel: str, allowed: Iterable[str], line: int | None = None) -> None:
        if not isinstance(data, dict):
            raise DictionaryError("E103", f"expected a mapping (an entry with fields), found {_kind(data)}", rel, getattr(data, "line", line))
        self.data, self.rel, self.line = data, rel, data.get("__line__", line)
        unknown = sorted(set(data) - set(allowed) - {"__line__"})
        if unknown:
            raise DictionaryError("E101", f"unknown field {unknown[0]!r}; allowed fields are {', '.join(sorted(allowed))}", rel, self.line)

    @property
    def where(self) -> str:
        return f"{self.rel}:{self.line}"

    def error(self, code: str, message: str) -> DictionaryError:
        return DictionaryError(code, message, self.rel, self.line)

    def text(self, key: str, required: bool = True) -> str | None:
        value = self.data.get(key)
        if value is None:
            if required:
                raise self.error("E102", f"missing required field {key!r}")
            return None
        if not isinstance(value, str):
            hint = ' (quote CAMEO codes: code: "040", or YAML reads 040 as a number)' if key == "code" else ""
            raise self.error("E103", f"field {key!r} must be text, found {_kind(value)}{hint}")
        return value.strip()

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.error("E103", f"field {key!r} must be a list of non-empty texts")
        return tuple(v.strip() for v in value)

    def date(self, key: str) -> str | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            try:
                return dt.date.fromisoformat(value.strip()).isoformat()
            except ValueError:
                pass
        raise self.error("E104", f"field {key!r} must be a date written YYYY-MM-DD, found {value!r}")


def _kind(value: Any) -> str:
    return {dict: "a mapping", list: "a list", int: "a number", float: "a number", bool: "true/false"}.get(type(value), type(value).__name__)


def _check_actor_code(entry: _Entry, code: str) -> str:
    if not ACTOR_CODE.match(code):
        raise entry.error("E107", f"actor code {code!r} must be upper-case letters in groups of three (RUS, RUSGOV, IGOUNO)")
    return code


# --------------------------------------------------------------------------- actors

def _dated_codes(entry: _Entry) -> tuple[DatedCode, ...]:
    if ("code" in entry.data) == ("codes" in entry.data):
        raise entry.error("E102", "give exactly one of 'code' (one code) or 'codes' (a list of dated codes)")
    if "code" in entry.data:
        return (DatedCode(_check_actor_code(entry, entry.text("code"))),)
    raw = entry.data["codes"]
    if not isinstance(raw, list) or not raw:
        raise entry.error("E103", "'codes' must be a list of {code, from, until, note} entries")
    dated = []
    for item in raw:
        sub = _Entry(item, entry.rel, ("code", "from", "until", "note"), entry.line)
        code = DatedCode(_check_actor_code(sub, sub.text("code")), sub.date("from"), sub.date("until"), sub.text("note", False))
        if code.start and code.end and code.start >= code.end:
            raise sub.error("E104", f"'from' {code.start} must come before 'until' {code.end}")
        dated.append(code)
    return tuple(dated)


def _load_actor_file(path: Path, rel: str) -> tuple[list[ActorEntry], list[AgentEntry]]:
    data = _read_yaml(path, rel) or []
    if not isinstance(data, list):
        raise DictionaryError("E103", "an actor file must be a list of entries (lines starting with '- ')", rel, 1)
    actors: list[ActorEntry] = []
    agents: list[AgentEntry] = []
    for item in data:
        if isinstance(item, dict) and "role" in item:
            entry = _Entry(item, rel, ("role", "terms", "note"))
            role = entry.text("role")
            if not re.fullmatch(r"[A-Z]{3}", role):
                raise entry.error("E107", f"role {role!r} must be a three-letter CAMEO role code such as GOV or MIL")
            terms = entry.texts("terms")
            if not terms:
                raise entry.error("E102", "missing required field 'terms'")
            agents.append(AgentEntry(role, terms, entry.where))
        elif isinstance(item, dict) and "name" in item:
            entry = _Entry(item, rel, ("name", "aliases", "country", "codes", "code", "note"))
            name = entry.text("name")
            country = entry.text("country", False)
            if country is not None and not re.fullmatch(r"[A-Z]{3}", country):
                raise entry.error("E107", f"country {country!r} must be a three-letter code")
            actors.append(ActorEntry(name, "person", (name, *entry.texts("aliases")), (), _dated_codes(entry), country, entry.where))
        else:
            entry = _Entry(item, rel, ("code", "codes", "names", "adjectives", "demonyms", "capitals", "places", "government",
                                       "country", "kind", "note"))
            codes = _dated_codes(entry)
            names = entry.texts("names") + entry.texts("demonyms") + entry.texts("capitals") + entry.texts("places")
            if not names:
                raise entry.error("E102", "missing required field 'names' (or 'places')")
            kind = entry.text("kind", False) or ("region" if path.stem == "regions" else
                                                  "country" if len(codes[0].code) == 3 and len(codes) == 1 else "organization")
            if kind not in ("country", "region", "organization"):
                raise entry.error("E103", f"kind {kind!r} must be country, region or organization")
            country = entry.text("country", False) or (codes[0].code[:3] if kind in ("country", "region") else None)
            actors.append(ActorEntry(names[0], kind, names, entry.texts("adjectives"), codes, country, entry.where))
            government = entry.texts("government")
            if government:
                actors.append(ActorEntry(government[0], "organization", government, (),
                                         (DatedCode(codes[0].code + "GOV"),), codes[0].code, entry.where))
    return actors, agents


def _check_phrases(folders: list[list[ActorEntry]]) -> list[ActorEntry]:
    """The same phrase may not name two different actors in one folder; a later (user) folder's
    phrase overrides the earlier folders' entry for that phrase. Returns the merged actors."""
    merged: list[ActorEntry] = []
    for actors in folders:
        seen: dict[str, ActorEntry] = {}
        for actor in actors:
            for phrase in (*actor.names, *actor.adjectives):
                other = seen.get(phrase.lower())
                if other is not None and other is not actor and other.codes != actor.codes:
                    rel, line = actor.origin.rsplit(":", 1)
                    raise DictionaryError("E105", f"phrase {phrase!r} already names {other.codes[0].code} at {other.origin}", rel, int(line))
                seen[phrase.lower()] = actor
        overridden = set(seen)
        merged = [replace(a, names=tuple(n for n in a.names if n.lower() not in overridden),
                          adjectives=tuple(j for j in a.adjectives if j.lower() not in overridden)) for a in merged]
        merged = [a for a in merged if a.names or a.adjectives] + actors
    return merged


# --------------------------------------------------------------------------- verbs

_EXAMPLE_EVENT = re.compile(r"^([A-Z]{3,})\s+([A-Z]{3,})\s+(\d{2,4})$")


def _parse_expected(text: str, entry: _Entry) -> tuple[ExpectedEvent, ...]:
    text = text.strip()
    if text.lower() == "none":
        return ()
    events = []
    for part in text.split(";"):
        match = _EXAMPLE_EVENT.match(part.strip())
        if not match:
            raise entry.error("E110", f"expected events must read 'SOURCE TARGET CODE' (e.g. 'RUS UKR 195'), separated by ';', or 'none'; found {part.strip()!r}")
        events.append(ExpectedEvent(*match.groups()))
    return tuple(events)


def _parse_example(item: Any, entry: _Entry, pattern_id: str) -> Example:
    if isinstance(item, str):
        line = getattr(item, "line", entry.line)
        sub = _Entry({"__line__": line}, entry.rel, ())
        if "=>" not in item:
            raise sub.error("E110", "an example reads 'Sentence. => SRC TGT CODE' (or '=> none')")
        text, expected = item.rsplit("=>", 1)
        return Example(text.strip(), _parse_expected(expected, sub), None, sub.where, pattern_id)
    sub = _Entry(item, entry.rel, ("text", "events", "date"), entry.line)
    return Example(sub.text("text"), _parse_expected(sub.text("events"), sub), sub.date("date"), sub.where, pattern_id)


def _load_training_file(path: Path, rel: str) -> tuple[list[str], list[Example]]:
    """A training file: one sentence per line, either bare (no codable event) or labelled as
    ``Sentence. => SRC TGT CODE`` (events separated by ';', or ``none``); ``# `` lines are comments."""
    bare: list[str] = []
    labelled: list[Example] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if "=>" not in line:
            bare.append(line)
            continue
        text, expected = line.rsplit("=>", 1)
        where = _Entry({"__line__": number}, rel, ())
        if not text.strip():
            raise where.error("E110", "a labelled training line reads 'Sentence. => SRC TGT CODE' (or '=> none')")
        labelled.append(Example(text.strip(), _parse_expected(expected, where), None, where.where, f"{rel}#{number}"))
    return bare, labelled


def _load_verb_file(path: Path, rel: str, ontology: Ontology, classes: dict[str, frozenset[str]],
                    priority: int = 0) -> list[VerbPattern]:
    data = _read_yaml(path, rel) or []
    if not isinstance(data, list):
        raise DictionaryError("E103", "a verb file must be a list of patterns (lines starting with '- ')", rel, 1)
    patterns = []
    for item in data:
        entry = _Entry(item, rel, ("id", "code", "verb", "noun", "particle", "object", "not_object", "not_source",
                                   "needs_complement", "target", "reciprocal", "examples", "note"))
        name = entry.text("id")
        code = entry.text("code")
        if code not in ontology:
            raise entry.error("E106", f"{code!r} is not a CAMEO event code (see dictionaries/ontology/cameo_codes.tsv)")
        if ("verb" in entry.data) == ("noun" in entry.data):
            raise entry.error("E102", "give exactly one of 'verb' or 'noun'")
        pos = "verb" if "verb" in entry.data else "noun"
        lemmas = tuple(l.lower() for l in entry.texts(pos))
        objects = _object_words(entry, "object", classes)
        not_objects = _object_words(entry, "not_object", classes)
        if not_objects and pos != "verb":
            raise entry.error("E114", "'not_object' applies to verb patterns only (an event noun has no object)")
        contradictory = sorted(objects & not_objects)
        if contradictory:
            raise entry.error("E114", f"{contradictory[0]!r} is in both 'object' and 'not_object'")
        not_sources = frozenset(entry.texts("not_source"))
        wrong = next((role for role in sorted(not_sources) if not re.fullmatch(r"[A-Z]{3}", role)), None)
        if wrong is not None:
            raise entry.error("E114", f"'not_source' lists CAMEO role codes such as MIL or REF; found {wrong!r}")
        targets = tuple(t.lower() for t in entry.texts("target")) or DEFAULT_TARGETS
        for target in targets:
            if target not in TARGET_SLOTS and not re.fullmatch(r"[a-z]+", target):
                raise entry.error("E111", f"target {target!r} must be one of {', '.join(TARGET_SLOTS)} or a preposition")
        reciprocal = entry.data.get("reciprocal", False)
        if not isinstance(reciprocal, bool):
            raise entry.error("E103", "'reciprocal' must be true or false")
        needs_complement = entry.data.get("needs_complement", False)
        if not isinstance(needs_complement, bool) or (needs_complement and pos != "verb"):
            raise entry.error("E103", "'needs_complement' must be true or false, on verb patterns only")
        pattern_id = f"{rel}#{name}"
        raw_examples = entry.data.get("examples") or []
        if not isinstance(raw_examples, list):
            raise entry.error("E103", "'examples' must be a list")
        examples = tuple(_parse_example(item, entry, pattern_id) for item in raw_examples)
        patterns.append(VerbPattern(pattern_id, code, pos, lemmas, entry.text("particle", False), frozenset(objects),
                                    targets, reciprocal, examples, entry.where, priority, frozenset(not_objects),
                                    not_sources, needs_complement))
    return patterns


def _object_words(entry: _Entry, key: str, classes: dict[str, frozenset[str]]) -> set[str]:
    """The lower-cased words of an ``object``-like field, with each ``$class`` expanded."""
    words: set[str] = set()
    for word in entry.texts(key):
        if word.startswith("$"):
            if word[1:] not in classes:
                raise entry.error("E109", f"unknown word class {word!r} in {key!r}; classes are defined in verbs/classes.yaml: {', '.join(sorted(classes))}")
            words |= classes[word[1:]]
        else:
            words.add(word.lower())
    return words


_MODALITY_LISTS = ("threat_verbs", "intent_verbs", "negating_verbs", "future_auxiliaries",
                   "hypothetical_auxiliaries", "conditional_markers", "demand_auxiliaries", "appeal_auxiliaries",
                   "demand_verbs", "appeal_verbs", "option_verbs")


def _load_modality(path: Path, rel: str, ontology: Ontology) -> Modality:
    if not path.exists():
        return Modality()
    entry = _Entry(_read_yaml(path, rel) or {}, rel, (*_MODALITY_LISTS, "threat_codes", "intent_codes", "request_codes"), 1)
    maps: dict[str, Any] = {key: _code_map(entry, entry.data.get(key), key, ontology) for key in ("threat_codes", "intent_codes")}
    requests = entry.data.get("request_codes") or {}
    if not isinstance(requests, dict):
        raise entry.error("E103", "'request_codes' must map quoted root codes (\"02\") to code maps")
    maps["request_codes"] = {}
    for root, table in requests.items():
        if root == "__line__":
            continue
        key = f"request_codes: {root}"
        if not isinstance(root, str) or not re.fullmatch(r"\d\d", root) or root not in ontology:
            raise DictionaryError("E113", f"request_codes: {root!r} must be a quoted CAMEO root code such as \"02\"",
                                  rel, getattr(root, "line", None))
        clean = _code_map(entry, table, key, ontology)
        wrong = next((code for code in clean.values() if not code.startswith(root)), None)
        if wrong is not None:
            raise DictionaryError("E113", f"{key}: {wrong!r} is not a code of root {root}", rel, getattr(wrong, "line", None))
        maps["request_codes"][str(root)] = clean
    return Modality(*(frozenset(w.lower() for w in entry.texts(k)) for k in _MODALITY_LISTS), **maps)


def _code_map(entry: _Entry, table: Any, key: str, ontology: Ontology) -> dict[str, str]:
    """A map of quoted code prefixes to quoted CAMEO codes, checked."""
    table = table or {}
    if not isinstance(table, dict):
        raise entry.error("E103", f"{key!r} must map quoted CAMEO code prefixes to quoted codes")
    clean = {}
    for prefix, code in table.items():
        if prefix == "__line__":
            continue
        if not isinstance(prefix, str) or not isinstance(code, str) or not prefix.isdigit() or code not in ontology:
            raise DictionaryError("E113", f"{key}: {prefix!r} -> {code!r} must map a quoted code prefix to a quoted CAMEO code",
                                  entry.rel, getattr(prefix, "line", None))
        clean[prefix] = code
    return clean


def _load_classes(path: Path, rel: str) -> dict[str, frozenset[str]]:
    data = _read_yaml(path, rel) or {}
    if not isinstance(data, dict):
        raise DictionaryError("E103", "classes.yaml must map class names to lists of words", rel, 1)
    classes = {}
    for name, words in data.items():
        if name == "__line__":
            continue
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise DictionaryError("E103", f"word class {name!r} must be a list of words", rel, getattr(name, "line", None))
        classes[str(name)] = frozenset(w.lower() for w in words)
    return classes


# --------------------------------------------------------------------------- entry point

def _files_hash(files: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(f"{path.parent.name}/{path.name}".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def load_dictionaries(path: str | Path | Sequence[str | Path] | None = None, extra: Iterable[str | Path] = ()) -> Dictionaries:
    """Load, validate and index a dictionary folder.

    Parameters
    ----------
    path : str, Path or list of them, optional
        A complete folder laid out like ``dictionaries/`` (with ``ontology/``), used instead of the
        shipped dictionaries; or a user folder (no ``ontology/``) or a list of user folders, added to
        the shipped dictionaries. Defaults to the dictionaries shipped with eventcoder.
    extra : iterable of paths, optional
        User dictionary folders whose ``actors/``, ``verbs/`` and ``training/`` files are added; a
        phrase in a user folder overrides the shipped entry for that phrase.

    Returns
    -------
    Dictionaries

    Raises
    ------
    DictionaryError
        With ``file:line`` for the first malformed entry.

    Examples
    --------
    >>> load_dictionaries().summary()["patterns"] > 0
    True
    """
    if isinstance(path, (list, tuple)):
        path, extra = None, [*path, *extra]
    elif path is not None and not (Path(path) / "ontology").is_dir():
        path, extra = None, [path, *extra]
    root = Path(path) if path is not None else dictionaries_dir()
    roots = [root, *(Path(p) for p in extra)]
    for folder in roots[1:]:
        if not folder.is_dir():
            raise DictionaryError("E001", "dictionary folder not found", folder)
    resolved = tuple(r.resolve() for r in roots)
    return _load_cached(resolved, _signature(resolved))


def _signature(roots: tuple[Path, ...]) -> tuple[tuple[str, int, int], ...]:
    """Every dictionary file's path, modification time and size: an edited file invalidates the cache."""
    files = []
    for root in roots:
        for sub in ("actors", "verbs", "training", "ontology"):
            for path in sorted((root / sub).glob("*")) if (root / sub).is_dir() else ():
                stat = path.stat()
                files.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(files)


@lru_cache(maxsize=8)
def _load_cached(roots: tuple[Path, ...], signature: tuple[tuple[str, int, int], ...]) -> Dictionaries:
    main = roots[0]
    if not main.is_dir():
        raise DictionaryError("E001", "dictionary folder not found", main)
    ontology = read_table(main / "ontology" / "cameo_codes.tsv")
    files: list[Path] = []
    actor_folders: list[list[ActorEntry]] = []
    agents: list[AgentEntry] = []
    patterns: dict[str, VerbPattern] = {}
    classes: dict[str, frozenset[str]] = {}
    for root in roots:  # within a folder a class is defined once; a user folder may add words to a shipped class
        in_folder: set[str] = set()
        for file in sorted((root / "verbs").glob("classes*.yaml")):
            for name, words in _load_classes(file, _rel(file, root)).items():
                if name in in_folder:
                    raise DictionaryError("E112", f"word class {name!r} is already defined in another classes file", _rel(file, root))
                in_folder.add(name)
                classes[name] = classes.get(name, frozenset()) | words
    for priority, root in enumerate(roots):
        actor_folders.append([])
        for file in sorted((root / "actors").glob("*.yaml")):
            files.append(file)
            found, roles = _load_actor_file(file, _rel(file, root))
            actor_folders[-1] += found
            agents += roles
        for file in sorted((root / "verbs").glob("*.yaml")):
            files.append(file)
            if file.name.startswith("classes") or file.name == "modality.yaml":
                continue
            for pattern in _load_verb_file(file, _rel(file, root), ontology, classes, priority):
                if pattern.id in patterns:
                    rel, line = pattern.origin.rsplit(":", 1)
                    raise DictionaryError("E108", f"pattern id {pattern.id!r} is defined twice", rel, int(line))
                patterns[pattern.id] = pattern
    actors = _check_phrases(actor_folders)
    negatives: list[str] = []
    labelled: list[Example] = []
    for root in roots:
        for file in sorted((root / "training").glob("*.txt")):
            files.append(file)
            found, more = _load_training_file(file, _rel(file, root))
            negatives += found
            labelled += more
    modality_file = main / "verbs" / "modality.yaml"
    modality = _load_modality(modality_file, _rel(modality_file, main), ontology)
    people = {a.name: a for a in actors if a.kind == "person"}
    files.append(main / "ontology" / "cameo_codes.tsv")
    return Dictionaries(main, ontology, tuple(actors), tuple(agents), patterns, classes, tuple(negatives),
                        _files_hash(files), modality, people, tuple(labelled))


def _rel(file: Path, root: Path) -> str:
    return file.relative_to(root).as_posix()

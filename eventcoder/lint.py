"""Lint dictionaries beyond what loading validates: problems a reviewer should look at, with file:line.

Loading already rejects malformed entries (bad fields, codes, dates, phrases naming two actors).
:func:`lint` adds checks across entries:

- ``W201`` an actor's dated codes overlap, so the date cannot choose between them;
- ``W202`` an actor code's three-letter head is no known country, region or organisation head;
- ``W203`` an actor code holds a role that is not a CAMEO role;
- ``W204`` two patterns match exactly the same words and give different codes (the later is shadowed);
- ``W205`` a code with patterns has fewer than three example sentences.

Examples
--------
>>> from eventcoder.dictionaries import load_dictionaries
>>> [w for w in lint(load_dictionaries()) if w.startswith("W201")]
[]
"""

from __future__ import annotations

from collections import defaultdict

from eventcoder.dictionaries import Dictionaries

#: CAMEO role codes (primary, secondary, tertiary) and the organisation heads used in actor codes.
ROLES = frozenset({"COP", "GOV", "INS", "JUD", "MIL", "OPP", "REB", "SEP", "SPY", "UAF", "AGR", "BUS", "CRM", "CVL",
                   "DEV", "EDU", "ELI", "ENV", "HLH", "HRI", "LAB", "LEG", "MED", "REF", "MOD", "RAD", "PTY", "REL",
                   "PKO", "IGO", "NGO", "MNC", "IMG", "INT", "UIS", "SET", "AMN", "IRC"})
ORGANISATION_HEADS = frozenset({"IGO", "NGO", "NGM", "IMG", "INT", "MNC", "UIS"})


def lint(dictionaries: Dictionaries) -> list[str]:
    """Warnings, each ``"Wnnn: file:line: message"``, sorted by code."""
    warnings: list[str] = []
    heads = {a.codes[0].code[:3] for a in dictionaries.actors if a.kind in ("country", "region")} | ORGANISATION_HEADS
    for actor in dictionaries.actors:
        spans = sorted(actor.codes, key=lambda c: c.start or "")
        for before, after in zip(spans, spans[1:]):
            if before.end is None or (after.start is not None and after.start < before.end) or after.start is None:
                warnings.append(f"W201: {actor.origin}: {actor.name}: dated codes {before.code} "
                                f"({before.start or '...'}..{before.end or '...'}) and {after.code} "
                                f"({after.start or '...'}..{after.end or '...'}) overlap")
        for dated in actor.codes:
            code = dated.code
            if code[:3] not in heads:
                warnings.append(f"W202: {actor.origin}: {actor.name}: {code!r} starts with no known country or organisation code")
            if code[:3] not in ORGANISATION_HEADS:
                unknown = [code[i:i + 3] for i in range(3, len(code), 3) if code[i:i + 3] not in ROLES]
                if unknown:
                    warnings.append(f"W203: {actor.origin}: {actor.name}: {code!r} holds unknown role {unknown[0]!r}")
    seen: dict[tuple, str] = {}
    examples: dict[str, int] = defaultdict(int)
    for pattern in dictionaries.patterns.values():
        for lemma in pattern.lemmas:
            key = (pattern.pos, lemma, pattern.particle, pattern.objects, pattern.not_objects, pattern.not_sources,
                   pattern.needs_complement, pattern.targets)
            earlier = seen.get(key)
            if earlier is not None and dictionaries.patterns[earlier].code != pattern.code:
                warnings.append(f"W204: {pattern.origin}: {pattern.id}: {lemma!r} matches exactly as {earlier} "
                                f"({dictionaries.patterns[earlier].code}) does; one of them is never used")
            seen.setdefault(key, pattern.id)
        examples[pattern.code] += sum(1 for e in pattern.examples if e.events)
        for role in sorted(pattern.not_sources - ROLES):
            warnings.append(f"W203: {pattern.origin}: {pattern.id}: not_source holds unknown role {role!r}")
    for pattern in dictionaries.patterns.values():
        if examples[pattern.code] < 3:
            warnings.append(f"W205: {pattern.origin}: {pattern.id}: code {pattern.code} has {examples[pattern.code]} "
                            "example(s) with events; give it at least 3")
    return sorted(set(warnings))

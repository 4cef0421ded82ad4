"""The scale the dictionaries promise (issues: actors at world scale, verb patterns for all of CAMEO), and a clean lint."""

from collections import Counter

from eventcoder.lint import lint


def test_verb_pattern_counts(dictionaries):
    patterns = dictionaries.patterns.values()
    codes = {p.code for p in patterns}
    assert {c[:2] for c in codes} == {f"{r:02d}" for r in range(1, 21)}  # every root
    assert len({c for c in codes if len(c) >= 3}) >= 180  # distinct 3- and 4-digit codes
    assert sum(len(p.lemmas) for p in patterns) >= 2000  # lemma patterns, as PETRARCH counts them
    assert len(dictionaries.examples) >= 800
    per_code = Counter(p.code for p in patterns for e in p.examples if e.events)
    assert min(per_code[c] for c in codes) >= 3


def test_actor_counts(dictionaries):
    kinds = Counter(a.kind for a in dictionaries.actors)
    assert kinds["country"] >= 240
    organisations = [a for a in dictionaries.actors if a.codes[0].code[:3] in ("IGO", "NGO")]
    assert len(organisations) >= 80
    non_state = [a for a in dictionaries.actors if a.kind == "organization" and a.codes[0].code[:3] not in ("IGO", "NGO")
                 and not a.codes[0].code.endswith("GOV")]
    assert len(non_state) >= 100
    assert sum(len(a.terms) for a in dictionaries.agents) >= 300
    assert len(dictionaries.people) >= 800


def test_people_codes_follow_the_document_date(dictionaries):
    trump = dictionaries.people["Donald Trump"]
    assert [trump.code_on(d) for d in ("2018-06-01", "2022-06-01", "2025-06-01")] == ["USAGOV", "USAELI", "USAGOV"]
    sharaa = dictionaries.people["Ahmed al-Sharaa"]
    assert sharaa.code_on("2023-01-01").startswith("SYR") and sharaa.code_on("2025-06-01") == "SYRGOV"


def test_lint_is_clean(dictionaries):
    assert lint(dictionaries) == []

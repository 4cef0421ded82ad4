"""Actor resolution: phrases, composition of country and role, dates, case sensitivity."""

import pytest

from eventcoder.actors import ActorResolver, PhraseHit, PhraseIndex

from support import BLANK, parsed


@pytest.fixture(scope="module")
def resolver(dictionaries):
    return ActorResolver(dictionaries, BLANK.tokenizer)


def codes(resolver, doc, date="2025-05-27"):
    return {m.text: m.code for m in resolver.resolve(doc, date).values()}


def test_country_adjective_and_role_compose(resolver):
    doc = parsed("""
        Russian Russian ADJ amod 1
        troops troop NOUN nsubj 2
        entered enter VERB ROOT 2
        """)
    assert codes(resolver, doc) == {"Russian troops": "RUSMIL"}


def test_role_with_a_place_after_in(resolver):
    doc = parsed("""
        police police NOUN nsubj 4
        in in ADP prep 0
        Tbilisi Tbilisi PROPN pobj 1
        have have AUX aux 4
        arrested arrest VERB ROOT 4
        """)
    assert codes(resolver, doc) == {"police in Tbilisi": "GEOCOP"}


def test_possessive_country_and_role(resolver):
    doc = parsed("""
        Ukraine Ukraine PROPN poss 2
        's 's PART case 0
        parliament parliament NOUN nsubj 3
        voted vote VERB ROOT 3
        """)
    assert codes(resolver, doc) == {"Ukraine's parliament": "UKRLEG"}


def test_person_wins_over_country_and_role_and_follows_the_date(resolver):
    doc = parsed("""
        US US PROPN compound 3
        President President PROPN compound 3
        Donald Donald PROPN compound 3
        Trump Trump PROPN nsubj 4
        spoke speak VERB ROOT 4
        """)
    assert codes(resolver, doc, "2025-05-27") == {"US President Donald Trump": "USAGOV"}
    assert codes(resolver, doc, "2022-05-27") == {"US President Donald Trump": "USAELI"}


def test_weakest_role_gives_way(resolver):
    doc = parsed("""
        the the DET det 3
        Syrian Syrian ADJ amod 3
        rebel rebel NOUN compound 3
        leader leader NOUN nsubj 4
        spoke speak VERB ROOT 4
        """)
    assert codes(resolver, doc) == {"Syrian rebel leader": "SYRREB"}


def test_a_role_alone_is_not_an_actor(resolver):
    doc = parsed("""
        Police police NOUN nsubj 1
        arrived arrive VERB ROOT 1
        """)
    assert codes(resolver, doc) == {}


@pytest.mark.parametrize("word, lemma", [("us", "we"), ("turkey", "turkey"), ("west", "west")])
def test_common_words_are_not_countries(resolver, word, lemma):
    doc = parsed(f"""
        They they PRON nsubj 1
        told tell VERB ROOT 1
        {word} {lemma} PRON dobj 1
        """)
    assert codes(resolver, doc) == {}


def test_capitalised_names_match(resolver):
    doc = parsed("""
        Turkey Turkey PROPN nsubj 1
        protested protest VERB ROOT 1
        """)
    assert codes(resolver, doc) == {"Turkey": "TUR"}


def test_longest_match_wins():
    index = PhraseIndex(BLANK.tokenizer)
    index.add("South", PhraseHit(0, 0, "place"))
    index.add("South Korea", PhraseHit(0, 0, "actor"))
    hits = index.find(BLANK("South Korea and South Sudan"))
    assert [(h.start, h.end, h.kind) for h in hits] == [(0, 2, "actor"), (3, 4, "place")]


def test_real_parse_roles_and_places(coder):
    doc = coder.nlp("Israeli warplanes struck targets as protesters in Nairobi marched and the Turkish foreign minister spoke.")
    found = {m.text: m.code for m in coder.component.resolver.resolve(doc, "2025-05-27").values()}
    assert found["Israeli warplanes"] == "ISRMIL"
    assert found["protesters in Nairobi"] == "KENCVL"
    assert found["Turkish foreign minister"] == "TURGOV"

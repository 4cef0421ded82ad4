"""The classifier's reading of a sentence that no pattern coded: a root-level event between its likely pair."""

import pytest

from eventcoder.dyads import judged_events, likely_pair


@pytest.fixture(scope="module")
def pair_of(coder):
    component = coder.component

    def run(text, date="2025-05-27"):
        doc = coder.nlp(text)
        mentions = component.resolver.resolve(doc, date)
        sentence = next(iter(doc.sents))
        found = likely_pair(sentence, mentions, judged_events(sentence, component.matcher))
        return None if found is None else (doc[found[0]].lemma_, found[1].code, found[2].code)
    return run


def test_the_subject_acts_on_the_actor_in_its_phrase(pair_of):
    assert pair_of("Hungarian border guards turned back hundreds of Serbian migrants on Sunday.") == ("turn", "HUNCOP", "SRBREF")


def test_a_reported_clause_is_read_before_the_reporting_verb(pair_of):
    assert pair_of("Mexico said on Friday that Guatemala had detained dozens of Mexican fishermen.") == ("detain", "GTM", "MEXCVL")


def test_a_reported_obligation_is_the_speakers_demand(pair_of):
    # "said that X must ..." is the speaker's demand of X, not an act of X
    assert pair_of("Japan said that China must stop its drills near Taiwan.")[:2] == ("say", "JPN")


def test_coordinated_subjects_are_not_each_others_target(pair_of):
    lemma, source, target = pair_of("Germany and UNICEF handed over 30 ambulances to the Nigerian government.")
    assert (source, target) == ("DEU", "NGAGOV")


def test_a_judged_event_keeps_its_parties(pair_of):
    # Britain condemns the attack; Israel is the attack's target, not Britain's
    assert pair_of("Britain condemned the attack on Israel.") is None


def test_one_actor_is_no_pair(pair_of):
    assert pair_of("Hungarian border guards turned back hundreds of migrants on Sunday.") is None


def test_the_reading_becomes_a_root_level_event(coder):
    [event] = coder.code_text("Hungarian border guards turned back hundreds of Serbian migrants on Sunday.", date="2025-05-27")
    assert (event.source.code, event.target.code, event.method) == ("HUNCOP", "SRBREF", "classifier")
    assert event.evidence.pattern is None
    assert event.confidence >= coder.component.classifier_threshold
    assert event.quad_class == 4  # material conflict, as the reading is; its code is the class's root-level code
    assert event.cameo in {"140", "150", "163", "170", "175", "180", "190", "200"}


def test_the_threshold_turns_the_reading_off(coder):
    default = coder.component.classifier_threshold
    try:
        coder.component.classifier_threshold = 1.0
        assert coder.code_text("Hungarian border guards turned back hundreds of Serbian migrants on Sunday.") == []
    finally:
        coder.component.classifier_threshold = default


@pytest.mark.parametrize("text", [
    "Iran denied attacking the tanker off Oman.",  # the dictionary read the only act as not happening
    "Britain condemned the attack on Israel.",
])
def test_no_reading_where_the_dictionary_says_no(coder, text):
    assert coder.code_text(text, date="2025-05-27") == []


def test_a_sentence_with_a_dictionary_event_gets_no_reading(coder):
    events = coder.code_text("Iran fired ballistic missiles at Israel.", date="2024-10-01")
    assert [(e.source.code, e.target.code, e.cameo, e.method) for e in events] == [("IRN", "ISR", "195", "dictionary+classifier")]


def test_the_sentence_reading_sees_the_likely_pair(coder):
    doc = coder.nlp("Afghan police arrested dozens of protesters on Monday.")
    [reading] = coder.component.sentence_mentions(doc)
    assert "pair=COP>CVL" in reading["context"] and "verb=arrest" in reading["context"]

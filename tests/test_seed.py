"""Acceptance: the seed article of issue 2, and sentences that must give no event."""

import pytest

from support import SEED, shared_file


@pytest.fixture(scope="module")
def seed_events(coder):
    text = shared_file("seeds", SEED.name).read_text(encoding="utf-8")
    return coder.code_text(text, doc_id="seed")  # the date comes from the text's "date 2025-05-27" line


def has(events, source, target, root):
    return any((e.source.code == source or e.source.country == source) and
               (e.target.code == target or e.target.country == target) and e.cameo_root == root for e in events)


def test_date_is_taken_from_the_text(seed_events):
    assert {e.date for e in seed_events} == {"2025-05-27"}


@pytest.mark.parametrize("source, target, root, what", [
    ("RUSGOV", "TURGOV", "04", "Lavrov's discussions with his Turkish counterpart"),
    ("TURGOV", "RUSGOV", "04", "Fidan met Putin"),
    ("RUS", "UKR", "19", "drones and missiles launched at Ukraine"),
    ("USAGOV", "RUSGOV", "11", "Trump's frustration with Putin"),
    ("RUS", "USA", "12", "Moscow refused the US ceasefire proposal"),
])
def test_required_events(seed_events, source, target, root, what):
    assert has(seed_events, source, target, root), what


def test_lavrov_and_fidan_are_government(seed_events):
    actors = {(a.text, a.code) for e in seed_events for a in (e.source, e.target)}
    assert ("Russian Foreign Minister Sergei Lavrov", "RUSGOV") in actors
    assert ("Fidan", "TURGOV") in actors


def test_no_event_comes_from_the_byline_or_html(seed_events):
    for event in seed_events:
        for debris in ("Henry", "Meyer", "Taylan", "Bilgic", "Bloomberg", "</p>", "date 2025"):
            assert debris not in event.sentence
            assert debris not in event.source.text + event.target.text
    assert min(e.sentence_index for e in seed_events) == 0
    assert seed_events[0].sentence.startswith("Russia supports Turkey")


def test_no_location_target(seed_events):
    # "to host negotiations in the Vatican": the Vatican is a place there, not a target
    assert not any(e.target.country == "VAT" and e.cameo == "043" for e in seed_events)


@pytest.mark.parametrize("text", [
    "Brazil beat Argentina 2-1 in Buenos Aires on Sunday to top the qualifying group.",  # sport
    "Heavy snow and freezing rain are forecast across northern Turkey and Georgia through Thursday.",  # weather
    "The Russian rouble fell 2 percent against the dollar as oil prices slid in Moscow trading.",  # markets
])
def test_non_political_sentences_give_no_events(coder, text):
    assert coder.code_text(text, date="2025-05-27") == []

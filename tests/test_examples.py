"""Every example sentence in the verb dictionaries codes to the events it states."""

from eventcoder.examples import check_examples


def test_every_dictionary_example_gives_its_events(coder):
    failures = check_examples(coder)
    assert not failures, "\n".join(str(f) for f in failures)


def test_examples_cover_every_root(dictionaries):
    roots = {e.events[0].code[:2] for e in dictionaries.examples if e.events}
    assert roots == {f"{r:02d}" for r in range(1, 21)}
    for pattern in dictionaries.patterns.values():
        assert len(pattern.examples) >= 3, pattern.id

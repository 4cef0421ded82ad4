"""Check the dictionaries' example sentences: every example must code to its events.

Examples
--------
>>> from eventcoder import Coder  # doctest: +SKIP
>>> check_examples(Coder(classifier=None))  # doctest: +SKIP
[]
"""

from __future__ import annotations

from dataclasses import dataclass

from eventcoder.dictionaries import Example, ExpectedEvent
from eventcoder.schema import Actor, Event


@dataclass(frozen=True)
class ExampleFailure:
    """An example that did not give its events (or gave events where it expects none)."""

    example: Example
    missing: tuple[ExpectedEvent, ...]
    got: tuple[str, ...]

    def __str__(self) -> str:
        want = "; ".join(f"{e.source} {e.target} {e.code}" for e in self.example.events) or "none"
        return f"{self.example.origin} {self.example.text!r}: want {want}, got {', '.join(self.got) or 'none'}"


def actor_matches(expected: str, actor: Actor) -> bool:
    """A three-letter expectation names a country (any role); a longer one the full code."""
    return actor.country == expected if len(expected) == 3 else actor.code == expected


def gives(events: list[Event], expected: ExpectedEvent) -> bool:
    """True when one of ``events`` is the expected event."""
    return any(actor_matches(expected.source, e.source) and actor_matches(expected.target, e.target)
               and e.cameo == expected.code for e in events)


def check_examples(coder, examples: list[Example] | None = None) -> list[ExampleFailure]:
    """Code every example with ``coder`` (a :class:`~eventcoder.Coder`) and return the failures.

    Examples document the verb patterns, so only the dictionary's events count: a root-level event the
    classifier proposed for a sentence no pattern coded (``method: "classifier"``) neither gives an
    example its event nor breaks a "none" example.
    """
    examples = coder.dictionaries.examples if examples is None else examples
    records = ({"id": ex.origin, "date": ex.date, "text": ex.text} for ex in examples)
    failures = []
    for example, (_, coded) in zip(examples, coder.code_records(records)):
        events = [e for e in coded if e.method != "classifier"]
        missing = tuple(e for e in example.events if not gives(events, e))
        unexpected = not example.events and events
        if missing or unexpected:
            got = tuple(f"{e.source.code} {e.target.code} {e.cameo}" for e in events)
            failures.append(ExampleFailure(example, missing, got))
    return failures

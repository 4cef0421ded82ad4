"""Show an event in its sentence, displaCy style: source, trigger and target highlighted, codes beside it.

Examples
--------
>>> from eventcoder.schema import Actor, Event, Evidence
>>> event = Event("d:0:0", "d", 0, "2024-10-01", Actor("Iran", "IRN", "IRN", None), Actor("Israel", "ISR", "ISR", None),
...               "195", "19", 4, -10.0, "ASSAULT", "heavy-weapons", 0.97, "dictionary+classifier",
...               Evidence("fired", "verbs/19_fight.yaml#launch-weapons-at", (0, 4), (27, 33)),
...               "Iran fired ballistic missiles at Israel.")
>>> "<mark" in render_event(event) and "195" in render_event(event)
True
"""

from __future__ import annotations

import html
from typing import Any, Iterable

from eventcoder.schema import Event

COLOURS = {"source": "#a6e3a1", "trigger": "#f9e2af", "target": "#89b4fa"}


def _spans(event: Event) -> list[tuple[int, int, str]]:
    spans = [(*event.evidence.source_span, "source"), (*event.evidence.target_span, "target")]
    trigger = event.evidence.trigger
    start = event.sentence.find(trigger)
    taken = [(s, e) for s, e, _ in spans]
    while start != -1 and any(s < start + len(trigger) and start < e for s, e in taken):
        start = event.sentence.find(trigger, start + 1)
    if start != -1:
        spans.append((start, start + len(trigger), "trigger"))
    return sorted(spans)


def render_event(event: Event) -> str:
    """HTML for one event: its sentence with marked spans, then its codes, confidence and pattern."""
    parts, position = [], 0
    for start, end, kind in _spans(event):
        if start < position:
            continue
        parts.append(html.escape(event.sentence[position:start]))
        label = {"source": event.source.code, "target": event.target.code, "trigger": event.cameo}[kind]
        parts.append(f'<mark style="background:{COLOURS[kind]};padding:0.1em 0.3em;border-radius:0.3em">'
                     f'{html.escape(event.sentence[start:end])}<span style="font-size:0.7em;font-weight:bold;'
                     f'margin-left:0.4em">{html.escape(label)}</span></mark>')
        position = end
    parts.append(html.escape(event.sentence[position:]))
    confidence = f"{event.confidence:.2f}" if event.confidence is not None else "n/a"
    summary = (f"{html.escape(event.source.code)} &rarr; {html.escape(event.target.code)}: CAMEO {event.cameo} "
               f"(root {event.cameo_root}, QuadClass {event.quad_class}, Goldstein {event.goldstein:+.1f}), "
               f"PLOVER {html.escape(event.plover or '-')}, confidence {confidence}, "
               f"<code>{html.escape(event.evidence.pattern)}</code>")
    return (f'<div style="line-height:2.2;margin:0.6em 0;font-family:sans-serif"><div>{"".join(parts)}</div>'
            f'<div style="font-size:0.85em;color:#555">{summary}</div></div>')


def render_events(events: Iterable[Event]) -> str:
    """HTML for several events."""
    return "\n".join(render_event(e) for e in events)


def display_events(events: Iterable[Event]) -> Any:
    """Show events in Jupyter (an ``IPython.display.HTML`` object; its ``.data`` is the HTML elsewhere)."""
    from IPython.display import HTML

    return HTML(render_events(events))

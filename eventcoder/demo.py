"""A demo corpus: 2024 in an invented region, an escalation and a ceasefire, as short dated news items.

The states are fictional (codes in the ISO user-assigned X range: XVA Valdoria, XKO Korvenia, XAL
Aldera, XSE Sereth, XTA Tarnia, XMO Morvand), so no demo event can be mistaken for a real one. The
story: a border dispute between Valdoria and Korvenia hardens in the first quarter, turns into
shelling and air strikes in the second, draws in Aldera (sanctions, aid) and Tarnia (arms for
Korvenia), is mediated by Sereth in July, ends in a ceasefire signed in August, and gives way to
visits, aid and lifted sanctions. Background items (markets, weather, sport) carry no event.

Examples
--------
>>> corpus = demo_corpus()
>>> len(corpus) >= 300, corpus["date"].min(), corpus["date"].max()
(True, '2024-01-01', '2024-12-30')
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pandas as pd

from eventcoder.paths import dictionaries_dir

STATES = {"XVA": ("Valdoria", "Valdorian"), "XKO": ("Korvenia", "Korvenian"), "XAL": ("Aldera", "Alderan"),
          "XSE": ("Sereth", "Serethi"), "XTA": ("Tarnia", "Tarnian"), "XMO": ("Morvand", "Morvandi")}

# (template, expected CAMEO root) ; {a}/{b} are names, {A}/{B} adjectives
TEMPLATES = {
    "accuse": ("{a} accused {b} of violating the border agreement, the foreign ministry said.", "11"),
    "condemn": ("{a} condemned {b} for the attack on the border villages.", "11"),
    "threaten": ("{a} threatened to attack {b} if its troops crossed the river.", "13"),
    "mass": ("{a} massed troops near {b}'s border, officials said on {day}.", "15"),
    "shell": ("{A} artillery shelled {B} positions near the border on {day}.", "19"),
    "missiles": ("{a} fired missiles at {b} overnight, the defence ministry said.", "19"),
    "airstrike": ("{A} warplanes struck {B} positions on {day}, witnesses said.", "19"),
    "sanction": ("{a} imposed new sanctions on {b} over the fighting.", "16"),
    "arms": ("{a} sent artillery shells to {b}, a government spokesman said.", "07"),
    "aid": ("{a} sent humanitarian aid to {b} on {day}.", "07"),
    "protest": ("Thousands of {A}s protested against the {B} embassy in the capital.", "14"),
    "mediate": ("{a} mediated between {b} and {c} in its capital on {day}.", "04"),
    "talks": ("{a} held talks with {b} on a ceasefire, diplomats said.", "04"),
    "agreement": ("{a} and {b} signed an agreement on a ceasefire on {day}.", "05"),
    "visit": ("The {A} foreign minister visited {b} on {day}.", "04"),
    "praise": ("{a} praised {b} for its role in the peace talks.", "05"),
    "lift": ("{a} lifted sanctions on {b} after the ceasefire.", "08"),
    "cooperate": ("{a} and {b} signed a trade agreement in {c}'s capital.", "05"),
}
BACKGROUND = [
    "Stock markets in {a} rose on {day} as energy prices eased.",
    "Heavy rain is forecast across northern {a} through the weekend.",
    "{a} beat {b} 2-1 in a football friendly on {day}.",
    "The {A} central bank kept interest rates unchanged on {day}.",
    "Wheat harvests in {a} are expected to rise this year, farmers said.",
]
# the story: month -> list of (template, source, target[, third]) with weights
PHASES = {
    (1, 2, 3): [("accuse", "XVA", "XKO", 3), ("accuse", "XKO", "XVA", 3), ("threaten", "XKO", "XVA", 1),
                ("mass", "XKO", "XVA", 2), ("mass", "XVA", "XKO", 1), ("protest", "XVA", "XKO", 1), ("talks", "XSE", "XVA", 1)],
    (4, 5, 6): [("shell", "XKO", "XVA", 4), ("shell", "XVA", "XKO", 3), ("missiles", "XKO", "XVA", 3), ("airstrike", "XVA", "XKO", 2),
                ("condemn", "XAL", "XKO", 2), ("sanction", "XAL", "XKO", 2), ("arms", "XAL", "XVA", 2), ("arms", "XTA", "XKO", 2),
                ("condemn", "XKO", "XAL", 1), ("aid", "XMO", "XVA", 1), ("protest", "XVA", "XKO", 1)],
    (7,): [("mediate", "XSE", "XVA", 3), ("talks", "XSE", "XKO", 2), ("talks", "XVA", "XKO", 2), ("shell", "XKO", "XVA", 1),
           ("praise", "XAL", "XSE", 1)],
    (8,): [("agreement", "XVA", "XKO", 3), ("praise", "XAL", "XSE", 2), ("praise", "XVA", "XSE", 1), ("talks", "XVA", "XKO", 2),
           ("aid", "XAL", "XVA", 1)],
    (9, 10, 11, 12): [("visit", "XVA", "XKO", 2), ("visit", "XKO", "XVA", 1), ("aid", "XAL", "XVA", 2), ("aid", "XSE", "XKO", 1),
                      ("lift", "XAL", "XKO", 1), ("cooperate", "XVA", "XKO", 1), ("accuse", "XKO", "XVA", 1),
                      ("praise", "XKO", "XSE", 1), ("talks", "XAL", "XKO", 1)],
}


def demo_dictionary() -> Path:
    """The user dictionary folder with the demo's fictional states (pass it to ``Coder(dictionaries=[...])``)."""
    return dictionaries_dir() / "demo"


def demo_corpus(seed: int = 0, items_per_week: int = 6) -> pd.DataFrame:
    """About ``52 * items_per_week`` dated news items of 2024 (columns ``id``, ``date``, ``text``, ``story_root``).

    ``story_root`` is the CAMEO root the item was written to express (None for background items): a
    rough reference for what coding should find, not a gold standard.
    """
    rng = random.Random(seed)
    rows = []
    day = dt.date(2024, 1, 1)
    while day.year == 2024:
        plan = next(events for months, events in PHASES.items() if day.month in months)
        for _ in range(items_per_week):
            date = day + dt.timedelta(days=rng.randrange(7))
            if date.year != 2024:
                continue
            weekday = date.strftime("%A")
            if rng.random() < 0.15:
                a, b = rng.sample(list(STATES), 2)
                text = rng.choice(BACKGROUND).format(a=STATES[a][0], b=STATES[b][0], A=STATES[a][1], day=weekday)
                rows.append((date, text, None))
                continue
            name, source, target, _ = rng.choices(plan, weights=[p[3] for p in plan])[0]
            template, root = TEMPLATES[name]
            third = next(code for code in STATES if code not in (source, target))
            text = template.format(a=STATES[source][0], b=STATES[target][0], c=STATES[third][0], A=STATES[source][1],
                                   B=STATES[target][1], day=weekday)
            if name == "mediate":  # the mediator is the source; the parties are the targets
                text = template.format(a=STATES[source][0], b=STATES["XVA"][0], c=STATES["XKO"][0], day=weekday)
            rows.append((date, text, root))
        day += dt.timedelta(days=7)
    rows.sort(key=lambda row: row[0])
    return pd.DataFrame([{"id": f"demo-{i:04d}", "date": date.isoformat(), "text": text, "story_root": root}
                         for i, (date, text, root) in enumerate(rows)])

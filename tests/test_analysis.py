"""Analysis helpers and rendering, on events coded from sentences we write."""

import pytest

from eventcoder import analysis
from eventcoder.corpus import CoderConfig, code_corpus
from eventcoder.render import display_events, render_event

TEXTS = [("2024-01-03", "Iran fired ballistic missiles at Israel."), ("2024-01-04", "Israel launched airstrikes on Iran."),
         ("2024-01-10", "Germany and France condemned Iran for the attack."), ("2024-01-24", "Iran fired missiles at Israel."),
         ("2024-02-06", "Iran and Israel held talks in Oman."), ("2024-02-07", "Qatar mediated between Iran and Israel.")]


@pytest.fixture(scope="module")
def events(coder):
    return coder.code_texts([{"id": f"d{i}", "date": d, "text": t} for i, (d, t) in enumerate(TEXTS)])


def test_series_and_tables(events):
    weekly = analysis.dyad_series(events, freq="W")
    assert weekly["IRN -> ISR"].sum() == 3 and weekly.index.freqstr.startswith("W")
    assert (weekly.loc["2024-01-21":"2024-01-21"].sum(axis=1) == 0).all()  # an empty week is a zero row
    roots = analysis.dyad_series(events, freq="M", by="cameo_root")
    assert roots.loc["2024-01-31", "19"] == 3
    quads = analysis.dyad_series(events, freq="M", by="quad_class")
    assert "material conflict" in quads.columns
    gold = analysis.goldstein_series(events, freq="M", dyads=["IRN -> ISR"])
    assert gold.iloc[0, 0] < 0 < gold.iloc[1, 0]  # conflict in January, talks in February
    top = analysis.top_dyads(events, n=3)
    assert top.iloc[0]["dyad"] == "IRN -> ISR" and top.iloc[0]["events"] == 3
    assert analysis.top_actors(events, n=1, level="country").iloc[0]["actor"] == "IRN"


def test_network(events):
    graph = analysis.dyad_network(events)
    assert graph["IRN"]["ISR"]["events"] == 3 and graph["QAT"]["IRN"]["conflict_share"] == 0.0


def test_plots_are_labelled(events):
    figure = analysis.plot_series(analysis.dyad_series(events, "W"), title="Weekly events")
    ax = figure.axes[0]
    assert ax.get_title() == "Weekly events" and ax.get_xlabel() == "date" and ax.get_ylabel() == "events"
    assert analysis.plot_goldstein(events).axes[0].get_ylabel() == "Goldstein sum"
    assert analysis.plot_network(analysis.dyad_network(events)).axes[0].get_title().startswith("Dyad network")


@pytest.mark.parametrize("name", ["events.parquet", "events.duckdb", "events.csv", "events.jsonl"])
def test_load_events_from_outputs(tmp_path, name):
    source = tmp_path / "in.jsonl"
    source.write_text("".join(f'{{"id": "d{i}", "date": "{d}", "text": "{t}"}}\n' for i, (d, t) in enumerate(TEXTS)))
    code_corpus(source, tmp_path / name, config=CoderConfig(classifier=False))
    frame = analysis.load_events(tmp_path / name)
    assert len(frame) >= 6 and str(frame["date"].dtype).startswith("datetime64")
    assert analysis.top_dyads(frame).iloc[0]["dyad"] == "IRN -> ISR"


def test_render(coder):
    [event] = coder.code_text("Iran fired ballistic missiles at Israel.", date="2024-10-01")
    page = render_event(event)
    assert page.count("<mark") == 3 and ">fired<" in page and "IRN" in page and "CAMEO 195" in page
    assert display_events([event]).data == page

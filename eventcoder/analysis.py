"""From an event table to findings: dyad time series, Goldstein series, top dyads and actors, networks, plots.

Every function takes the event DataFrame that :func:`eventcoder.code_texts` returns (or the rows of a
Parquet/CSV/DuckDB output, through :func:`load_events`). Plots use matplotlib Figures directly (no pyplot
state), with titles, labelled axes and dates on time axes; in Jupyter a returned Figure displays itself.

Examples
--------
>>> import pandas as pd
>>> events = pd.DataFrame({"date": ["2025-01-01", "2025-01-02", "2025-01-09"], "source_country": ["RUS"] * 3,
...                        "target_country": ["UKR"] * 3, "cameo_root": ["19", "19", "04"], "quad_class": [4, 4, 1],
...                        "goldstein": [-10.0, -10.0, 1.0], "plover": ["ASSAULT", "ASSAULT", "CONSULT"]})
>>> dyad_series(events, freq="W").iloc[:, 0].tolist()
[2, 1]
>>> top_dyads(events)[["dyad", "events"]].values.tolist()
[['RUS -> UKR', 3]]
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable

import pandas as pd

QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


def load_events(source: pd.DataFrame | str | Path, table: str = "events") -> pd.DataFrame:
    """Events as a DataFrame from a DataFrame, a Parquet, CSV or JSONL file, or a DuckDB database (``table``)."""
    if isinstance(source, pd.DataFrame):
        frame = source.copy()
    else:
        path = Path(source)
        suffix = path.suffix.lower()
        if suffix in (".duckdb", ".db"):
            import duckdb

            with duckdb.connect(str(path), read_only=True) as connection:
                frame = connection.execute(f"SELECT * FROM {table}").df()
        elif suffix == ".parquet":
            frame = pd.read_parquet(path)
        elif suffix == ".csv":
            frame = pd.read_csv(path, dtype={"cameo": str, "cameo_root": str})
        else:
            from eventcoder.schema import Event

            frame = pd.DataFrame([Event.from_record(json.loads(line)).to_row()
                                  for line in path.read_text(encoding="utf-8").splitlines() if line.strip()])
    if "date" in frame:
        frame["date"] = pd.to_datetime(frame["date"])
    return frame


def _dyad(frame: pd.DataFrame, level: str = "country") -> pd.Series:
    return frame[f"source_{level}"].astype(str) + " -> " + frame[f"target_{level}"].astype(str)


def _select(frame: pd.DataFrame, dyads: Iterable[str] | None) -> pd.DataFrame:
    frame = load_events(frame)
    frame = frame.assign(dyad=_dyad(frame))
    return frame[frame["dyad"].isin(list(dyads))] if dyads is not None else frame


def dyad_series(events: pd.DataFrame, freq: str = "W", by: str | None = None, dyads: Iterable[str] | None = None) -> pd.DataFrame:
    """Event counts per period (``freq``: "D", "W", "M"/"ME") with one column per dyad, or, with ``by``
    ("cameo_root", "quad_class", "plover"), one column per category. Periods with no event count 0."""
    frame = _select(events, dyads)
    column = by or "dyad"
    freq = "ME" if freq == "M" else freq
    table = frame.groupby([pd.Grouper(key="date", freq=freq), column]).size().unstack(column, fill_value=0)
    if by == "quad_class":
        table = table.rename(columns=QUAD_NAMES)
    return table.asfreq(freq, fill_value=0) if len(table) else table


def goldstein_series(events: pd.DataFrame, freq: str = "W", dyads: Iterable[str] | None = None) -> pd.DataFrame:
    """Sum of Goldstein weights per period and dyad: below zero, conflict outweighs cooperation."""
    frame = _select(events, dyads)
    freq = "ME" if freq == "M" else freq
    table = frame.groupby([pd.Grouper(key="date", freq=freq), "dyad"])["goldstein"].sum().unstack("dyad", fill_value=0.0)
    return table.asfreq(freq, fill_value=0.0) if len(table) else table


def top_dyads(events: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """The ``n`` dyads with most events: event count, Goldstein sum and mean, conflict share."""
    frame = _select(events, None)
    grouped = frame.groupby("dyad")
    table = pd.DataFrame({"events": grouped.size(), "goldstein_sum": grouped["goldstein"].sum(),
                          "goldstein_mean": grouped["goldstein"].mean().round(2),
                          "conflict_share": grouped["quad_class"].apply(lambda q: round(float((q >= 3).mean()), 3))})
    return table.sort_values(["events", "goldstein_sum"], ascending=[False, True]).head(n).reset_index()


def top_actors(events: pd.DataFrame, n: int = 10, side: str = "any", level: str = "code") -> pd.DataFrame:
    """The ``n`` most frequent actors as source, target or either (``side``), by full code or ``level="country"``."""
    frame = load_events(events)
    sides = ["source", "target"] if side == "any" else [side]
    counts = pd.concat([frame[f"{s}_{level}"] for s in sides]).value_counts().head(n)
    return counts.rename_axis("actor").reset_index(name="events")


def dyad_network(events: pd.DataFrame, min_events: int = 1) -> Any:
    """A networkx DiGraph of countries: an edge per dyad with ``events``, ``goldstein`` (sum) and ``conflict_share``."""
    import networkx as nx

    graph = nx.DiGraph()
    frame = load_events(events)
    for (source, target), group in frame.groupby(["source_country", "target_country"]):
        if len(group) >= min_events:
            graph.add_edge(source, target, events=len(group), goldstein=float(group["goldstein"].sum()),
                           conflict_share=float((group["quad_class"] >= 3).mean()))
    return graph


def _figure(ax: Any, size: tuple[float, float] = (9, 4.5)) -> tuple[Any, Any]:
    if ax is not None:
        return ax.figure, ax
    from matplotlib.figure import Figure

    figure = Figure(figsize=size)
    return figure, figure.subplots()


def plot_series(series: pd.DataFrame, title: str = "Events per period", ylabel: str = "events", ax: Any = None) -> Any:
    """Line plot of a :func:`dyad_series` or :func:`goldstein_series` table; returns the Figure."""
    import matplotlib.dates as mdates

    figure, ax = _figure(ax)
    for column in series.columns:
        ax.plot(series.index, series[column], label=str(column), linewidth=1.6)
    if (series.to_numpy() < 0).any():
        ax.axhline(0, color="grey", linewidth=0.8)
    ax.set_title(title)
    ax.set_xlabel("date")
    ax.set_ylabel(ylabel)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
    if len(series.columns) <= 12:
        ax.legend(fontsize=8, frameon=False, loc="best")
    ax.grid(alpha=0.3)
    figure.tight_layout()
    return figure


def plot_goldstein(events: pd.DataFrame, freq: str = "W", dyads: Iterable[str] | None = None, ax: Any = None) -> Any:
    """Goldstein-weighted cooperation-conflict series per dyad (below zero: conflict)."""
    return plot_series(goldstein_series(events, freq, dyads), title="Cooperation (+) and conflict (-), Goldstein sum",
                       ylabel="Goldstein sum", ax=ax)


def plot_network(graph: Any, ax: Any = None, seed: int = 0) -> Any:
    """Draw a :func:`dyad_network`: edge width by events, colour by conflict share (red conflict, blue cooperation)."""
    import networkx as nx

    figure, ax = _figure(ax, (8, 7))
    positions = nx.spring_layout(graph, seed=seed, k=1.2)
    widths = [0.5 + 3 * d["events"] / max(1, max(d["events"] for *_, d in graph.edges(data=True))) for *_, d in graph.edges(data=True)]
    colours = [d["conflict_share"] for *_, d in graph.edges(data=True)]
    nx.draw_networkx_nodes(graph, positions, ax=ax, node_color="#f0f0f0", edgecolors="#555555", node_size=900)
    nx.draw_networkx_labels(graph, positions, ax=ax, font_size=9)
    edges = nx.draw_networkx_edges(graph, positions, ax=ax, width=widths, edge_color=colours, edge_cmap=_cmap(),
                                   edge_vmin=0, edge_vmax=1, arrows=True, arrowsize=14, connectionstyle="arc3,rad=0.12",
                                   node_size=900)
    if edges:
        from matplotlib.cm import ScalarMappable
        from matplotlib.colors import Normalize

        figure.colorbar(ScalarMappable(norm=Normalize(0, 1), cmap=_cmap()), ax=ax, shrink=0.7, label="share of conflict events")
    ax.set_title("Dyad network (edge width: events)")
    ax.set_axis_off()
    figure.tight_layout()
    return figure


def _cmap() -> Any:
    from matplotlib import colormaps

    return colormaps["coolwarm"]

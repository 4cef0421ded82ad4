"""The CAMEO event-code table: names, Goldstein weights, QuadClass and PLOVER mapping.

The table is ``dictionaries/ontology/cameo_codes.tsv``, written by the project
(facts agree with the CAMEO 1.1b3 codebook, the GDELT Goldstein lookup and the
PLOVER 2021 mapping). QuadClass follows GDELT: 1 verbal cooperation (01-05),
2 material cooperation (06-09), 3 verbal conflict (10-14), 4 material conflict (15-20).

Examples
--------
>>> from eventcoder import ontology
>>> code = ontology.get("195")
>>> code.root, code.quad_class, code.goldstein, code.plover_type, code.plover_mode
('19', 4, -10.0, 'ASSAULT', 'heavy-weapons')
>>> ontology.get("0211").parent
'021'
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from eventcoder.errors import DictionaryError
from eventcoder.paths import dictionaries_dir

COLUMNS = ("code", "name", "goldstein", "quad_class", "plover_type", "plover_mode", "description")


@dataclass(frozen=True)
class CameoCode:
    """One CAMEO event code and what it means."""

    code: str
    name: str
    goldstein: float
    quad_class: int
    plover_type: str | None
    plover_mode: str | None
    description: str

    @property
    def root(self) -> str:
        """The two-digit root ("19" for "195")."""
        return self.code[:2]

    @property
    def parent(self) -> str | None:
        """The code one level up ("021" for "0211", "02" for "021"), None for a root."""
        if len(self.code) == 2:
            return None
        return self.code[:3] if len(self.code) == 4 else self.code[:2]


class Ontology:
    """A loaded CAMEO table; look codes up with :meth:`get` or ``code in ontology``.

    Parameters
    ----------
    codes : dict of str to CameoCode
    """

    def __init__(self, codes: dict[str, CameoCode]) -> None:
        self._codes = codes

    def get(self, code: str) -> CameoCode:
        """Return the entry for ``code``.

        Raises
        ------
        KeyError
            When ``code`` is not a CAMEO event code.
        """
        try:
            return self._codes[code]
        except KeyError:
            raise KeyError(f"{code!r} is not a CAMEO event code (codes are strings such as '040' or '0211')") from None

    def __contains__(self, code: object) -> bool:
        return code in self._codes

    def __iter__(self) -> Iterator[CameoCode]:
        return iter(self._codes.values())

    def __len__(self) -> int:
        return len(self._codes)

    def roots(self) -> list[CameoCode]:
        """The 20 root codes, in order."""
        return [c for c in self._codes.values() if len(c.code) == 2]

    def to_dataframe(self):  # -> pandas.DataFrame
        """The table as a pandas DataFrame, one row per code."""
        import pandas as pd

        return pd.DataFrame([{**c.__dict__, "root": c.root} for c in self._codes.values()])


def read_table(path: str | Path) -> Ontology:
    """Read and validate a CAMEO table in eventcoder's TSV format.

    Raises
    ------
    DictionaryError
        With ``file:line`` when a row is malformed.
    """
    path = Path(path)
    codes: dict[str, CameoCode] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [(n, line) for n, line in enumerate(handle, start=1) if line.strip() and not line.startswith("#")]
    if not lines or tuple(lines[0][1].rstrip("\n").split("\t")) != COLUMNS:
        raise DictionaryError("E120", f"the header must be the columns {', '.join(COLUMNS)} separated by tabs", path, lines[0][0] if lines else None)
    for line_no, row in zip((n for n, _ in lines[1:]), csv.reader((l for _, l in lines[1:]), delimiter="\t")):
        if len(row) != len(COLUMNS):
            raise DictionaryError("E121", f"expected {len(COLUMNS)} tab-separated fields, found {len(row)}", path, line_no)
        code, name, goldstein, quad_class, plover_type, plover_mode, description = row
        if not (code.isdigit() and len(code) in (2, 3, 4)):
            raise DictionaryError("E122", f"{code!r} is not a 2-, 3- or 4-digit CAMEO code", path, line_no)
        if code in codes:
            raise DictionaryError("E123", f"code {code} appears twice", path, line_no)
        try:
            weight, quad = float(goldstein), int(quad_class)
        except ValueError:
            raise DictionaryError("E124", f"goldstein {goldstein!r} must be a number and quad_class {quad_class!r} an integer", path, line_no) from None
        if not -10.0 <= weight <= 10.0 or quad not in (1, 2, 3, 4):
            raise DictionaryError("E124", "goldstein must lie in [-10, 10] and quad_class in 1-4", path, line_no)
        codes[code] = CameoCode(code, name, weight, quad, plover_type or None, plover_mode or None, description)
    return Ontology(codes)


@lru_cache(maxsize=4)
def load_ontology(path: str | None = None) -> Ontology:
    """Load the shipped CAMEO table (cached), or the table at ``path``.

    Examples
    --------
    >>> len(load_ontology()) > 300
    True
    """
    return read_table(path if path is not None else dictionaries_dir() / "ontology" / "cameo_codes.tsv")


def get(code: str) -> CameoCode:
    """Look a code up in the shipped table (see :meth:`Ontology.get`)."""
    return load_ontology().get(code)


def describe(code: str) -> str:
    """A one-line human description of ``code``.

    Examples
    --------
    >>> describe("040")  # doctest: +ELLIPSIS
    '040 Consult...'
    """
    entry = get(code)
    plover = f", PLOVER {entry.plover_type}" + (f"/{entry.plover_mode}" if entry.plover_mode else "") if entry.plover_type else ""
    return f"{entry.code} {entry.name} (root {entry.root}, QuadClass {entry.quad_class}, Goldstein {entry.goldstein:+.1f}{plover})"

"""Parse the dates that documents and dictionary entries carry.

Examples
--------
>>> parse_date("20080804")
'2008-08-04'
>>> parse_date("May 27, 2025")
'2025-05-27'
>>> parse_date(None) is None
True
"""

from __future__ import annotations

import datetime as dt

from eventcoder.errors import InputError

_FORMATS = ("%Y-%m-%d", "%Y%m%d", "%Y/%m/%d", "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%y%m%d")


def parse_date(value: object) -> str | None:
    """Return ``value`` as an ISO date string ``YYYY-MM-DD``, or None for an empty value.

    Accepts :class:`datetime.date`/:class:`datetime.datetime`, pandas Timestamps,
    ISO dates and datetimes ("2025-05-27", "2025-05-27T08:00:00Z"), compact
    "20250527", and written dates ("27 May 2025", "May 27, 2025").

    Raises
    ------
    InputError
        E301 when the value is not a date in one of those forms.
    """
    if value is None or (isinstance(value, float) and value != value) or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "date") and callable(value.date):  # pandas.Timestamp
        return value.date().isoformat()
    text = str(value).strip()
    if len(text) > 10 and text[4] == "-" and text[10] in "T ":
        text = text[:10]
    for fmt in _FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    raise InputError("E301", f"{value!r} is not a date; write it as YYYY-MM-DD (for example 2025-05-27)")

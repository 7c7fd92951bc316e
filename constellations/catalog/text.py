"""Lines and text of catalog files, read strictly.

``str.splitlines`` also breaks lines at \\x0b, \\x0c, \\x1c-\\x1e, \\x85, \\u2028 and \\u2029; a TLE name holding
one of them would be cut in two and the parser would blame the wrong line. Catalog files are line-oriented with
LF or CRLF (CelesTrak, Space-Track; CR alone is accepted too): those are the only line breaks, and any other
control character inside a line is refused by name.
"""

import re

__all__ = ("control_character", "lines")

_BREAK = re.compile(r"\r\n|\r|\n")
# C0 and C1 controls (Unicode category Cc) except tab, and the Unicode line and paragraph separators.
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")


def lines(text: str) -> list[str]:
    """``text`` split at CRLF, CR and LF only; a final line break makes no empty last line."""
    parts = _BREAK.split(text)
    if parts and parts[-1] == "":
        parts.pop()
    return parts


def control_character(text: str) -> str | None:
    """A description of the first control character in ``text`` ("U+000B at column 7"), or None."""
    found = _CONTROL.search(text)
    if found is None:
        return None
    return f"control character U+{ord(found.group()):04X} at column {found.start() + 1}"

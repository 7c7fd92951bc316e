"""Hypothesis strategies for hostile input: real fixture lines, mutated, and arbitrary bytes.

Near-valid inputs find more bugs than noise: a parser rejects random bytes at the first check, but a real
TLE line with one digit changed, a real OMM record with a field set to ``NaN`` or ``1e400``, or a real YAML
record with a date moved to year 9999 reaches the deep code. Every strategy here starts from the fixtures
in ``tests/fixtures/`` and mutates them.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from functools import lru_cache
from pathlib import Path

from hypothesis import strategies as st

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CATALOG = FIXTURES / "catalog"
REFERENCE = FIXTURES / "reference"

# Values that break parsers: numbers out of every range, not-numbers, dates at the calendar's edges, text.
HOSTILE_TEXT = [
    "", " ", "0", "-0", "-1", "1e400", "-1e400", "nan", "NaN", "inf", "-inf", "Infinity", "99999999999999999999",
    "4294967296", "2147483648", "-2147483649", "0.0", "1.5", "00000", "99999", "A0000", "Z9999", "0001-01-01",
    "9999-12-31", "10000-01-01", "2024-02-30", "2024-13-01", "0000-00-00", "1957-10-04", "2026-08-22T99:99:99",
    "null", "None", "true", "\x00", "\ufeff", "é", "😀", "x" * 300, "1964-063C", "2026-999ZZZ", "A" * 20,
    ",", '"', "\n", "\r", "\t",
]
HOSTILE_JSON = [
    None, True, False, 0, -1, 2**31, 2**63, 10**30, -(10**30), 1.5, 1e308, -1e308, float("nan"), float("inf"),
    float("-inf"), "", "nan", "1e400", "0001-01-01", "9999-12-31", "2024-02-30", [], {}, [1, 2], {"a": 1}, "x" * 300,
]


@lru_cache(maxsize=None)
def lines_of(name: str) -> tuple[str, ...]:
    return tuple((CATALOG / name).read_text(encoding="utf-8").splitlines())


@lru_cache(maxsize=None)
def json_records(name: str) -> tuple:
    return tuple(json.loads((CATALOG / name).read_text(encoding="utf-8")))


# -- text mutations -------------------------------------------------------------------------------------

@st.composite
def mutate_line(draw, line: str) -> str:
    """One edit of a line: a character changed, dropped or inserted, a column replaced, or the line cut."""
    kind = draw(st.sampled_from(["char", "drop", "insert", "field", "cut", "pad", "same"]))
    if not line or kind == "same":
        return line
    at = draw(st.integers(0, len(line) - 1))
    if kind == "char":
        return line[:at] + draw(st.sampled_from("0123456789 -+.eEAZaz\x00é,\"")) + line[at + 1:]
    if kind == "drop":
        return line[:at] + line[at + 1:]
    if kind == "insert":
        return line[:at] + draw(st.text(max_size=3)) + line[at:]
    if kind == "field":
        width = draw(st.integers(1, 12))
        value = draw(st.sampled_from(HOSTILE_TEXT))
        return line[:at] + value[:width].ljust(width) + line[at + width:]
    if kind == "cut":
        return line[:at]
    return line + " " * draw(st.integers(1, 20))


@st.composite
def mutate_lines(draw, lines: list[str], max_edits: int = 4) -> list[str]:
    lines = list(lines)
    for _ in range(draw(st.integers(0, max_edits))):
        if not lines:
            break
        op = draw(st.sampled_from(["edit", "edit", "edit", "delete", "duplicate", "swap", "blank"]))
        i = draw(st.integers(0, len(lines) - 1))
        if op == "edit":
            lines[i] = draw(mutate_line(lines[i]))
        elif op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        else:
            lines.insert(i, "")
    return lines


@st.composite
def encode(draw, text: str) -> bytes:
    """The text as a file: UTF-8 (sometimes with a BOM, CRLF or Latin-1), sometimes gzipped or truncated."""
    newline = draw(st.sampled_from(["\n", "\n", "\r\n"]))
    text = text.replace("\n", newline)
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "latin-1"]))
    data = text.encode(encoding, errors="replace")
    wrap = draw(st.sampled_from(["plain", "plain", "plain", "gzip", "gzip-truncated"]))
    if wrap == "plain":
        return data
    packed = gzip.compress(data)
    if wrap == "gzip-truncated":
        return packed[: draw(st.integers(0, len(packed)))]
    return packed


# -- catalog inputs ------------------------------------------------------------------------------------

@st.composite
def tle_text(draw) -> str:
    """A run of whole 3-line records from the real TLE slice (or 2-line, names dropped), mutated."""
    lines = lines_of("tle_active_slice.txt")
    records = len(lines) // 3
    start = draw(st.integers(0, records - 1))
    count = draw(st.integers(1, 8))
    block = list(lines[start * 3:(start + count) * 3])
    if draw(st.booleans()):
        block = [line for line in block if line[:2] in ("1 ", "2 ")]
    return "\n".join(draw(mutate_lines(block))) + draw(st.sampled_from(["\n", ""]))


@st.composite
def csv_text(draw, name: str) -> str:
    """The header and a few real rows of a CSV fixture, with cells replaced and lines mutated."""
    lines = lines_of(name)
    header, body = lines[0], lines[1:]
    start = draw(st.integers(0, len(body) - 1))
    rows = [next(csv.reader([line])) for line in body[start:start + draw(st.integers(1, 8))]]
    columns = next(csv.reader([header]))
    for _ in range(draw(st.integers(0, 6))):
        row = draw(st.sampled_from(rows))
        if row:
            row[draw(st.integers(0, len(row) - 1))] = draw(st.sampled_from(HOSTILE_TEXT))
    if draw(st.integers(0, 4)) == 0:  # a column renamed or dropped
        i = draw(st.integers(0, len(columns) - 1))
        columns[i] = draw(st.sampled_from(["", "NORAD_CAT_ID", "EPOCH", "X", columns[i].lower()]))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    lines = out.getvalue().splitlines()
    return "\n".join([lines[0], *draw(mutate_lines(lines[1:], max_edits=3))]) + "\n"


@st.composite
def gcat_text(draw, name: str = "gcat_satcat_slice.tsv") -> str:
    """GCAT's header, its comment line and a few real rows, with tab-separated cells replaced and lines mutated."""
    lines = lines_of(name)
    header, comment, body = lines[0], lines[1], lines[2:]
    start = draw(st.integers(0, len(body) - 1))
    rows = [line.split("\t") for line in body[start:start + draw(st.integers(1, 6))]]
    for _ in range(draw(st.integers(0, 6))):
        row = draw(st.sampled_from(rows))
        row[draw(st.integers(0, len(row) - 1))] = draw(st.sampled_from(HOSTILE_TEXT))
    return "\n".join([header, comment, *draw(mutate_lines(["\t".join(row) for row in rows], max_edits=3))]) + "\n"


@st.composite
def json_text(draw, name: str) -> str:
    """A few real JSON records with values replaced by hostile ones, keys dropped, and the text mutated."""
    records = json_records(name)
    start = draw(st.integers(0, len(records) - 1))
    chosen = [dict(r) for r in records[start:start + draw(st.integers(1, 6))]]
    for _ in range(draw(st.integers(0, 6))):
        record = draw(st.sampled_from(chosen))
        key = draw(st.sampled_from(sorted(record)))
        if draw(st.integers(0, 5)) == 0:
            del record[key]
        else:
            record[key] = draw(st.sampled_from(HOSTILE_JSON))
    shape = draw(st.sampled_from(["list", "list", "list", "object", "nested", "scalar"]))
    document = {"list": chosen, "object": chosen[0], "nested": {"data": chosen}, "scalar": 42}[shape]
    text = json.dumps(document)  # allow_nan: NaN and Infinity appear as bare words, as some servers send them
    if draw(st.integers(0, 3)) == 0:
        text = draw(mutate_line(text))
    return text


CATALOG_TEXT = {
    "tle": tle_text(),
    "omm_json_celestrak": json_text("omm_celestrak_slice.json"),
    "omm_json_spacetrack": json_text("omm_spacetrack_slice.json"),
    "omm_csv": csv_text("omm_celestrak_slice.csv"),
    "satcat_csv": csv_text("satcat_celestrak_slice.csv"),
    "satcat_json_spacetrack": json_text("satcat_spacetrack_slice.json"),
    "gcat_tsv": gcat_text(),
}

FORMAT_OVERRIDES = st.sampled_from([
    None, None, None, "tle2", "tle3", "omm_json", "omm_csv", "satcat_csv", "satcat_json", "spacetrack_satcat_json",
    "spacetrack_satcat_csv", "gcat_tsv",
])


def catalog_bytes() -> st.SearchStrategy[bytes]:
    """Mutated real catalogs of every format, plus arbitrary bytes and arbitrary text."""
    near_valid = st.one_of(*CATALOG_TEXT.values()).flatmap(encode)
    return st.one_of(
        near_valid, near_valid, near_valid,
        st.binary(max_size=400),
        st.text(max_size=400).map(lambda t: t.encode("utf-8", "surrogatepass")),
    )


# -- reference YAML ------------------------------------------------------------------------------------

REFERENCE_FILES = ("sources", "administrations", "operators", "constellations", "filings")
YAML_VALUES = [
    "null", "~", "''", "0", "-1", "-0.5", "1e400", ".nan", ".inf", "-.inf", "99999999999999999999", "2147483648",
    "0001-01-01", "9999-12-31", "2024-02-30", "10000-01-01", "yes", "no", "[]", "{}", "[1, 2]", "{a: 1}",
    "'x'", "x" * 300, "06:00", "25:99", "1440", "-60", "!!binary aGVsbG8=", "!!python/object:os.system x",
    "&a [*a]", "*undefined", "'😀'", "\"\\x00\"", "2024-01-01T00:00:00", "180.0001", "-0.0001",
]


@st.composite
def reference_files(draw) -> dict[str, str]:
    """The fixture reference files, one or two of them mutated: a value replaced, a line edited or removed."""
    texts = {name: (REFERENCE / f"{name}.yaml").read_text(encoding="utf-8") for name in REFERENCE_FILES}
    for _ in range(draw(st.integers(1, 3))):
        name = draw(st.sampled_from(REFERENCE_FILES))
        lines = texts[name].splitlines()
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["value", "value", "value", "line", "delete", "indent", "duplicate"]))
        if op == "value" and ":" in lines[i]:
            head = lines[i].split(":", 1)[0]
            lines[i] = f"{head}: {draw(st.sampled_from(YAML_VALUES))}"
        elif op == "line":
            lines[i] = draw(mutate_line(lines[i]))
        elif op == "delete":
            del lines[i]
        elif op == "indent":
            lines[i] = " " * draw(st.integers(0, 6)) + lines[i].lstrip()
        else:
            lines.insert(i, lines[i])
        texts[name] = "\n".join(lines) + "\n"
    if draw(st.integers(0, 9)) == 0:
        texts[draw(st.sampled_from(REFERENCE_FILES))] = draw(
            st.one_of(st.text(max_size=200), st.sampled_from(["", "---", "- 1\n- 2", "a: b", "[", "\x00"])))
    return texts

"""Shared paths and small builders for the catalog tests."""

from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "catalog"
REFERENCE = Path("/work/shared/reference/catalog")

TLE_SLICE = FIXTURES / "tle_active_slice.txt"
SATCAT_JSON = FIXTURES / "satcat_spacetrack_slice.json"
SATCAT_CSV = FIXTURES / "satcat_celestrak_slice.csv"
OMM_JSON = FIXTURES / "omm_celestrak_slice.json"
OMM_JSON_STRINGS = FIXTURES / "omm_spacetrack_slice.json"
OMM_CSV = FIXTURES / "omm_celestrak_slice.csv"
GCAT_TSV = FIXTURES / "gcat_satcat_slice.tsv"

# ISS (ZARYA), the classic example element set (CelesTrak "FAQ: Two-Line Element Set Format").
ISS_LINE1 = "1 25544U 98067A   08264.51782528 -.00002182  00000-0 -11606-4 0  2927"
ISS_LINE2 = "2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537"


def tle_checksum(line: str) -> str:
    """Independent checksum for building test lines: digits summed, '-' counts 1, mod 10."""
    total = sum(int(c) for c in line[:68] if c.isdigit()) + line[:68].count("-")
    return str(total % 10)


def with_checksum(line: str) -> str:
    return line[:68] + tle_checksum(line)


def tle_bytes(*objects: tuple[str | None, str, str], newline: str = "\n") -> bytes:
    out = []
    for name, line1, line2 in objects:
        if name is not None:
            out.append(name)
        out += [line1, line2]
    return (newline.join(out) + newline).encode()

"""Rebuild the bundled catalog snapshot from the shared reference files (run once; the outputs are committed).

    .venv/bin/python constellations/data/make_snapshot.py [/path/to/shared/reference/catalog]

Keeps the objects of the five tracked constellations (Starlink, OneWeb, Kuiper, Qianfan, Guowang) as
classified by constellations.catalog.DEFAULT_RULES. Records are copied unmodified: TLE lines byte for byte
(CRLF kept), Space-Track SATCAT rows value for value (current and decayed in one array, NORAD order).
Compressed with gzip at level 9 and mtime 0, so a rebuild gives identical bytes.
"""

import gzip
import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from constellations.catalog import classify, parse_catalog  # noqa: E402

TRACKED = {"starlink", "oneweb", "kuiper", "qianfan", "guowang"}
TLE_NAME = "celestrak-active-tle-2026-08-23.txt"
SATCAT_NAMES = ("satcat-spacetrack-2025-03-15-current.json.gz", "satcat-spacetrack-2025-03-15-decayed.json.gz")
TLE_OUT = HERE / "tracked-active-tle-2026-08-22.txt.gz"
SATCAT_OUT = HERE / "tracked-satcat-spacetrack-2025-03-16.json.gz"


def tracked_ids(records) -> set[int]:
    slugs = classify([r.name for r in records], [r.cospar_id for r in records],
                     [r.object_type for r in records], [r.norad_id for r in records])
    return {r.norad_id for r, slug in zip(records, slugs) if slug in TRACKED}


def main(reference: Path) -> None:
    raw = (reference / TLE_NAME).read_bytes()
    keep = tracked_ids(parse_catalog(raw).records)
    lines = raw.split(b"\r\n")
    out = []
    for i in range(0, len(lines) - 2, 3):
        if int(lines[i + 1][2:7]) in keep:
            out += lines[i:i + 3]
    tle = b"\r\n".join(out) + b"\r\n"
    TLE_OUT.write_bytes(gzip.compress(tle, compresslevel=9, mtime=0))

    rows = []
    for name in SATCAT_NAMES:
        path = reference / name
        keep = tracked_ids(parse_catalog(path).records)
        rows += [row for row in json.loads(gzip.decompress(path.read_bytes())) if int(row["NORAD_CAT_ID"]) in keep]
    rows.sort(key=lambda row: int(row["NORAD_CAT_ID"]))
    satcat = json.dumps(rows, separators=(",", ":")).encode()
    SATCAT_OUT.write_bytes(gzip.compress(satcat, compresslevel=9, mtime=0))

    for path, content in ((TLE_OUT, tle), (SATCAT_OUT, satcat)):
        print(f"{path.name}: {path.stat().st_size:,} B gz, {len(content):,} B raw")
        print(f"  sha256 file    {hashlib.sha256(path.read_bytes()).hexdigest()}")
        print(f"  sha256 content {hashlib.sha256(content).hexdigest()}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parents[2] / "shared" / "reference" / "catalog")

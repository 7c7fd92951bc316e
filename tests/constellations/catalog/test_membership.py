import collections
import json
import time

import numpy as np
import pandas as pd
import pytest

from constellations.catalog import (
    DEFAULT_RULES,
    MembershipRule,
    classify,
    classify_records,
    parse_catalog,
    rules_from_rows,
)

from .helpers import SATCAT_CSV, SATCAT_JSON, TLE_SLICE

PREFIXES = {"STARLINK-": "starlink", "ONEWEB-": "oneweb", "KUIPER-": "kuiper", "QIANFAN-": "qianfan",
            "HULIANWANG": "guowang", "HULIANGWANG": "guowang", "GUOWANG": "guowang", "HJS-4": "guowang"}
GUOWANG_LAUNCHES = {"2024-240", "2025-030", "2023-212", "2023-095"}


def _expected_slug(name: str, intldes: str, object_type: str | None) -> str | None:
    """Independent restatement of the default table, for a line-by-line scan."""
    if object_type in ("ROCKET BODY", "DEBRIS"):
        return None
    if intldes[:8] in GUOWANG_LAUNCHES:
        return "guowang"
    return next((slug for prefix, slug in PREFIXES.items() if name.startswith(prefix)), None)


def test_tle_slice_counts_match_a_line_scan():
    lines = TLE_SLICE.read_bytes().decode().split("\r\n")
    expected = collections.Counter(
        _expected_slug(lines[i].strip(), "", None) for i in range(0, len(lines) - 2, 3))
    got = collections.Counter(classify_records(parse_catalog(TLE_SLICE.read_bytes()).records))
    assert got == expected
    assert got["kuiper"] > 0 and got["qianfan"] > 0 and got["guowang"] > 0


@pytest.mark.parametrize("path", [SATCAT_JSON, SATCAT_CSV])
def test_satcat_slice_counts_match_a_row_scan(path):
    rows = json.loads(SATCAT_JSON.read_text())
    expected = collections.Counter(_expected_slug(r["SATNAME"], r["INTLDES"], r["OBJECT_TYPE"]) for r in rows)
    got = collections.Counter(classify_records(parse_catalog(path.read_bytes()).records))
    assert got == expected


def test_guowang_objects_named_only_object_x():
    records = parse_catalog(SATCAT_JSON.read_bytes()).records
    slugs = dict(zip((r.norad_id for r in records), classify_records(records)))
    by_launch = collections.defaultdict(list)
    for r in records:
        by_launch[r.cospar_id[:8]].append(r)
    objects = [r for r in by_launch["2025-030"] if r.name.startswith("OBJECT")]
    assert len(objects) == 9  # OBJECT A..J, I skipped (SOURCES.md 2)
    assert all(slugs[r.norad_id] == "guowang" for r in objects)
    rocket = [r for r in by_launch["2025-030"] if r.object_type == "ROCKET BODY"]
    assert rocket and all(slugs[r.norad_id] is None for r in rocket)
    spelled = [r for r in records if r.name.startswith("HULIANGWANG DIGUI")]
    assert len(spelled) == 10 and all(slugs[r.norad_id] == "guowang" for r in spelled)


def test_starlink_launch_debris_and_rocket_bodies_are_not_starlink():
    records = parse_catalog(SATCAT_JSON.read_bytes()).records
    slugs = classify_records(records)
    launches = {r.cospar_id[:8] for r, s in zip(records, slugs) if s == "starlink"}
    others = [(r, s) for r, s in zip(records, slugs) if r.cospar_id[:8] in launches and r.object_type != "PAYLOAD"]
    assert others and all(s is None for _, s in others)


def test_precedence_norad_over_launch_over_name():
    rules = [
        MembershipRule("starlink", "name_prefix", "STARLINK-"),
        MembershipRule("guowang", "cospar_launch", "2025-030"),
        MembershipRule("manual", "norad", "3"),
        MembershipRule("regexed", "name_regex", r"^SAT-\d+$"),
    ]
    got = classify(
        ["STARLINK-1", "STARLINK-2", "STARLINK-3", "sat-12", "STARLINK R/B", None],
        ["2019-001A", "2025-030B", "2025-030C", None, "2025-030Z", "2025-030Y"],
        ["PAYLOAD", "UNKNOWN", "DEBRIS", None, "ROCKET BODY", "DEB"],
        [1, 2, 3, 4, 5, 6],
        rules,
    )
    assert list(got) == ["starlink", "guowang", "manual", "regexed", None, None]


def test_rules_validate_and_load_from_rows():
    with pytest.raises(ValueError):
        MembershipRule("x", "owner", "PRC")
    with pytest.raises(ValueError):
        MembershipRule("x", "cospar_launch", "2025-30")
    with pytest.raises(ValueError):
        MembershipRule("x", "norad", "abc")
    loaded = rules_from_rows([{"constellation_slug": "a", "kind": "norad", "pattern": 5}, ("b", "name_prefix", "B-")])
    assert loaded == [MembershipRule("a", "norad", "5"), MembershipRule("b", "name_prefix", "B-")]
    assert {r.kind for r in DEFAULT_RULES} == {"name_prefix", "cospar_launch"}


def test_accepts_series_with_any_index_and_is_fast_on_63k_rows():
    rng = np.random.default_rng(1)
    n = 63_108  # rows in the two Space-Track SATCAT files together
    names = pd.Series(rng.choice(["STARLINK-1234", "ONEWEB-0012", "COSMOS 2251", "OBJECT A", "QIANFAN-7"], n),
                      index=np.arange(n) + 1000)
    cospar = pd.Series(rng.choice(["2020-001A", "2025-030B", "1999-025C"], n), index=names.index)
    types = pd.Series(rng.choice(["PAYLOAD", "DEBRIS", "UNKNOWN", None], n), index=names.index)
    start = time.perf_counter()
    got = classify(names, cospar, types, pd.Series(np.arange(n), index=names.index))
    assert time.perf_counter() - start < 1.0
    assert got.shape == (n,)
    assert set(got) <= {"starlink", "oneweb", "qianfan", "guowang", None}

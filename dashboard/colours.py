"""The dashboard's one colour mapping: a constellation (or operator, or administration) has the same colour on
every chart, whichever others share the chart with it. Pure: no Django.

Colours come from palettes designed to stay distinct for readers with the common colour-vision deficiencies:
Okabe & Ito, "Color Universal Design" (2008), its eight colours; then Paul Tol's "muted" and "bright" schemes
(Tol, "Colour Schemes", SRON/EPS/TN/09-002, 2021).
"""

from __future__ import annotations

import zlib

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#F0E442"]
TOL_MUTED = ["#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499"]
TOL_BRIGHT = ["#4477AA", "#EE6677", "#228833", "#CCBB44", "#66CCEE", "#AA3377", "#BBBBBB"]
# Okabe-Ito's yellow is left out of the fallback: too pale on white for a line or a small marker.
PALETTE = [c for c in OKABE_ITO if c != "#F0E442"] + TOL_MUTED

# The bundled registry's constellations (filings/data/constellations.yaml), each a colour of its own. The
# largest systems get the Okabe-Ito colours, which survive every common deficiency best.
CONSTELLATION_COLOURS = {
    "starlink": "#0072B2", "kuiper": "#E69F00", "qianfan": "#009E73", "guowang": "#D55E00",
    "oneweb": "#CC79A7", "cinnamon": "#56B4E9", "spacex-odc": "#000000", "ctc": "#882255",
    "honghu": "#117733", "lightspeed": "#999933", "ast-spacemobile": "#332288", "lynk": "#AA4499",
    "logos": "#44AA99", "terawave": "#88CCEE", "astra": "#DDCC77", "tianqi": "#CC6677", "kepler": "#4477AA",
}
# An operator takes the colour of its flagship constellation, so "colour by operator" reads like the race charts.
OPERATOR_COLOURS = {
    "spacex": "#0072B2", "kuiper-systems": "#E69F00", "spacesail": "#009E73", "china-satnet": "#D55E00",
    "oneweb": "#CC79A7", "rwanda-space-agency": "#56B4E9", "radio-spectrum-institute": "#882255",
    "hongqing": "#117733", "telesat": "#999933", "ast-spacemobile": "#332288", "lynk": "#AA4499",
    "logos": "#44AA99", "blue-origin": "#88CCEE", "astra": "#DDCC77", "guodian-gaoke": "#CC6677",
    "kepler": "#4477AA", "ccc-france": "#EE6677",
}
# Administrations: Tol's bright scheme, apart from the constellations' strongest colours, so the
# by-administration chart next to the by-constellation one does not suggest "China = Kuiper".
ADMINISTRATION_COLOURS = {
    "USA": "#4477AA", "CHN": "#EE6677", "GBR": "#228833", "RWA": "#CCBB44", "CAN": "#66CCEE",
    "FRA": "#AA3377", "DEU": "#BBBBBB",
}
# The race chart groups by the administration's name (filings/data/administrations.yaml): the same colours.
ADMINISTRATION_COLOURS |= {
    name: ADMINISTRATION_COLOURS[code] for code, name in (
        ("USA", "United States"), ("CHN", "China"), ("GBR", "United Kingdom"), ("RWA", "Rwanda"),
        ("CAN", "Canada"), ("FRA", "France"), ("DEU", "Germany"))
}
_BY_KIND = {"constellation": CONSTELLATION_COLOURS, "operator": OPERATOR_COLOURS,
            "administration": ADMINISTRATION_COLOURS}
UNKNOWN = "#777777"


def colour_for(kind: str, key) -> str:
    """The colour of a constellation, operator or administration (by its key or ISO code). A key the table
    does not know gets a palette colour chosen by a stable hash of the key: the same on every chart and in
    every process (Python's hash() is salted per process, crc32 is not)."""
    if key in (None, "", "unknown"):
        return UNKNOWN
    known = _BY_KIND[kind].get(key)
    if known:
        return known
    return PALETTE[zlib.crc32(str(key).encode()) % len(PALETTE)]

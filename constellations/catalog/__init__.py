"""Pure catalog layer: read satellite catalogs, classify constellation members, count over time.

No Django imports; the ``import_catalog`` command and the models build on these functions.
"""

from .errors import CatalogFormatError
from .frame import combine_catalog, records_to_frame
from .ids import launch_key, normalise_cospar, parse_tle_catalog_number
from .membership import (
    DEFAULT_RULES,
    RULE_KINDS,
    MembershipRule,
    classify,
    classify_records,
    rules_from_rows,
)
from .orbit_state import (
    DEFAULT_ALTITUDE_TOLERANCE_KM,
    DEFAULT_INCLINATION_TOLERANCE_DEG,
    OrbitStates,
    TargetShell,
    orbit_states,
    shell_match,
    sun_synchronous_inclination_deg,
)
from .reader import detect_format, iter_catalog, parse_catalog, read_source
from .records import CatalogFormat, CatalogRecord, ParseResult, Rejection
from .series import deployment_series, estimate_launch_dates, on_station_series, series_dates

__all__ = [
    "CatalogFormat", "CatalogFormatError", "CatalogRecord", "ParseResult", "Rejection",
    "parse_catalog", "iter_catalog", "detect_format", "read_source",
    "normalise_cospar", "parse_tle_catalog_number", "launch_key",
    "MembershipRule", "RULE_KINDS", "DEFAULT_RULES", "classify", "classify_records", "rules_from_rows",
    "TargetShell", "OrbitStates", "orbit_states", "shell_match", "sun_synchronous_inclination_deg",
    "DEFAULT_ALTITUDE_TOLERANCE_KM", "DEFAULT_INCLINATION_TOLERANCE_DEG",
    "deployment_series", "estimate_launch_dates", "on_station_series", "series_dates",
    "records_to_frame", "combine_catalog",
]

"""Records to pandas, and joining a SATCAT (dates, types) with an element-set file (orbits)."""

from collections.abc import Iterable

import pandas as pd

from .records import RECORD_FIELDS, CatalogRecord

_META_FIELDS = ("name", "cospar_id", "object_type", "owner", "launch_date", "decay_date", "ops_status")
_ORBIT_FIELDS = tuple(f for f in RECORD_FIELDS if f not in _META_FIELDS and f not in ("norad_id", "line"))


def records_to_frame(records: Iterable[CatalogRecord]) -> pd.DataFrame:
    """One row per record, one column per CatalogRecord field; dates become datetime64."""
    columns = {name: [] for name in RECORD_FIELDS}
    for record in records:
        for name in RECORD_FIELDS:
            columns[name].append(getattr(record, name))
    frame = pd.DataFrame(columns)
    for name in ("launch_date", "decay_date"):
        frame[name] = pd.to_datetime(frame[name])
    frame["epoch"] = pd.to_datetime(frame["epoch"], utc=True)
    return frame


def combine_catalog(satcat: pd.DataFrame, elements: pd.DataFrame) -> pd.DataFrame:
    """Outer join on NORAD id: metadata from the SATCAT, orbit from the element sets where present.

    Names and designators fall back to the element file for objects the SATCAT lacks (launched
    after it was taken). ``in_elements`` marks objects present in the element file.
    """
    orbit_columns = ["norad_id", "name", "cospar_id", *_ORBIT_FIELDS]
    combined = satcat.drop(columns=["line"]).merge(
        elements[orbit_columns], on="norad_id", how="outer", suffixes=("", "_el"), indicator=True
    )
    for name in _ORBIT_FIELDS:  # element sets are newer orbit data than SATCAT apsides
        combined[name] = combined[f"{name}_el"].combine_first(combined[name])
    for name in ("name", "cospar_id"):  # the SATCAT's names win; the element file fills gaps
        combined[name] = combined[name].combine_first(combined[f"{name}_el"])
    combined["in_elements"] = combined.pop("_merge").isin(["both", "right_only"]).to_numpy()
    return combined.drop(columns=[c for c in combined if c.endswith("_el")]).sort_values("norad_id", ignore_index=True)

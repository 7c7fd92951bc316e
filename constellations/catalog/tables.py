"""Readers for the keyed formats: SATCAT (CelesTrak and Space-Track schemas) and OMM, as JSON or CSV.

CelesTrak sends JSON numbers, Space-Track sends every value as a string (ecosystem.md 2.1,
satellite-js #135), so every field goes through the same tolerant converters.
"""

import csv
import json
import math

import orjson
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timezone

from .ids import normalise_cospar
from .text import control_character
from .text import lines as text_lines
from .records import (
    CatalogFormat,
    CatalogRecord,
    Rejection,
    eccentricity_from_apsides,
    mean_motion_from_period,
    orbit_from_mean_motion,
)


class FieldError(ValueError):
    pass


@dataclass(frozen=True)
class SatcatKeys:
    """Where each SATCAT field lives in one schema (first key present wins)."""

    name: tuple[str, ...]
    cospar: tuple[str, ...]
    owner: str
    launch: str
    decay: str
    ops_status: str | None


CELESTRAK_SATCAT = SatcatKeys(("OBJECT_NAME",), ("OBJECT_ID",), "OWNER", "LAUNCH_DATE", "DECAY_DATE", "OPS_STATUS_CODE")
# Mapping from SOURCES.md section 2: OBJECT_ID = INTLDES, LAUNCH_DATE = LAUNCH, DECAY_DATE = DECAY, OWNER = COUNTRY.
SPACETRACK_SATCAT = SatcatKeys(("OBJECT_NAME", "SATNAME"), ("INTLDES", "OBJECT_ID"), "COUNTRY", "LAUNCH", "DECAY", None)

# CelesTrak abbreviates object types; Space-Track spells them out. Store the spelled-out form.
OBJECT_TYPES = {
    "PAY": "PAYLOAD", "PAYLOAD": "PAYLOAD",
    "R/B": "ROCKET BODY", "ROCKET BODY": "ROCKET BODY",
    "DEB": "DEBRIS", "DEBRIS": "DEBRIS",
    "UNK": "UNKNOWN", "UNKNOWN": "UNKNOWN", "TBA": "UNKNOWN",
}

_OMM_REQUIRED = ("EPOCH", "MEAN_MOTION", "ECCENTRICITY", "INCLINATION", "RA_OF_ASC_NODE",
                 "ARG_OF_PERICENTER", "MEAN_ANOMALY")


def iter_keyed(text: str, fmt: CatalogFormat) -> Iterator[CatalogRecord | Rejection]:
    rows = _iter_json_rows(text) if fmt.value.endswith("_json") else _iter_csv_rows(text)
    convert = _ROW_PARSERS[fmt]
    for position, row in rows:
        if isinstance(row, Rejection):
            yield row
        elif not isinstance(row, Mapping):
            yield Rejection(position, None, f"row is a JSON {type(row).__name__}, not an object")
        else:
            yield _convert_row(convert, row, position)


def _convert_row(convert, row: Mapping, position: int) -> CatalogRecord | Rejection:
    try:
        norad_id = _int(row, "NORAD_CAT_ID")
    except FieldError as exc:
        return Rejection(position, None, str(exc))
    try:
        return convert(row, norad_id, position)
    except (FieldError, ValueError, OverflowError) as exc:
        return Rejection(position, norad_id, str(exc))


def parse_satcat_row(row: Mapping, norad_id: int, position: int, keys: SatcatKeys) -> CatalogRecord:
    period = _float(row, "PERIOD", minimum=0.0)
    apogee, perigee = _float(row, "APOGEE"), _float(row, "PERIGEE")
    inclination = _float(row, "INCLINATION", minimum=0.0, maximum=180.0)
    if period == 0.0:
        # Space-Track writes PERIOD 0.00 / APOGEE 0 / PERIGEE 0 / INCLINATION 0.00 for objects it
        # never had an orbit for (34 decayed debris rows in the 2025-03-15 snapshot, e.g. NORAD 723).
        period = apogee = perigee = inclination = None
    mean_motion = mean_motion_from_period(period) if period else None
    altitude = eccentricity = None
    if apogee is not None and perigee is not None:
        altitude = (apogee + perigee) / 2.0  # semi-major axis minus R_E
        eccentricity = eccentricity_from_apsides(perigee, apogee)
    return CatalogRecord(
        norad_id=norad_id, line=position,
        name=_text(row, *keys.name), cospar_id=normalise_cospar(_text(row, *keys.cospar)),
        object_type=_object_type(row), owner=_text(row, keys.owner),
        launch_date=_date(row, keys.launch), decay_date=_date(row, keys.decay),
        ops_status=_text(row, keys.ops_status) if keys.ops_status else None,
        mean_motion=mean_motion, eccentricity=eccentricity, inclination_deg=inclination,
        mean_altitude_km=altitude, perigee_km=perigee, apogee_km=apogee,
    )


def parse_omm_row(row: Mapping, norad_id: int, position: int) -> CatalogRecord:
    missing = [key for key in _OMM_REQUIRED
               if (value := row.get(key)) is None or (isinstance(value, str) and not value.strip())]  # _is_blank
    if missing:
        raise FieldError(f"missing field {', '.join(missing)}")
    mean_motion = _float(row, "MEAN_MOTION", minimum=0.0, exclusive=True)
    eccentricity = _float(row, "ECCENTRICITY", minimum=0.0, maximum=1.0)
    if eccentricity >= 1.0:
        raise FieldError(f"ECCENTRICITY out of range: {eccentricity}")
    altitude, perigee, apogee = orbit_from_mean_motion(mean_motion, eccentricity)
    return CatalogRecord(
        norad_id=norad_id, line=position,
        name=_text(row, "OBJECT_NAME"), cospar_id=normalise_cospar(_text(row, "OBJECT_ID")),
        object_type=_object_type(row), owner=_text(row, "COUNTRY_CODE"),
        launch_date=_date(row, "LAUNCH_DATE"), decay_date=_date(row, "DECAY_DATE"),
        epoch=_epoch(row), mean_motion=mean_motion, eccentricity=eccentricity,
        inclination_deg=_float(row, "INCLINATION", minimum=0.0, maximum=180.0),
        raan_deg=_float(row, "RA_OF_ASC_NODE"), arg_perigee_deg=_float(row, "ARG_OF_PERICENTER"),
        mean_anomaly_deg=_float(row, "MEAN_ANOMALY"), bstar=_float(row, "BSTAR"),
        mean_altitude_km=altitude, perigee_km=perigee, apogee_km=apogee,
    )


_ROW_PARSERS = {
    CatalogFormat.SATCAT_CSV: lambda r, n, p: parse_satcat_row(r, n, p, CELESTRAK_SATCAT),
    CatalogFormat.SATCAT_JSON: lambda r, n, p: parse_satcat_row(r, n, p, CELESTRAK_SATCAT),
    CatalogFormat.SPACETRACK_SATCAT_JSON: lambda r, n, p: parse_satcat_row(r, n, p, SPACETRACK_SATCAT),
    CatalogFormat.SPACETRACK_SATCAT_CSV: lambda r, n, p: parse_satcat_row(r, n, p, SPACETRACK_SATCAT),
    CatalogFormat.OMM_JSON: parse_omm_row,
    CatalogFormat.OMM_CSV: parse_omm_row,
}


# --- row sources -------------------------------------------------------------------------------

def _iter_json_rows(text: str) -> Iterator[tuple[int, object]]:
    """The elements of a JSON array (or a lone object), numbered from 1.

    A well-formed document is decoded in one go by orjson (C, several times faster than the standard library on
    a 60 MB GP file); anything orjson refuses (a corrupt tail, NaN, an integer past 64 bits, deep nesting) is
    decoded again one element at a time, so the good head still imports and the bad element is reported.
    """
    try:
        document = orjson.loads(text)
    except (orjson.JSONDecodeError, RecursionError):
        document = None
    if isinstance(document, dict):
        document = [document]
    if isinstance(document, list):
        yield from enumerate(document, 1)
        return
    yield from _iter_json_elements(text)


def _iter_json_elements(text: str) -> Iterator[tuple[int, object]]:
    """Decode a JSON array one element at a time, so a corrupt tail still leaves the good head."""
    decoder = json.JSONDecoder()
    body = text.strip()
    if body.startswith("{"):
        body = f"[{body}]"  # a lone OMM object
    index, position = 1, 0
    while True:
        index = _skip_ws(body, index)
        if index >= len(body) or body[index] == "]":
            return
        position += 1
        try:
            row, index = decoder.raw_decode(body, index)
        except (json.JSONDecodeError, RecursionError) as exc:
            yield position, Rejection(position, None, f"invalid JSON from element {position} on: {exc}")
            return
        yield position, row
        index = _skip_ws(body, index)
        if index < len(body) and body[index] == ",":
            index += 1
        elif index < len(body) and body[index] != "]":
            yield position + 1, Rejection(position + 1, None, f"invalid JSON after element {position}")
            return


def _skip_ws(body: str, index: int) -> int:
    while index < len(body) and body[index] in " \t\r\n":
        index += 1
    return index


def _iter_csv_rows(text: str) -> Iterator[tuple[int, object]]:
    reader = csv.reader(iter(text_lines(text)))  # breaks at CR/LF only: csv reads quoted fields whole
    try:
        header = [col.strip().upper() for col in next(reader)]
    except (StopIteration, csv.Error):
        return
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield reader.line_num, Rejection(reader.line_num, None, f"CSV error: {exc}")
            continue
        if not values:
            continue
        if len(values) != len(header):
            yield reader.line_num, Rejection(
                reader.line_num, None, f"row has {len(values)} fields, header has {len(header)} (truncated?)"
            )
            continue
        yield reader.line_num, dict(zip(header, values))


# --- field converters --------------------------------------------------------------------------

def _is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(row: Mapping, *keys: str) -> str | None:
    for key in keys:
        value = row.get(key)
        if not _is_blank(value):
            text = str(value).strip()
            bad = control_character(text)
            if bad:
                raise FieldError(f"{key} has a {bad}: {text[:40]!r}")
            return text
    return None


def _float(row: Mapping, key: str, minimum=None, maximum=None, exclusive=False) -> float | None:
    value = row.get(key)
    if type(value) is float:  # a JSON number (CelesTrak): the common case, without the checks below
        number = value
    else:
        if _is_blank(value):
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise FieldError(f"{key} is not numeric: {value!r}")
        try:
            number = float(value)
        except (ValueError, OverflowError):
            raise FieldError(f"{key} is not numeric: {value!r}") from None
    if not math.isfinite(number):
        raise FieldError(f"{key} is not a finite number: {value!r}")
    too_low = minimum is not None and (number <= minimum if exclusive else number < minimum)
    if too_low or (maximum is not None and number > maximum):
        raise FieldError(f"{key} out of range: {value!r}")
    return number


def _int(row: Mapping, key: str) -> int:
    value = row.get(key)
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and value.strip().isdigit() and value.strip().isascii():
        number = int(value.strip())
    else:
        raise FieldError(f"{key} is missing or not an integer: {value!r}")
    if number <= 0:
        raise FieldError(f"{key} must be positive: {value!r}")
    if key == "NORAD_CAT_ID" and number > MAX_NORAD_ID:
        raise FieldError(f"{key} has more than nine digits: {value!r}")
    return number


# Catalog numbers are at most nine digits (the OMM/Space-Track field); anything longer is a corrupt row, and it
# would not fit the database column (PostgreSQL integer, up to 2,147,483,647) either.
MAX_NORAD_ID = 999_999_999


def _date(row: Mapping, key: str) -> date | None:
    value = row.get(key)
    if _is_blank(value):
        return None
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise FieldError(f"{key} is not a date: {value!r}") from None


def _epoch(row: Mapping) -> datetime:
    value = row.get("EPOCH")
    try:
        epoch = datetime.fromisoformat(str(value).strip())
    except ValueError:
        raise FieldError(f"EPOCH is not an ISO timestamp: {value!r}") from None
    # OMM epochs are UTC (TIME_SYSTEM UTC, ecosystem.md 2.1); a stated offset is honoured.
    return epoch.replace(tzinfo=timezone.utc) if epoch.tzinfo is None else epoch.astimezone(timezone.utc)


def _object_type(row: Mapping) -> str | None:
    raw = _text(row, "OBJECT_TYPE")
    return OBJECT_TYPES.get(raw.upper(), raw.upper()) if raw else None

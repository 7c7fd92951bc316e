"""The ITU Space Network List (SNL) exports, read: bytes in, rows and rejections out. Pure: no Django.

The Radiocommunication Bureau publishes, among the SNL pages, three lists this module reads in the text/CSV
export the SNL offers (``index-txt.asp``; real files and their provenance in ``tests/fixtures/itu-snl/``):

- the brought-into-use list ("list in use"): one row per notice of a network brought (or to be brought) into
  use, with its status N / I / C and, for a network not yet confirmed, the ITU's own expiry date of the
  regulatory period of RR No. 11.44;
- the suspension list (RR No. 11.49): one row per suspension, with its status S / J / R, its type P / T, the date
  the Bureau received it, the date of suspension, the date limit for resumption and the date use resumed;
- the name-change list: a network's new and old names.

Which list a file is is read from its header, never from its name. The exports are Latin-1 (UTF-8 is accepted
too), cells are padded with spaces and every row ends with a comma. A row this module cannot read becomes a
``Rejection`` (line and reason) and the rest is read; a file that is empty, binary or of no known list raises
``UnreadableList``. The shell (``filings/itu_import.py``) decides what the rows mean for the registry.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field

BROUGHT_INTO_USE = "brought_into_use"
SUSPENSION = "suspension"
NAME_CHANGE = "name_change"
LIST_LABELS = {
    BROUGHT_INTO_USE: "SNL list of networks brought into use",
    SUSPENSION: "SNL list of suspensions (RR No. 11.49)",
    NAME_CHANGE: "SNL list of network name changes",
}

# Status codes as the SNL defines them (the legend of each list's page; see tests/fixtures/itu-snl/SOURCES.md).
BIU_STATUS_LABELS = {
    "N": "Not yet confirmed (the date is the foreseen date)",
    "I": "Initial information on bringing into use",
    "C": "Confirmed brought into use (RR Nos. 11.44B-11.44E fulfilled)",
}
SUSPENSION_STATUS_LABELS = {
    "S": "Suspended",
    "J": "Initial confirmation of resumption of use",
    "R": "Confirmed resumption of use (RR No. 11.49.1 / Appendix 30B § 5.2.10 fulfilled)",
}
SUSPENSION_TYPE_LABELS = {"P": "Partial", "T": "Total"}

# The orbital-longitude column holds this for a network not in the geostationary orbit.
NON_GSO = "N-GSO"

# Each list's columns, as its header names them (normalised: lower case, single spaces, "&nbsp;" a space).
COLUMNS = {
    BROUGHT_INTO_USE: ("satellite name", "adm", "org", "long_nom", "date of bringing into use", "status",
                       "expiry date for bringing into use", "provision"),
    SUSPENSION: ("notice id", "satellite name", "adm", "org", "long_nom", "status", "type",
                 "date of receipt of the suspension", "date of suspension", "date limit for the resumption",
                 "date of resumption of operation", "provision"),
    NAME_CHANGE: ("new name", "old name"),
}
NAME_MAX = 80  # filings.Filing.itu_network_name holds 80 characters; SNL names are far shorter
ADM_PATTERN = re.compile(r"[A-Z]{1,3}")  # ITU symbols of administrations: one to three capital letters


class UnreadableList(ValueError):
    """The whole file is refused: empty, binary, or of no list this module knows."""


@dataclass(frozen=True)
class Rejection:
    line: int
    reason: str


@dataclass(frozen=True)
class BroughtIntoUseRow:
    line: int
    name: str
    adm: str
    org: str
    longitude: float | None  # None for a non-GSO network
    biu_date: dt.date  # foreseen when the status is N
    status: str
    expiry_date: dt.date | None
    provision: str

    @property
    def non_gso(self) -> bool:
        return self.longitude is None


@dataclass(frozen=True)
class SuspensionRow:
    line: int
    notice_id: int
    name: str
    adm: str
    org: str
    longitude: float | None
    status: str
    suspension_type: str
    received_on: dt.date | None
    suspended_on: dt.date
    resumption_due: dt.date | None
    resumed_on: dt.date | None
    provision: str

    @property
    def non_gso(self) -> bool:
        return self.longitude is None


@dataclass(frozen=True)
class NameChangeRow:
    line: int
    new_name: str
    old_name: str


@dataclass
class ParseResult:
    list_kind: str
    rows: list = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)


class _RowError(ValueError):
    pass


def _normalise(cell: str) -> str:
    return " ".join(cell.replace("&nbsp;", " ").replace("\xa0", " ").split()).lower()


def decode(data: bytes, name: str = "") -> str:
    label = name or "the file"
    if not data or not data.strip():
        raise UnreadableList(f"{label} is empty")
    sample = data[:4096]
    if b"\x00" in sample or sum(b < 9 or 13 < b < 32 for b in sample) > len(sample) // 100:
        raise UnreadableList(f"{label} is binary, not an SNL text export")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")  # the SNL's own encoding: every byte is a character


def detect(header: list[str]) -> str | None:
    """The list a header row belongs to, or None."""
    cells = [_normalise(c) for c in header]
    while cells and not cells[-1]:
        cells.pop()
    for kind, columns in COLUMNS.items():
        if tuple(cells) == columns:
            return kind
    return None


def list_date_from_name(name: str) -> dt.date | None:
    """The export date the SNL download names carry (``snl_broughtintouse_20230907.csv``), if any."""
    match = re.search(r"(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)", name)
    if not match:
        return None
    try:
        return dt.date(*map(int, match.groups()))
    except ValueError:
        return None


def _date(text: str, what: str, required: bool = False) -> dt.date | None:
    text = text.strip()
    if not text:
        if required:
            raise _RowError(f"{what} is missing")
        return None
    try:
        return dt.datetime.strptime(text, "%d.%m.%Y").date()
    except ValueError:
        raise _RowError(f"{what} {text!r} is not a date (dd.mm.yyyy)") from None


def _name(text: str, what: str = "satellite name") -> str:
    name = " ".join(text.split())
    if not name:
        raise _RowError(f"the {what} is empty")
    if len(name) > NAME_MAX:
        raise _RowError(f"the {what} is {len(name)} characters long (at most {NAME_MAX})")
    return name


def _adm(text: str) -> str:
    adm = text.strip()
    if not ADM_PATTERN.fullmatch(adm):
        raise _RowError(f"administration {adm!r} is not an ITU symbol (one to three capital letters)")
    return adm


def _longitude(text: str) -> float | None:
    text = text.strip()
    if text == NON_GSO:
        return None
    try:
        value = float(text)
    except ValueError:
        raise _RowError(f"orbital position {text!r} is neither a longitude nor {NON_GSO}") from None
    if not -180 <= value <= 180:
        raise _RowError(f"longitude {value:g} is outside -180..180")
    return value


def _code(text: str, labels: dict[str, str], what: str) -> str:
    code = text.strip()
    if code not in labels:
        raise _RowError(f"unknown {what} code {code!r} (the SNL defines {', '.join(labels)})")
    return code


def _biu_row(line: int, c: list[str]) -> BroughtIntoUseRow:
    status = _code(c[5], BIU_STATUS_LABELS, "status")
    biu_date = _date(c[4], "the date of bringing into use", required=True)
    expiry = _date(c[6], "the expiry date for bringing into use")
    return BroughtIntoUseRow(line=line, name=_name(c[0]), adm=_adm(c[1]), org=c[2].strip(),
                             longitude=_longitude(c[3]), biu_date=biu_date, status=status, expiry_date=expiry,
                             provision=c[7].strip())


def _suspension_row(line: int, c: list[str]) -> SuspensionRow:
    try:
        notice_id = int(c[0].strip())
    except ValueError:
        raise _RowError(f"notice id {c[0].strip()!r} is not a number") from None
    if notice_id <= 0:
        raise _RowError(f"notice id {notice_id} is not positive")
    status = _code(c[5], SUSPENSION_STATUS_LABELS, "status")
    kind = _code(c[6], SUSPENSION_TYPE_LABELS, "suspension type")
    suspended = _date(c[8], "the date of suspension", required=True)
    due = _date(c[9], "the date limit for the resumption")
    resumed = _date(c[10], "the date of resumption of operation")
    if due and due < suspended:
        raise _RowError(f"the date limit for the resumption {due} is before the suspension {suspended}")
    if resumed and resumed < suspended:
        raise _RowError(f"use resumed on {resumed}, before the suspension {suspended}")
    return SuspensionRow(line=line, notice_id=notice_id, name=_name(c[1]), adm=_adm(c[2]), org=c[3].strip(),
                         longitude=_longitude(c[4]), status=status, suspension_type=kind,
                         received_on=_date(c[7], "the date of receipt of the suspension"), suspended_on=suspended,
                         resumption_due=due, resumed_on=resumed, provision=c[11].strip())


def _name_change_row(line: int, c: list[str]) -> NameChangeRow:
    new, old = _name(c[0], "new name"), _name(c[1], "old name")
    if new == old:
        raise _RowError(f"the new name {new!r} is the old name")
    return NameChangeRow(line=line, new_name=new, old_name=old)


_ROW_READERS = {BROUGHT_INTO_USE: _biu_row, SUSPENSION: _suspension_row, NAME_CHANGE: _name_change_row}


def parse(data: bytes, name: str = "") -> ParseResult:
    """Read one SNL export. Raises UnreadableList for a file refused as a whole."""
    text = decode(data, name)
    reader = csv.reader(io.StringIO(text, newline=""))
    label = name or "the file"
    try:
        header = next(reader)
        while not any(cell.strip() for cell in header):
            header = next(reader)
    except StopIteration:
        raise UnreadableList(f"{label} is empty") from None
    except csv.Error as exc:
        raise UnreadableList(f"{label}: the header cannot be read ({exc})") from None
    kind = detect(header)
    if kind is None:
        shown = ", ".join(cell.strip() for cell in header[:6] if cell.strip())[:160]
        raise UnreadableList(f"{label} is not an SNL list this importer knows (header: {shown!r}); expected "
                             f"the brought-into-use, suspension or name-change list")
    width, read_row = len(COLUMNS[kind]), _ROW_READERS[kind]
    result = ParseResult(list_kind=kind)
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:  # e.g. a NUL byte or an unclosed quote further down
            result.rejections.append(Rejection(reader.line_num, f"unreadable row ({exc})"))
            continue
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        extra = cells[width:]
        if len(cells) < width:
            result.rejections.append(Rejection(line, f"{len(cells)} cells, the list has {width} columns"))
            continue
        if any(cell.strip() for cell in extra):
            result.rejections.append(Rejection(line, f"{len(cells)} cells, the list has {width} columns"))
            continue
        try:
            result.rows.append(read_row(line, cells[:width]))
        except _RowError as exc:
            result.rejections.append(Rejection(line, str(exc)))
    return result


# ITU symbols of administrations (Preface to the BR IFIC, Table B1; read from the ITU letter-code list, source
# ``itu-letter-codes`` in filings/data/sources.yaml) -> (ISO 3166-1 alpha-3 code, name). Used to create an
# administration the registry does not have yet; Rwanda's symbol RRW is the one the SNL itself uses.
ADMINISTRATIONS = {
    "AFS": ("ZAF", "South Africa"), "ALG": ("DZA", "Algeria"), "ARG": ("ARG", "Argentina"),
    "ARM": ("ARM", "Armenia"), "ARS": ("SAU", "Saudi Arabia"), "AUS": ("AUS", "Australia"),
    "AUT": ("AUT", "Austria"), "AZE": ("AZE", "Azerbaijan"), "B": ("BRA", "Brazil"), "BEL": ("BEL", "Belgium"),
    "BGD": ("BGD", "Bangladesh"), "BLR": ("BLR", "Belarus"), "BOL": ("BOL", "Bolivia"), "BUL": ("BGR", "Bulgaria"),
    "CAN": ("CAN", "Canada"), "CHL": ("CHL", "Chile"), "CHN": ("CHN", "China"), "CLM": ("COL", "Colombia"),
    "CTI": ("CIV", "Côte d'Ivoire"), "CUB": ("CUB", "Cuba"), "CYP": ("CYP", "Cyprus"),
    "CZE": ("CZE", "Czech Republic"), "D": ("DEU", "Germany"), "DNK": ("DNK", "Denmark"), "E": ("ESP", "Spain"),
    "EGY": ("EGY", "Egypt"), "EQA": ("ECU", "Ecuador"), "EST": ("EST", "Estonia"), "ETH": ("ETH", "Ethiopia"),
    "F": ("FRA", "France"), "FIN": ("FIN", "Finland"), "G": ("GBR", "United Kingdom"), "GEO": ("GEO", "Georgia"),
    "GRC": ("GRC", "Greece"), "GTM": ("GTM", "Guatemala"), "HNG": ("HUN", "Hungary"), "HOL": ("NLD", "Netherlands"),
    "HRV": ("HRV", "Croatia"), "I": ("ITA", "Italy"), "IND": ("IND", "India"), "INS": ("IDN", "Indonesia"),
    "IRL": ("IRL", "Ireland"), "IRN": ("IRN", "Iran"), "ISL": ("ISL", "Iceland"), "ISR": ("ISR", "Israel"),
    "J": ("JPN", "Japan"), "KAZ": ("KAZ", "Kazakhstan"), "KEN": ("KEN", "Kenya"), "KOR": ("KOR", "Korea (Republic of)"),
    "KWT": ("KWT", "Kuwait"), "LAO": ("LAO", "Lao P.D.R."), "LIE": ("LIE", "Liechtenstein"),
    "LTU": ("LTU", "Lithuania"), "LUX": ("LUX", "Luxembourg"), "LVA": ("LVA", "Latvia"),
    "MAU": ("MUS", "Mauritius"), "MCO": ("MCO", "Monaco"), "MEX": ("MEX", "Mexico"), "MLA": ("MYS", "Malaysia"),
    "MNG": ("MNG", "Mongolia"), "MRC": ("MAR", "Morocco"), "NGR": ("NER", "Niger"), "NIG": ("NGA", "Nigeria"),
    "NOR": ("NOR", "Norway"), "NPL": ("NPL", "Nepal"), "NZL": ("NZL", "New Zealand"), "OMA": ("OMN", "Oman"),
    "PAK": ("PAK", "Pakistan"), "PHL": ("PHL", "Philippines"), "PNG": ("PNG", "Papua New Guinea"),
    "POL": ("POL", "Poland"), "POR": ("PRT", "Portugal"), "PRG": ("PRY", "Paraguay"), "PRU": ("PER", "Peru"),
    "QAT": ("QAT", "Qatar"), "ROU": ("ROU", "Romania"), "RRW": ("RWA", "Rwanda"), "RUS": ("RUS", "Russian Federation"),
    "S": ("SWE", "Sweden"), "SLM": ("SLB", "Solomon Islands"), "SNG": ("SGP", "Singapore"),
    "SRB": ("SRB", "Serbia"), "SRL": ("LKA", "Sri Lanka"), "SUI": ("CHE", "Switzerland"), "SVK": ("SVK", "Slovakia"),
    "SVN": ("SVN", "Slovenia"), "THA": ("THA", "Thailand"), "TKM": ("TKM", "Turkmenistan"), "TON": ("TON", "Tonga"),
    "TUN": ("TUN", "Tunisia"), "TUR": ("TUR", "Türkiye"), "UAE": ("ARE", "United Arab Emirates"),
    "UKR": ("UKR", "Ukraine"), "URG": ("URY", "Uruguay"), "USA": ("USA", "United States"), "UZB": ("UZB", "Uzbekistan"),
    "VEN": ("VEN", "Venezuela"), "VTN": ("VNM", "Viet Nam"),
}

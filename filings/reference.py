"""Load the curated reference dataset (``filings/data/*.yaml``) into the registry.

The load is all or nothing: every record is validated by its model's
``clean()``; any error names the file, the line and the field, and nothing of
the load is kept. Loading the same files twice changes nothing; an edited
record updates the stored one in place.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from decimal import Decimal, InvalidOperation
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction

from constellations.models import Constellation, DeploymentReport, FilingAssignment
from filings.models import (
    Administration,
    Filing,
    FilingNotice,
    FilingShell,
    FrequencyBand,
    MilestoneCondition,
    Operator,
    Source,
    Waiver,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
FILES = ("sources", "administrations", "operators", "constellations", "filings")


class ReferenceDataError(Exception):
    """The reference files hold errors; ``problems`` lists each with its place."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class LoadReport:
    counts: Counter = field(default_factory=Counter)

    def add(self, model_name: str, outcome: str) -> None:
        self.counts[(model_name, outcome)] += 1

    def total(self, outcome: str) -> int:
        return sum(n for (_, kind), n in self.counts.items() if kind == outcome)

    def lines(self) -> list[str]:
        models = sorted({name for name, _ in self.counts})
        return [
            f"{name}: {self.counts[(name, 'created')]} created, {self.counts[(name, 'updated')]} updated, "
            f"{self.counts[(name, 'unchanged')]} unchanged, {self.counts[(name, 'deleted')]} deleted"
            for name in models
        ]


class _LineLoader(yaml.SafeLoader):
    """A YAML loader that remembers the line each mapping starts on."""


def _construct_mapping(loader, node):
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# Dates stay text until _date() reads them, so a bad date is reported with its line instead of crashing the parser.
_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class _Place:
    file: str
    line: int
    path: str = ""

    def __str__(self):
        where = f"{self.file}, line {self.line}"
        return f"{where} ({self.path})" if self.path else where


class _Loader:
    def __init__(self, data_dir: Path):
        self.data_dir = data_dir
        self.problems: list[str] = []
        self.report = LoadReport()
        self.last_outcome = ""
        self.keys: dict[str, dict] = {name: {} for name in FILES}

    # -- reading -----------------------------------------------------------

    def read(self, name: str) -> list[dict]:
        path = self.data_dir / f"{name}.yaml"
        if not path.exists():
            self.problems.append(f"{path.name}: file is missing")
            return []
        try:
            records = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader) or []
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = f", line {mark.line + 1}" if mark else ""
            self.problems.append(f"{path.name}{line}: not valid YAML: {getattr(error, 'problem', error)}")
            return []
        if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
            self.problems.append(f"{path.name}: expected a list of records")
            return []
        return records

    # -- checks shared by every record ---------------------------------------

    def fail(self, place: _Place, field_name: str, message: str) -> None:
        self.problems.append(f"{place}: {field_name}: {message}")

    def items(self, place, record, field_name: str) -> list[dict]:
        """A nested list of records (shells, waivers, ...); anything else is reported, not iterated."""
        items = record.get(field_name) or []
        if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
            self.fail(place, field_name, "expected a list of records")
            return []
        return items

    def lookup(self, place, kind: str, field_name: str, key):
        if key is None:
            return None
        if not _is_key(key):
            self.fail(place, field_name, f"expected a key, got {key!r}")
            return None
        found = self.keys[kind].get(key)
        if found is None:
            label = kind[:-1] if kind.endswith("s") else kind
            self.fail(place, field_name, f"unknown {label} {key!r}")
        return found

    def sources_of(self, place, record) -> list[Source]:
        keys = record.get("sources") or []
        if not isinstance(keys, list):
            self.fail(place, "sources", "expected a list of source keys")
            return []
        return [s for s in (self.lookup(place, "sources", "sources", k) for k in keys) if s is not None]

    def save(self, place, model, lookup: dict, values: dict, sources=None):
        """Create or update one record; say whether anything changed."""
        instance = model.objects.filter(**lookup).first()
        outcome = "created" if instance is None else "unchanged"
        if instance is None:
            instance = model(**lookup)
        for name, value in values.items():
            if _differs(_current(instance, name), value):
                setattr(instance, name, value)
                if outcome == "unchanged":
                    outcome = "updated"
        if outcome != "unchanged":
            try:
                # Field types first (clean() assumes each field holds its type), then every model's full check,
                # not only for the models whose save() cleans (Source's does not).
                instance.clean_fields()
                instance.full_clean()
                instance.save()
            except ValidationError as error:
                for field_name, messages in error.message_dict.items():
                    for message in messages:
                        self.fail(place, field_name, message)
                return None
        if sources is not None and instance.pk:
            wanted = {s.pk for s in sources}
            if set(instance.sources.values_list("pk", flat=True)) != wanted:
                instance.sources.set(wanted)
                outcome = "updated" if outcome == "unchanged" else outcome
        self.report.add(model.__name__, outcome)
        self.last_outcome = outcome
        return instance

    # -- one loader per file -------------------------------------------------

    def load_sources(self):
        for record in self.read("sources"):
            place = _Place("sources.yaml", record["__line__"], record.get("key", ""))
            values = _pick(record, place, self, required=("url", "title"), optional=("publisher", "accessed_on"))
            if values is None:
                continue
            values["accessed_on"] = _date(values.get("accessed_on"), place, "accessed_on", self)
            self.remember(place, "sources", record, self.save(place, Source, {"key": record.get("key")}, values))

    def load_administrations(self):
        for record in self.read("administrations"):
            key = record.get("iso_code")
            place = _Place("administrations.yaml", record["__line__"], str(key or ""))
            if not _is_key(key):
                self.fail(place, "iso_code", f"expected an ISO 3166 code, got {key!r}")
                continue
            values = _pick(record, place, self, required=("name",), optional=("itu_symbol", "confidence", "notes"))
            if values is None:
                continue
            saved = self.save(place, Administration, {"iso_code": key}, values, self.sources_of(place, record))
            if saved is not None:
                self.keys["administrations"][key] = saved

    def load_operators(self):
        for record in self.read("operators"):
            place = _Place("operators.yaml", record["__line__"], record.get("key", ""))
            values = _pick(record, place, self, required=("name",), optional=("short_name", "confidence", "notes"))
            if values is None:
                continue
            values["short_name"] = values.get("short_name") or values["name"]
            values["administration"] = self.lookup(
                place, "administrations", "administration", record.get("administration")
            )
            saved = self.save(place, Operator, {"key": record.get("key")}, values, self.sources_of(place, record))
            self.remember(place, "operators", record, saved)

    def load_constellations(self):
        for record in self.read("constellations"):
            place = _Place("constellations.yaml", record["__line__"], record.get("key", ""))
            values = _pick(record, place, self, required=("name",), optional=("confidence", "notes"))
            if values is None:
                continue
            values["operator"] = self.lookup(place, "operators", "operator", record.get("operator"))
            values["administration"] = self.lookup(
                place, "administrations", "administration", record.get("administration")
            )
            saved = self.save(
                place, Constellation, {"key": record.get("key")}, values, self.sources_of(place, record)
            )
            if self.remember(place, "constellations", record, saved):
                self.load_reports(place, record, {"constellation": saved})

    def load_filings(self):
        records = self.read("filings")
        created = set()
        for record in records:
            place = _Place("filings.yaml", record["__line__"], record.get("key", ""))
            values = _pick(record, place, self, required=FILING_REQUIRED, optional=FILING_OPTIONAL)
            if values is None:
                continue
            for name in ("date_of_receipt", "grant_date", *FILING_DATES):
                values[name] = _date(values.get(name), place, name, self)
            administration = self.lookup(place, "administrations", "administration", record.get("administration"))
            if administration is None:
                continue  # the model cannot be checked without it; the problem is already recorded
            values["administration"] = administration
            values["operator"] = self.lookup(place, "operators", "operator", record.get("operator"))
            values["constellation"] = self.lookup(
                place, "constellations", "constellation", record.get("constellation")
            )
            saved = self.save(place, Filing, {"key": record.get("key")}, values, self.sources_of(place, record))
            self.remember(place, "filings", record, saved)
            if saved is not None and self.last_outcome == "created":
                created.add(saved.pk)
        # Parents may come later in the file than their modifications.
        for record in records:
            filing = self.keys["filings"].get(record.get("key")) if _is_key(record.get("key")) else None
            if filing is None:
                continue
            place = _Place("filings.yaml", record["__line__"], record.get("key", ""))
            parent = self.lookup(place, "filings", "parent", record.get("parent"))
            if filing.parent_id != (parent.pk if parent else None):
                filing.parent = parent
                filing.save()
                if filing.pk not in created:
                    self.report.add("Filing", "updated")
            self.load_shells(place, record, filing)
            self.load_bands(place, record, filing)
            self.load_conditions(place, record, filing)
            self.load_waivers(place, record, filing)
            self.load_reports(place, record, {"filing": filing})
            self.load_notices(place, record, filing)
            self.load_assignments(place, record, filing)

    # -- nested records --------------------------------------------------------

    def load_shells(self, place, record, filing):
        shells = self.items(place, record, "shells")
        for ordinal, shell in enumerate(shells, start=1):
            here = _Place(place.file, shell["__line__"], f"{place.path} shells[{ordinal}]")
            values = _pick(shell, here, self, required=("altitude_km",), optional=SHELL_OPTIONAL)
            if values is None:
                continue
            values["ltan"] = _time(values.get("ltan"), here, self)
            values.setdefault("sun_synchronous", False)
            self.save(here, FilingShell, {"filing": filing, "ordinal": ordinal}, values, self.sources_of(here, shell))
        self.delete_beyond(FilingShell.objects.filter(filing=filing, ordinal__gt=len(shells)), "FilingShell")

    def load_bands(self, place, record, filing):
        """Frequency bands as numbers (GHz), matched by position like shells."""
        bands = self.items(place, record, "bands")
        for ordinal, band in enumerate(bands, start=1):
            here = _Place(place.file, band["__line__"], f"{place.path} bands[{ordinal}]")
            values = _pick(band, here, self, required=("low_ghz",), optional=BAND_OPTIONAL)
            if values is None:
                continue
            for name in ("low_ghz", "high_ghz"):
                values[name] = _decimal(values.get(name), here, name, self)
            if values["high_ghz"] is None:
                values["high_ghz"] = values["low_ghz"]  # a single frequency
            if values["low_ghz"] is None:
                continue
            self.save(here, FrequencyBand, {"filing": filing, "ordinal": ordinal}, values,
                      self.sources_of(here, band))
        self.delete_beyond(FrequencyBand.objects.filter(filing=filing, ordinal__gt=len(bands)), "FrequencyBand")

    def load_conditions(self, place, record, filing):
        seen = []
        for item in self.items(place, record, "milestone_conditions"):
            here = _Place(place.file, item["__line__"], f"{place.path} milestone_conditions")
            values = _pick(item, here, self, required=("milestone", "due_date"), optional=("confidence", "notes"))
            if values is None:
                continue
            milestone = values.pop("milestone")
            values["due_date"] = _date(values["due_date"], here, "due_date", self)
            self.save(here, MilestoneCondition, {"filing": filing, "milestone": milestone}, values,
                      self.sources_of(here, item))
            seen.append(milestone)
        stale = MilestoneCondition.objects.filter(filing=filing).exclude(milestone__in=seen)
        self.delete_beyond(stale, "MilestoneCondition")

    def load_waivers(self, place, record, filing):
        seen = []
        for item in self.items(place, record, "waivers"):
            here = _Place(place.file, item["__line__"], f"{place.path} waivers")
            values = _pick(item, here, self, required=("milestone", "kind", "granted_on"),
                           optional=("extended_to", "confidence", "notes"))
            if values is None:
                continue
            lookup = {"filing": filing, "milestone": values.pop("milestone"),
                      "granted_on": _date(values.pop("granted_on"), here, "granted_on", self)}
            values["extended_to"] = _date(values.get("extended_to"), here, "extended_to", self)
            saved = self.save(here, Waiver, lookup, values, self.sources_of(here, item))
            if saved is not None:
                seen.append(saved.pk)
        self.delete_beyond(Waiver.objects.filter(filing=filing).exclude(pk__in=seen), "Waiver")

    def load_reports(self, place, record, subject: dict):
        seen = []
        for item in self.items(place, record, "deployment_reports"):
            here = _Place(place.file, item["__line__"], f"{place.path} deployment_reports")
            values = _pick(item, here, self, required=("as_of",),
                           optional=("in_orbit", "launched", "basis", "confidence", "notes"))
            if values is None:
                continue
            lookup = {**subject, "as_of": _date(values.pop("as_of"), here, "as_of", self)}
            saved = self.save(here, DeploymentReport, lookup, values, self.sources_of(here, item))
            if saved is not None:
                seen.append(saved.pk)
        stale = DeploymentReport.objects.filter(**subject).exclude(pk__in=seen)
        self.delete_beyond(stale, "DeploymentReport")

    def load_notices(self, place, record, filing):
        """Notices and reports on record; each is known by its kind, date submitted and provision."""
        seen = []
        for item in self.items(place, record, "notices"):
            here = _Place(place.file, item["__line__"], f"{place.path} notices")
            values = _pick(item, here, self, required=("kind", "submitted_on"), optional=NOTICE_OPTIONAL)
            if values is None:
                continue
            for name in ("kind", "provision"):
                if not isinstance(values.get(name, ""), str):
                    self.fail(here, name, f"expected text, got {values[name]!r}")
            if not all(isinstance(values.get(name, ""), str) for name in ("kind", "provision")):
                continue
            lookup = {"filing": filing, "kind": values.pop("kind"),
                      "submitted_on": _date(values.pop("submitted_on"), here, "submitted_on", self),
                      "provision": values.pop("provision", "")}
            values["as_of"] = _date(values.get("as_of"), here, "as_of", self)
            values["satellites_per_plane"] = values.get("satellites_per_plane") or []
            if lookup["submitted_on"] is None:
                continue
            saved = self.save(here, FilingNotice, lookup, values, self.sources_of(here, item))
            if saved is None:
                continue
            if saved.pk in seen:
                self.fail(here, "submitted_on", f"a {lookup['kind']} submitted {lookup['submitted_on']} under "
                          f"{lookup['provision'] or 'no provision'!r} appears twice")
                continue
            seen.append(saved.pk)
        self.delete_beyond(FilingNotice.objects.filter(filing=filing).exclude(pk__in=seen), "FilingNotice")

    def load_assignments(self, place, record, filing):
        """Explicit assignments (rule (a) of constellations.attribution): the launches (YYYY-NNN) or NORAD ids
        a public source puts under this filing, each with that ``source``; known by kind and pattern. Only a
        record that lists ``assignments`` owns the filing's assignments (stale ones deleted); otherwise those
        made in the admin are left alone."""
        if "assignments" not in record:
            return
        seen = []
        for item in self.items(place, record, "assignments"):
            here = _Place(place.file, item["__line__"], f"{place.path} assignments")
            values = _pick(item, here, self, required=("kind", "pattern", "source"), optional=("notes",))
            if values is None:
                continue
            source = self.lookup(here, "sources", "source", values.pop("source"))
            if source is None:
                continue
            lookup = {"filing": filing, "kind": values.pop("kind"), "pattern": str(values.pop("pattern")).strip().upper()}
            saved = self.save(here, FilingAssignment, lookup, {**values, "source": source})
            if saved is not None:
                seen.append(saved.pk)
        self.delete_beyond(FilingAssignment.objects.filter(filing=filing).exclude(pk__in=seen), "FilingAssignment")

    def delete_beyond(self, queryset, model_name: str):
        for instance in queryset:
            instance.delete()
            self.report.add(model_name, "deleted")

    def remember(self, place, kind, record, saved) -> bool:
        key = record.get("key")
        if not key:
            self.fail(place, "key", "every record needs a key")
            return False
        if not _is_key(key):
            self.fail(place, "key", f"expected a key, got {key!r}")
            return False
        if key in self.keys[kind]:
            self.fail(place, "key", f"{key!r} appears twice")
            return False
        if saved is not None:
            self.keys[kind][key] = saved
        return saved is not None


FILING_REQUIRED = ("name", "regulator", "kind", "status")
FILING_DATES = ("brought_into_use_on", "suspended_on", "resumed_on", "surrendered_on", "bond_posted_on")
FILING_OPTIONAL = (
    "reference", "itu_network_name", "date_of_receipt", "grant_date", "satellites_filed",
    "satellites_authorised", "planes_total", "frequency_bands", "services", "res35_applies",
    "small_satellite", "receipt_provision", "confidence", "notes", *FILING_DATES,
)
BAND_OPTIONAL = ("high_ghz", "service", "direction", "label", "confidence", "notes")
NOTICE_OPTIONAL = (
    "provision", "as_of", "satellites_declared", "satellites_per_plane", "total_after", "confidence", "notes",
)
SHELL_OPTIONAL = (
    "altitude_max_km", "inclination_deg", "inclination_max_deg", "sun_synchronous", "ltan", "planes",
    "satellites_per_plane", "satellite_count", "confidence", "notes",
)
# Keys a record may carry besides its own fields: references and nested lists.
STRUCTURAL = {
    "__line__", "key", "iso_code", "sources", "administration", "operator", "constellation", "parent",
    "shells", "bands", "milestone_conditions", "waivers", "deployment_reports", "notices", "assignments",
}
# Text fields store "" for "none", never NULL.
TEXT_FIELDS = {
    "reference", "itu_network_name", "frequency_bands", "services", "notes", "publisher", "itu_symbol", "basis",
    "receipt_provision", "service", "direction", "label", "provision",
}


def _pick(record: dict, place, loader: _Loader, *, required, optional) -> dict | None:
    unknown = set(record) - set(required) - set(optional) - STRUCTURAL
    for name in sorted(unknown, key=str):
        loader.fail(place, str(name), "unknown field")
    missing = [name for name in required if record.get(name) in (None, "")]
    for name in missing:
        loader.fail(place, name, "is required")
    bad_numbers = sorted(name for name in set(required) | set(optional)
                         if isinstance(record.get(name), float) and not math.isfinite(record[name]))
    for name in bad_numbers:
        loader.fail(place, name, f"{record[name]!r} is not a finite number")
    if unknown or missing or bad_numbers:
        return None
    values = {name: record[name] for name in required}
    for name in optional:
        if name in record:
            value = record[name]
            if name in TEXT_FIELDS:
                values[name] = "" if value is None else value
            else:  # an empty value of a number, date or flag means "unknown" (Django skips checking it)
                values[name] = None if value in ("", [], {}) else value
    return values


def _is_key(value) -> bool:
    return isinstance(value, (str, int)) and not isinstance(value, bool)


def _date(value, place, name, loader) -> dt.date | None:
    if value is None or isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        loader.fail(place, name, f"{value!r} is not a date (YYYY-MM-DD)")
        return None


def _decimal(value, place, name, loader) -> Decimal | None:
    """A frequency in GHz, read exactly (10.7 is 10.7, not a binary fraction near it)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        loader.fail(place, name, f"{value!r} is not a number")
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        loader.fail(place, name, f"{value!r} is not a number")
        return None
    if not number.is_finite():
        loader.fail(place, name, f"{value!r} is not a finite number")
        return None
    return number


def _time(value, place, loader) -> dt.time | None:
    if value is None:
        return None
    if isinstance(value, int):  # YAML 1.1 reads 06:00 as a base-60 number of minutes
        return dt.time(value // 60 % 24, value % 60)
    try:
        return dt.time.fromisoformat(str(value))
    except ValueError:
        loader.fail(place, "ltan", f"{value!r} is not a time of day (HH:MM)")
        return None


def _current(instance, name):
    field = instance._meta.get_field(name)
    # Compare relations by id: an unsaved instance has no related object to fetch.
    return getattr(instance, field.attname) if field.is_relation else getattr(instance, name)


def _differs(current, new) -> bool:
    if hasattr(new, "pk"):
        return current != new.pk
    if isinstance(current, float) or isinstance(new, float):
        try:
            return current is None or new is None or float(current) != float(new)
        except (TypeError, ValueError):  # a float where text belongs, or the reverse: full_clean reports it
            return True
    return current != new


def load_reference(data_dir: Path = DATA_DIR) -> LoadReport:
    """Load every reference file, or nothing at all; raise ReferenceDataError listing every problem."""
    loader = _Loader(Path(data_dir))
    with transaction.atomic():
        for name in FILES:
            getattr(loader, f"load_{name}")()
        if loader.problems:
            transaction.set_rollback(True)
    if loader.problems:
        raise ReferenceDataError(loader.problems)
    return loader.report

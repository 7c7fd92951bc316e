"""ITU Space Network List exports into the registry: the shell around filings.itu_snl (which reads the files).

What a list means for the registry:
- brought-into-use list: each non-GSO row is an ``ItuListEntry`` of the filing whose ITU network name and
  administration it names (a filing is created, with the list as its source, where none exists); the list is a
  snapshot, so the network's entries from an older list that the newer one no longer shows are removed. A
  confirmed (C) date fills ``Filing.brought_into_use_on`` where the registry has none. Where the filing has a date
  of receipt, Slotwatch's No. 11.44 deadline (compliance.rules.itu.end_of_period under the edition in force) is
  kept beside the ITU's expiry date and a difference is reported.
- suspension list (RR No. 11.49): each non-GSO row is an entry keyed by the Bureau's notice id; the latest
  episode fills ``Filing.suspended_on`` / ``resumed_on`` when it is newer than what the registry holds.
- name-change list: a filing still known by an old name takes the new one (the list names no administration,
  so an old name held by networks of two administrations is reported, not guessed), unless the SNL's other
  lists still list the network under the old name (its entries say so): then the old name is the one to match.
GSO rows are counted and skipped. Each file is one transaction, recorded in the change log (via "import");
a file refused as a whole (empty, binary, unknown list) leaves nothing behind.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import signals
from django.utils.text import slugify

from changelog.context import change_context
from compliance.evaluation import facts_for
from compliance.rules import codes
from compliance.rules.editions import edition_for
from compliance.rules.itu import end_of_period
from filings import itu_snl
from filings.itu_snl import UnreadableList
from filings.models import Administration, Confidence, Filing, ItuListEntry, ItuListName, Regulator, Source

__all__ = ("ImportReport", "UnreadableList", "import_snl_file", "LIST_ORDER")

# Name changes first, so that the other lists of the same run find renamed networks under their new names.
LIST_ORDER = {itu_snl.NAME_CHANGE: 0, itu_snl.BROUGHT_INTO_USE: 1, itu_snl.SUSPENSION: 2}
# Each list's own page on the SNL (the URLs its text export is served under, without "-txt").
LIST_URLS = {
    itu_snl.BROUGHT_INTO_USE: "https://www.itu.int/net/ITU-R/space/snl/listinuse/index.asp",
    itu_snl.SUSPENSION: "https://www.itu.int/net/ITU-R/space/snl/list1149/index.asp",
    itu_snl.NAME_CHANGE: "https://www.itu.int/net/ITU-R/space/snl/name_change/index.asp",
}
# The kind a network first met on an SNL list is recorded as: the lists do not say whether the network went
# through coordination (No. 9.30) or advance publication only; the note on the filing says it was assumed.
ASSUMED_KIND = "itu_cr"
ENTRY_FIELDS = ("status", "provision", "biu_date", "expiry_date", "computed_deadline", "suspension_type",
                "suspension_received_on", "suspended_on", "resumption_due", "resumed_on", "listed_name", "adm")


@dataclass
class ImportReport:
    path: str
    list_kind: str = ""
    list_date: dt.date | None = None
    rows: int = 0
    gso_skipped: int = 0
    filings_created: int = 0
    filings_renamed: int = 0
    filings_updated: int = 0
    entries_created: int = 0
    entries_updated: int = 0
    entries_removed: int = 0
    rejections: list = field(default_factory=list)  # (line, reason)
    mismatches: list = field(default_factory=list)  # (network, adm, ITU expiry, Slotwatch deadline)

    @property
    def writes(self) -> int:
        return (self.filings_created + self.filings_renamed + self.filings_updated + self.entries_created
                + self.entries_updated + self.entries_removed)


SYMBOL_OF_ISO = {iso: symbol for symbol, (iso, _) in itu_snl.ADMINISTRATIONS.items()}


def symbol_of(administration: Administration) -> str:
    """The ITU symbol the lists name an administration by (its own, else the table's, else its ISO code)."""
    return administration.itu_symbol or SYMBOL_OF_ISO.get(administration.iso_code, administration.iso_code)


def _norm(name: str) -> str:
    return " ".join(name.split()).upper()


class _Registry:
    """The ITU filings and administrations by the keys the lists use, loaded once per file."""

    def __init__(self):
        self.administrations = {a.itu_symbol: a for a in Administration.objects.exclude(itu_symbol="")}
        self.by_iso = {a.iso_code: a for a in Administration.objects.all()}
        self.filings: dict[tuple[str, str], Filing] = {}
        self.by_name: dict[str, list[Filing]] = {}
        for filing in Filing.objects.filter(regulator=Regulator.ITU).exclude(itu_network_name="").select_related(
                "administration"):
            self._index(filing)
        self.keys = set(Filing.objects.values_list("key", flat=True))
        self.created: list[int] = []

    def _index(self, filing: Filing):
        adm = symbol_of(filing.administration)
        self.filings.setdefault((_norm(filing.itu_network_name), adm), filing)
        self.by_name.setdefault(_norm(filing.itu_network_name), []).append(filing)

    def administration(self, symbol: str) -> Administration | None:
        if symbol in self.administrations:
            return self.administrations[symbol]
        iso, name = itu_snl.ADMINISTRATIONS.get(symbol, (None, None))
        if iso is None:
            return None
        administration = self.by_iso.get(iso)
        if administration is None:
            administration = Administration.objects.create(
                iso_code=iso, itu_symbol=symbol, name=name, confidence=Confidence.REPORTED,
                notes="Created by import_itu from an SNL list; symbol per the ITU letter-code table.")
            self.by_iso[iso] = administration
        self.administrations[symbol] = administration
        return administration

    def find(self, name: str, adm: str) -> Filing | None:
        return self.filings.get((_norm(name), adm))

    def create(self, name: str, administration: Administration, adm: str, source: Source, kind: str,
               **facts) -> Filing:
        base = slugify(f"itu-{adm}-{name}")[:80] or "itu-network"
        key, n = base, 2
        while key in self.keys:
            suffix = f"-{n}"
            key, n = base[:80 - len(suffix)] + suffix, n + 1
        filing = Filing.objects.create(
            key=key, name=name, itu_network_name=name, regulator=Regulator.ITU, kind=ASSUMED_KIND,
            administration=administration, confidence=Confidence.REPORTED,
            notes=(f"Created from the {itu_snl.LIST_LABELS[kind]} of {source.accessed_on}. The list does not say "
                   f"whether the network was coordinated (No. 9.30) or only published (No. 9.1/9.2): the kind "
                   f"'coordination request' is assumed, and the date of receipt is not known."), **facts)
        self.created.append(filing.pk)
        self.keys.add(key)
        self._index(filing)
        return filing

    def cite_source_on_created(self, source: Source):
        """The list as the source of every filing it created, in one insert (not one query per filing)."""
        through = Filing.sources.through
        through.objects.bulk_create([through(filing_id=pk, source_id=source.pk) for pk in self.created],
                                    ignore_conflicts=True)


def _source(kind: str, list_date: dt.date) -> Source:
    key = f"itu-snl-{kind.replace('_', '-')}-{list_date:%Y%m%d}"
    source, _ = Source.objects.get_or_create(key=key, defaults={
        "url": LIST_URLS[kind], "title": f"ITU {itu_snl.LIST_LABELS[kind]}, export of {list_date:%d %B %Y}",
        "publisher": "ITU Radiocommunication Bureau", "accessed_on": list_date})
    return source


def _filing_for(row, registry: _Registry, report: ImportReport, source: Source, **facts) -> Filing | None:
    filing = registry.find(row.name, row.adm)
    if filing is not None:
        return filing
    administration = registry.administration(row.adm)
    if administration is None:
        report.rejections.append((row.line, f"{row.name}: administration {row.adm!r} is not in the ITU symbol "
                                            f"table (filings/itu_snl.py ADMINISTRATIONS)"))
        return None
    report.filings_created += 1
    return registry.create(row.name, administration, row.adm, source, report.list_kind, **facts)


def _save(filing: Filing, changes: dict, report: ImportReport):
    changes = {name: value for name, value in changes.items() if getattr(filing, name) != value}
    if changes:
        for name, value in changes.items():
            setattr(filing, name, value)
        filing.save()
        report.filings_updated += 1


def _deadline(filing: Filing, as_of: dt.date) -> dt.date | None:
    """RR No. 11.44: the end of the regulatory period from the filing's date of receipt, as the rules count it."""
    if filing.date_of_receipt is None:
        return None
    return end_of_period(filing.date_of_receipt, edition_for(codes.ITU, facts_for(filing), as_of))


def _import_biu(rows, registry, report, source, as_of):
    networks: dict[tuple[str, str], list] = {}
    for row in rows:
        networks.setdefault((_norm(row.name), row.adm), []).append(row)
    per_filing: dict[int, tuple[Filing, dict]] = {}
    new: list[ItuListEntry] = []
    for network_rows in networks.values():
        confirmed = [row.biu_date for row in network_rows if row.status == "C"]
        filing = _filing_for(network_rows[0], registry, report, source,
                             brought_into_use_on=min(confirmed, default=None))
        if filing is None:
            report.rejections.extend((row.line, report.rejections[-1][1]) for row in network_rows[1:])
            continue
        entries = per_filing.setdefault(filing.pk, (filing, {}))[1]
        for row in network_rows:
            key = (_norm(row.name), row.biu_date, row.status, row.expiry_date, row.provision)
            entries.setdefault(key, row)  # identical rows of one list say one thing
    for filing, wanted in per_filing.values():
        deadline = _deadline(filing, as_of)
        existing = {(_norm(e.listed_name), e.biu_date, e.status, e.expiry_date, e.provision): e
                    for e in filing.itu_list_entries.filter(list_name=ItuListName.BROUGHT_INTO_USE)}
        for key, row in wanted.items():
            entry = existing.pop(key, None)
            if entry is None:
                new.append(ItuListEntry(
                    filing=filing, list_name=ItuListName.BROUGHT_INTO_USE, listed_name=row.name, adm=row.adm,
                    list_date=source.accessed_on, source=source, status=row.status, provision=row.provision,
                    biu_date=row.biu_date, expiry_date=row.expiry_date, computed_deadline=deadline,
                    confidence=Confidence.CONFIRMED))
            elif entry.computed_deadline != deadline:
                entry.computed_deadline = deadline
                entry.save()
                report.entries_updated += 1
            if row.expiry_date and deadline and row.expiry_date != deadline:
                report.mismatches.append((row.name, row.adm, row.expiry_date, deadline))
        for entry in existing.values():  # no longer on the list: the newer list is the Bureau's current word
            if entry.list_date <= source.accessed_on:
                entry.delete()
                report.entries_removed += 1
        confirmed = [row.biu_date for row in wanted.values() if row.status == "C"]
        if confirmed and filing.brought_into_use_on is None:
            _save(filing, {"brought_into_use_on": min(confirmed)}, report)
    report.entries_created += _create_entries(new)


def _create_entries(entries: list[ItuListEntry]) -> int:
    """Insert new entries together: each validated by the model first (clean(); the relations are the
    instances just read or made), then one insert, then post_save for each so the change log and the cache
    versions hear of every row as they would of a save()."""
    for entry in entries:
        entry.clean_fields(exclude=["filing", "source"])
        entry.clean()
    ItuListEntry.objects.bulk_create(entries)
    for entry in entries:
        signals.post_save.send(sender=ItuListEntry, instance=entry, created=True, raw=False,
                               using=entry._state.db, update_fields=None)
    return len(entries)


def _import_suspensions(rows, registry, report, source):
    existing = {e.notice_id: e for e in ItuListEntry.objects.filter(
        notice_id__in=[rows[i].notice_id for i in range(len(rows))])}
    latest: dict[int, tuple[Filing, object]] = {}
    for row in rows:
        filing = _filing_for(row, registry, report, source, suspended_on=row.suspended_on, resumed_on=row.resumed_on)
        if filing is None:
            continue
        values = {"filing": filing, "listed_name": row.name, "adm": row.adm, "status": row.status,
                  "provision": row.provision, "suspension_type": row.suspension_type,
                  "suspension_received_on": row.received_on, "suspended_on": row.suspended_on,
                  "resumption_due": row.resumption_due, "resumed_on": row.resumed_on}
        entry = existing.get(row.notice_id)
        if entry is None:
            existing[row.notice_id] = ItuListEntry.objects.create(
                list_name=ItuListName.SUSPENSION, notice_id=row.notice_id, list_date=source.accessed_on,
                source=source, confidence=Confidence.CONFIRMED, **values)
            report.entries_created += 1
        else:
            changed = {k: v for k, v in values.items() if getattr(entry, k) != v}
            if changed:
                for name, value in changed.items():
                    setattr(entry, name, value)
                entry.save()
                report.entries_updated += 1
        if filing.pk not in latest or row.suspended_on > latest[filing.pk][1].suspended_on:
            latest[filing.pk] = (filing, row)
    for filing, row in latest.values():
        if filing.suspended_on is None or filing.suspended_on < row.suspended_on:
            _save(filing, {"suspended_on": row.suspended_on, "resumed_on": row.resumed_on}, report)
        elif filing.suspended_on == row.suspended_on and row.resumed_on and filing.resumed_on is None:
            _save(filing, {"resumed_on": row.resumed_on}, report)


def _import_name_changes(rows, registry, report):
    for row in rows:
        old = registry.by_name.get(_norm(row.old_name), [])
        if not old:
            continue  # a network the registry does not follow
        if len({f.administration_id for f in old}) > 1:
            report.rejections.append((row.line, f"{row.old_name} -> {row.new_name}: the old name is held by "
                                                f"networks of several administrations; not renamed"))
            continue
        for filing in list(old):
            if filing.itu_list_entries.filter(listed_name__iexact=row.old_name).exists():
                continue  # the SNL itself still lists the network under the old name: keep matching it so
            adm = symbol_of(filing.administration)
            if registry.find(row.new_name, adm) not in (None, filing):
                report.rejections.append((row.line, f"{row.old_name} -> {row.new_name}: a filing of {adm} already "
                                                    f"has the new name; not renamed"))
                continue
            note = f"ITU network name changed from {filing.itu_network_name} (SNL name-change list)."
            changes = {"itu_network_name": row.new_name,
                       "notes": f"{filing.notes}\n{note}".strip() if note not in filing.notes else filing.notes}
            if _norm(filing.name) == _norm(filing.itu_network_name):
                changes["name"] = row.new_name
            for name, value in changes.items():
                setattr(filing, name, value)
            filing.save()
            report.filings_renamed += 1
            registry.by_name[_norm(row.old_name)].remove(filing)
            registry._index(filing)


def _counted(rows: list, progress: Callable[[int, int], None] | None) -> list:
    """The rows, telling ``progress`` (done, total) every 2 % of the way while the first pass reads them."""
    if progress is None:
        return rows

    class Counted(list):
        def __iter__(self):
            step, total = max(1, len(self) // 50), len(self)
            for done, row in enumerate(super().__iter__()):
                if done % step == 0:
                    progress(done, total)
                yield row
            progress(total, total)

    return Counted(rows)


def parse_file(path: str) -> itu_snl.ParseResult:
    with open(path, "rb") as handle:
        return itu_snl.parse(handle.read(), name=str(path))


def import_snl_file(path: str, parsed: itu_snl.ParseResult | None = None, list_date: dt.date | None = None,
                    as_of: dt.date | None = None,
                    progress: Callable[[int, int], None] | None = None) -> ImportReport:
    """Import one SNL export in one transaction. Raises UnreadableList for a file refused as a whole."""
    parsed = parsed or parse_file(path)
    list_date = list_date or itu_snl.list_date_from_name(str(path))
    if list_date is None:
        raise UnreadableList(f"{path}: the export date is neither in the file name (YYYYMMDD) nor given "
                             f"(--list-date)")
    as_of = as_of or dt.date.today()
    report = ImportReport(path=str(path), list_kind=parsed.list_kind, list_date=list_date, rows=len(parsed.rows))
    report.rejections = [(r.line, r.reason) for r in parsed.rejections]
    rows = parsed.rows
    if parsed.list_kind != itu_snl.NAME_CHANGE:
        report.gso_skipped = sum(not row.non_gso for row in rows)
        rows = [row for row in rows if row.non_gso]
    with transaction.atomic(), change_context(via="import"):
        registry = _Registry()
        source = _source(parsed.list_kind, list_date)
        rows = _counted(rows, progress)
        if parsed.list_kind == itu_snl.BROUGHT_INTO_USE:
            _import_biu(rows, registry, report, source, as_of)
        elif parsed.list_kind == itu_snl.SUSPENSION:
            _import_suspensions(rows, registry, report, source)
        else:
            _import_name_changes(rows, registry, report)
        registry.cite_source_on_created(source)
    report.rejections.sort()
    return report

"""Which catalogued satellites count for a filing, and the deployment series built on them: the pure core.

Plain values in (pandas frames of members and element-set snapshots, the pure layer's TargetShell, dates,
counts), plain values out (an ``Attribution``, a ``DeploymentSeries``, frames of counts). No Django: the shell
(constellations.deployment) fetches the rows and hands them over, so each rule is tested with tables of cases.

Frames in: members have columns ``MEMBER_COLUMNS`` (one row per catalogued object of a constellation),
snapshots ``SNAPSHOT_COLUMNS`` (one row per object and element-set date).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from compliance.rules.deployment import DeploymentSeries
from constellations.catalog import (
    DEFAULT_ALTITUDE_TOLERANCE_KM,
    DEFAULT_INCLINATION_TOLERANCE_DEG,
    TargetShell,
    deployment_series,
    on_station_series,
    series_dates,
    shell_match,
)

MEMBER_COLUMNS = ["norad_id", "launch_date", "decay_date"]
SNAPSHOT_COLUMNS = ["epoch", "norad_id", "altitude_km", "inclination_deg"]

SHELLS = "shells"  # counted from the objects on station in the filing's own shells
CONSTELLATION = "constellation"  # the whole constellation: the filing is its only live one

_CATALOG_FREQ = {"day": "day", "d": "day", "week": "week", "w": "week", "w-sun": "week", "month": "month",
                 "m": "month", "me": "month"}


@dataclass(frozen=True, eq=False)
class Attribution:
    """The catalogued objects that count for a filing."""

    objects: pd.DataFrame  # MEMBER_COLUMNS
    on_station: pd.Series | None  # on-station count by snapshot date, None where not measured (constellation basis)
    basis: str  # SHELLS or CONSTELLATION


# --- the attribution rule ------------------------------------------------------------------------------
#
# Each catalogued satellite of a constellation counts for at most one filing, the same one on every date from
# its launch to its decay, chosen in this order:
#
#   (a) An explicit assignment (``Assignment``: a NORAD id, or a launch designator YYYY-NNN, per filing) wins.
#       Two assignments of one satellite to different filings: the earlier filing in the order of (c) wins and
#       the clash is listed among the conflicts.
#   (b) Otherwise the satellite's FIRST STABLE OPERATIONAL ORBIT decides: the earliest element-set snapshot
#       (one per import date) that puts it, after its launch, inside a shell of a filing that can hold it
#       (within ``Tolerances``) and is not a transit. A snapshot is a transit when the satellite is fewer than
#       ``settle_days`` past its launch and still below the band of another filed shell of its inclination
#       (it may be raising toward it), unless the next snapshot finds it in a shell of the same filing again.
#       Its later orbits do not move it: an operational change of altitude under the same system (Starlink's
#       2026 lowering to 480 and 460 km) leaves it where its first stable orbit put it. With two snapshot dates
#       (the bundled SATCAT of 16 Mar 2025 and the element sets of 22 Aug 2026) "first stable" is the first of
#       them that qualifies; every further import adds a snapshot date, so a longer history (daily element
#       sets) finds the first stable orbit sooner after launch and tells a transit from a station directly.
#   (c) Among the filings whose shells hold that orbit, the earliest live authorisation (a grant, or an ITU
#       filing; a national application still pending authorises nothing yet): granted before filed,
#       then by the date it was authorised (grant date, else date of receipt; unknown last), then by id.
#       A filing counts only from that date (a grant made later cannot hold an orbit seen before it; an
#       unknown date does not exclude). Superseded, denied, withdrawn and cancelled filings hold nothing, nor
#       does the parent of a live filing with shells (an application granted in part, a modified system): its
#       grants hold its satellites. An orbit that only such a parent's shells hold (inside the system applied
#       for, outside every shell granted so far) goes to the parent's earliest live grant authorised by then;
#       47 CFR 25.164(h) treats the stages of one system as one.
#   Several filings holding the stable orbit: the rule picks one and the satellite is listed among the
#   conflicts with the others. No element set after launch: unattributed with that reason; likewise one
#   still raising at its latest element set, or never inside a live filed shell.
#   Where no satellite of the constellation is attributed at all and it has one live filing, that filing
#   takes the whole constellation (basis CONSTELLATION; a filing without shells, or shells nobody flies in).

ASSIGNED, ORBIT, SYSTEM = "assigned", "orbit", "system"
NORAD, LAUNCH = "norad", "launch"
NO_ELEMENT_SET = "no element set after launch"
STILL_RAISING = "still raising at its latest element set"
OFF_SHELLS = "never inside a live filed shell"
INFERRED, ASSIGNED_CONFIDENCE = "inferred", "assigned"

TABLE_COLUMNS = ["norad_id", "launch_date", "decay_date", "filing_id", "basis", "since", "reason"]
CONFLICT_COLUMNS = ["norad_id", "date", "filing_id", "chosen", "others"]


@dataclass(frozen=True)
class Tolerances:
    """When an orbit lies in a filed shell, and how long a new satellite may still be raising.

    altitude_km, inclination_deg: the shell's filed altitude (or range) and inclination (or range) widened by
    these. The ITU sets such tolerances in Resolution 8 (WRC-23) for systems subject to Resolution 35, but its
    numeric Annex was not retrieved (shared/reference/rules.md 2.3); 47 CFR Part 25 sets none (the FCC fixes
    shells order by order). The shell reads them from settings (constellations.shells.catalog_tolerances,
    an assumption documented there: +-25 km, +-0.5 deg).
    settle_days: a satellite younger than this and below another filed shell of its inclination may still be
    raising. Assumption: Starlink and Kuiper reach their shells in weeks to about three months.
    """

    altitude_km: float = DEFAULT_ALTITUDE_TOLERANCE_KM
    inclination_deg: float = DEFAULT_INCLINATION_TOLERANCE_DEG
    settle_days: int = 90


@dataclass(frozen=True)
class FilingFacts:
    """What the rule needs of one filing of the constellation (plain values from the shell)."""

    filing_id: int
    key: str
    shells: tuple[TargetShell, ...] = ()
    live: bool = True
    granted: bool = False  # granted or partially granted (an authorisation, not an application)
    grant_date: dt.date | None = None
    receipt_date: dt.date | None = None
    parent_id: int | None = None
    authorises: bool = True  # a grant, or an ITU filing; a national application still pending authorises nothing

    @property
    def authorised_on(self) -> dt.date | None:
        """From when it can hold satellites: its grant date, else its date of receipt (None: unknown)."""
        return self.grant_date if self.granted and self.grant_date else self.receipt_date


@dataclass(frozen=True)
class Assignment:
    """An explicit assignment: the satellite with this NORAD id, or every piece of this launch (YYYY-NNN)."""

    filing_id: int
    kind: str  # NORAD or LAUNCH
    pattern: str
    source: str = ""


def rule_order(filings: Iterable[FilingFacts]) -> list[FilingFacts]:
    """Filings in the order (c) prefers them: granted first, then by authorisation date (unknown last), id."""
    far = dt.date.max
    return sorted(filings, key=lambda f: (not f.granted, f.authorised_on or far, f.receipt_date or far, f.filing_id))


def roles(filings: Sequence[FilingFacts]) -> tuple[list[FilingFacts], list[tuple[FilingFacts, list[FilingFacts]]]]:
    """(holders, systems): the filings that hold satellites, in rule order, and for each live parent with
    shells (an application granted in part, a modified system) its holders below it, in rule order."""
    by_id = {f.filing_id: f for f in filings}

    def ancestors(f: FilingFacts):
        seen, parent = set(), f.parent_id
        while parent is not None and parent in by_id and parent not in seen:
            seen.add(parent)
            yield by_id[parent]
            parent = by_id[parent].parent_id

    parents = {a.filing_id for f in filings if f.live and f.shells for a in ancestors(f) if a.live}
    holders = rule_order(f for f in filings
                         if f.live and f.authorises and f.shells and f.filing_id not in parents)
    systems = []
    for parent in rule_order(by_id[p] for p in parents):
        below = [h for h in holders if any(a.filing_id == parent.filing_id for a in ancestors(h))]
        if parent.shells and below:
            systems.append((parent, below))
    return holders, systems


@dataclass(frozen=True, eq=False)
class ConstellationAttribution:
    """Every catalogued satellite of a constellation with the filing it counts for (or why none)."""

    table: pd.DataFrame  # TABLE_COLUMNS, one row per member; filing_id <NA> = unattributed
    on_station: pd.DataFrame  # columns date, filing_id, on_station (every snapshot date x attributed filing)
    conflicts: pd.DataFrame  # CONFLICT_COLUMNS: satellites several filings could hold; chosen/others are keys
    filings: tuple[FilingFacts, ...]  # the filings that can hold satellites, in rule order (holders, assigned)
    snapshot_dates: tuple[dt.date, ...]

    def for_filing(self, filing_id: int) -> Attribution | None:
        """The filing's share as an ``Attribution`` (what catalog_series and sampled_frame read), or None."""
        mine = self.table["filing_id"].eq(filing_id).fillna(False).to_numpy(bool)
        if not mine.any():
            return None
        objects = self.table.loc[mine, MEMBER_COLUMNS].reset_index(drop=True)
        if (self.table.loc[mine, "basis"] == CONSTELLATION).all():
            return Attribution(objects, None, CONSTELLATION)
        rows = self.on_station[self.on_station["filing_id"] == filing_id]
        return Attribution(objects, pd.Series(rows["on_station"].to_numpy(), index=list(rows["date"])), SHELLS)

    def confidence(self, filing_id: int) -> str:
        """'assigned' where every satellite of the filing is explicitly assigned, else 'inferred'."""
        basis = self.table.loc[self.table["filing_id"].eq(filing_id).fillna(False).to_numpy(bool), "basis"]
        return ASSIGNED_CONFIDENCE if len(basis) and (basis == ASSIGNED).all() else INFERRED


def _day_numbers(values) -> np.ndarray:
    return pd.to_datetime(pd.Series(values, dtype=object), errors="coerce").to_numpy().astype("datetime64[D]")


def _days_between(first, last) -> np.ndarray:
    """Whole days from ``first`` to ``last`` (NaN where either is missing), whatever their datetime64 unit."""
    return (np.asarray(last).astype("datetime64[D]") - np.asarray(first).astype("datetime64[D]")) / np.timedelta64(1, "D")


def _explicit(table: pd.DataFrame, cospar: pd.Series, assignments: Sequence[Assignment], order: dict[int, int],
              keys: dict[int, str]) -> list[tuple]:
    """(a): writes filing_id/basis for assigned members in ``table``; returns the clashes as conflict rows."""
    clashes = []
    ranked = sorted((a for a in assignments if a.filing_id in order), key=lambda a: order[a.filing_id])
    for a in ranked:
        pattern = a.pattern.strip().upper()
        if a.kind == NORAD:
            hit = table["norad_id"].astype("int64").eq(int(pattern)).to_numpy()
        elif a.kind == LAUNCH:
            hit = cospar.fillna("").astype(str).str.upper().str.slice(0, len(pattern)).eq(pattern).to_numpy()
        else:
            raise ValueError(f"assignment kind must be {NORAD!r} or {LAUNCH!r}, got {a.kind!r}")
        taken = table["filing_id"].notna().to_numpy()
        for i in np.flatnonzero(hit & taken & table["filing_id"].ne(a.filing_id).fillna(True).to_numpy(bool)):
            clashes.append((int(table.at[i, "norad_id"]), None, int(table.at[i, "filing_id"]),
                            keys[int(table.at[i, "filing_id"])], (keys[a.filing_id],)))
        table.loc[hit & ~taken, ["filing_id", "basis"]] = [a.filing_id, ASSIGNED]
    return clashes


def attribute_constellation(members: pd.DataFrame, snapshots: pd.DataFrame, filings: Sequence[FilingFacts],
                            assignments: Sequence[Assignment] = (),
                            tolerances: Tolerances = Tolerances()) -> ConstellationAttribution:
    """Apply the rule above to one constellation.

    ``members``: MEMBER_COLUMNS (plus ``cospar_id`` where launch assignments are used), one row per object;
    ``snapshots``: SNAPSHOT_COLUMNS (``epoch`` is the snapshot date), one row per object and date.
    """
    table = members.reset_index(drop=True).copy()
    cospar = table["cospar_id"] if "cospar_id" in table else pd.Series([None] * len(table), dtype=object)
    table = table[MEMBER_COLUMNS].copy()
    table["filing_id"] = pd.array([pd.NA] * len(table), dtype="Int64")
    table["basis"], table["since"], table["reason"] = "", None, ""
    holders, systems = roles(filings)
    keys = {f.filing_id: f.key for f in filings}
    live = [f for f in filings if f.live]
    order = {f.filing_id: i for i, f in enumerate(rule_order(live))}
    conflicts = _explicit(table, cospar, assignments, order, keys)

    rows = _orbit_rows(table, snapshots)
    on_rows = np.zeros(len(rows), dtype=bool)
    if len(rows) and holders:
        found, on_rows, orbit_conflicts = _first_stable(rows, holders, systems, tolerances)
        conflicts += [(n, d, holders[c].filing_id, holders[c].key, tuple(holders[o].key for o in others))
                      for n, d, c, others in orbit_conflicts]
        position = pd.Series(np.arange(len(table)), index=table["norad_id"].astype("int64").to_numpy())
        free = table["filing_id"].isna().to_numpy()
        for norad_id, (holder, basis, since) in found.items():
            i = position[norad_id]
            if free[i]:
                table.at[i, "filing_id"], table.at[i, "basis"] = holders[holder].filing_id, basis
                table.at[i, "since"] = since
    _reasons(table, rows, tolerances)
    if table["filing_id"].isna().all() and len(live) == 1 and len(table):
        table["filing_id"], table["basis"], table["reason"] = live[0].filing_id, CONSTELLATION, ""
    dates = tuple(sorted({pd.Timestamp(d).date() for d in snapshots["epoch"]})) if len(snapshots) else ()
    assigned = {f.filing_id: f for f in live if f.filing_id in set(table["filing_id"].dropna().astype(int))}
    shown = rule_order({**{h.filing_id: h for h in holders}, **assigned}.values())
    return ConstellationAttribution(
        table=table, on_station=_on_station_counts(table, rows, on_rows, dates),
        conflicts=pd.DataFrame(conflicts, columns=CONFLICT_COLUMNS),
        filings=tuple(shown), snapshot_dates=dates)


def _orbit_rows(table: pd.DataFrame, snapshots: pd.DataFrame) -> pd.DataFrame:
    """The members' element-set rows after launch and before decay, sorted by object and date."""
    if snapshots.empty:
        return pd.DataFrame(columns=["norad_id", "day", "altitude_km", "inclination_deg", "launch"])
    rows = pd.DataFrame({
        "norad_id": snapshots["norad_id"].astype("int64").to_numpy(),
        "day": _day_numbers(snapshots["epoch"]),
        "altitude_km": snapshots["altitude_km"].to_numpy(float),
        "inclination_deg": snapshots["inclination_deg"].to_numpy(float),
    })
    meta = pd.DataFrame({"norad_id": table["norad_id"].astype("int64").to_numpy(),
                         "launch": _day_numbers(table["launch_date"]), "decay": _day_numbers(table["decay_date"])})
    rows = rows.merge(meta, on="norad_id", how="inner")
    after = np.isnat(rows["launch"].to_numpy()) | (rows["day"].to_numpy() >= rows["launch"].to_numpy())
    before = np.isnat(rows["decay"].to_numpy()) | (rows["day"].to_numpy() < rows["decay"].to_numpy())
    rows = rows[after & before].drop(columns="decay")
    return rows.sort_values(["norad_id", "day"], kind="stable").reset_index(drop=True)


def _first_stable(rows: pd.DataFrame, holders: list[FilingFacts],
                  systems: list[tuple[FilingFacts, list[FilingFacts]]], tolerances: Tolerances):
    """(b) and (c) over all element-set rows at once: {norad: (holder index, basis, date)}, the rows on station
    and the conflicts (norad, date, chosen holder index, other holder indexes)."""
    n, h_count = len(rows), len(holders)
    shells, owner = [], []  # owner of each shell: holder index, or h_count + system index
    for h, f in enumerate(holders):
        shells += f.shells
        owner += [h] * len(f.shells)
    for s, (parent, _) in enumerate(systems):
        shells += parent.shells
        owner += [h_count + s] * len(parent.shells)
    inside, below = shell_match(rows["altitude_km"].to_numpy(float), rows["inclination_deg"].to_numpy(float),
                                shells, altitude_tolerance_km=tolerances.altitude_km,
                                inclination_tolerance_deg=tolerances.inclination_deg)
    owner = np.asarray(owner)
    held = np.zeros((n, h_count + len(systems)), dtype=bool)
    for column in range(held.shape[1]):
        held[:, column] = inside[:, owner == column].any(axis=1)
    day = rows["day"].to_numpy()
    since = np.array([np.datetime64(f.authorised_on, "D") if f.authorised_on else np.datetime64("NaT")
                      for f in holders], dtype="datetime64[D]")
    eligible = np.isnat(since)[None, :] | (since[None, :] <= day[:, None])
    direct = held[:, :h_count] & eligible
    chosen = np.where(direct.any(axis=1), direct.argmax(axis=1), -1)
    basis = np.where(chosen >= 0, ORBIT, "").astype(object)
    covers = held[:, :h_count].copy()  # the rows each holder's shells or its system's shells hold
    index = {f.filing_id: h for h, f in enumerate(holders)}
    for s, (_, grants) in enumerate(systems):
        members = [index[g.filing_id] for g in grants]
        covers[:, members] |= held[:, [h_count + s]]
        free = (chosen < 0) & held[:, h_count + s]
        ok = eligible[:, members]
        pick = np.where(ok.any(axis=1), np.asarray(members)[ok.argmax(axis=1)], -1)
        take = free & (pick >= 0)
        chosen[take], basis[take] = pick[take], SYSTEM
    norad = rows["norad_id"].to_numpy()
    same_next = np.append(norad[1:] == norad[:-1], False)
    next_covers = np.vstack([covers[1:], np.zeros((1, h_count), dtype=bool)])
    confirmed = same_next & (chosen >= 0) & next_covers[np.arange(n), np.maximum(chosen, 0)]
    launch = rows["launch"].to_numpy()
    young = ~np.isnat(launch) & (_days_between(launch, day) < tolerances.settle_days)
    transit = young & below.any(axis=1)
    stable = (chosen >= 0) & (~transit | confirmed)
    first = pd.DataFrame({"norad_id": norad, "row": np.arange(n)})[stable].groupby("norad_id")["row"].first()
    found = {int(k): (int(chosen[r]), str(basis[r]), pd.Timestamp(day[r]).date()) for k, r in first.items()}
    conflicts = []
    for k, r in first.items():
        others = [int(o) for o in np.flatnonzero(direct[r]) if o != chosen[r]]
        if others:
            conflicts.append((int(k), pd.Timestamp(day[r]).date(), int(chosen[r]), others))
    # On station: inside some live filed shell and not a transit, from the first stable orbit on.
    in_any = held.any(axis=1)
    next_in_any = np.append(in_any[1:], False) & same_next
    settled = in_any & ~(transit & ~next_in_any)
    first_day = pd.Series(first.index.map(lambda k: day[first[k]]).to_numpy(), index=first.index)
    start = pd.Series(norad).map(first_day).to_numpy().astype("datetime64[D]")
    on_rows = settled & ~np.isnat(start) & (day >= start)
    return found, on_rows, conflicts


def _reasons(table: pd.DataFrame, rows: pd.DataFrame, tolerances: Tolerances) -> None:
    """Why each unattributed member has no filing."""
    free = table["filing_id"].isna().to_numpy()
    if not free.any():
        return
    last = rows.groupby("norad_id").last() if len(rows) else pd.DataFrame(columns=["day", "launch"])
    ids = table["norad_id"].astype("int64")
    seen = ids.isin(last.index).to_numpy()
    last_day = ids.map(last["day"]).to_numpy().astype("datetime64[D]")
    launch = _day_numbers(table["launch_date"])
    young = seen & ~np.isnat(launch) & (_days_between(launch, last_day) < tolerances.settle_days)
    table.loc[free & ~seen, "reason"] = NO_ELEMENT_SET
    table.loc[free & seen & young, "reason"] = STILL_RAISING
    table.loc[free & seen & ~young, "reason"] = OFF_SHELLS


def _on_station_counts(table: pd.DataFrame, rows: pd.DataFrame, on_rows: np.ndarray, dates) -> pd.DataFrame:
    """On station per snapshot date and filing (0 where none), for the filings holding satellites by orbit or
    assignment (a CONSTELLATION share is not measured)."""
    measured = table[table["filing_id"].notna() & (table["basis"] != CONSTELLATION)]
    filing_ids = sorted(set(measured["filing_id"].astype(int)))
    grid = pd.MultiIndex.from_product([list(dates), filing_ids], names=["date", "filing_id"])
    if not len(rows) or not filing_ids:
        return pd.DataFrame({"date": grid.get_level_values(0), "filing_id": grid.get_level_values(1),
                             "on_station": np.zeros(len(grid), dtype="int64")})
    owner = pd.Series(measured["filing_id"].astype(int).to_numpy(), index=measured["norad_id"].astype("int64"))
    on = rows[on_rows].assign(filing_id=lambda r: r["norad_id"].map(owner)).dropna(subset=["filing_id"])
    on = on.assign(date=[pd.Timestamp(d).date() for d in on["day"]], filing_id=on["filing_id"].astype(int))
    counts = on.groupby(["date", "filing_id"]).size().reindex(grid, fill_value=0)
    return counts.rename("on_station").reset_index()


# --- reconciliation: per filing + unattributed = in orbit ---------------------------------------------------

UNATTRIBUTED = "unattributed"


def reconcile(found: ConstellationAttribution, dates) -> pd.DataFrame:
    """Satellites in orbit on each of ``dates`` (index): one column per filing id of ``found.filings`` (int),
    ``unattributed`` and ``in_orbit`` (their sum, the constellation's satellites in orbit). Counts are as of
    the end of each date (launched on or before it, not decayed on or before it), as deployment_series counts."""
    dates = pd.DatetimeIndex(pd.to_datetime(list(dates))).normalize()
    columns = [f.filing_id for f in found.filings]
    table = found.table
    out = pd.DataFrame(0, index=dates, columns=[*columns, UNATTRIBUTED], dtype="int64")
    if len(dates) and len(table):
        groups = table["filing_id"].astype(object).where(table["filing_id"].notna(), UNATTRIBUTED)
        long = deployment_series(table["launch_date"], table["decay_date"], groups.to_numpy(dtype=object),
                                 start=dates.min(), end=dates.max(), freq="day")
        wide = long.pivot(index="date", columns="group", values="in_orbit")
        wide.index = pd.to_datetime(wide.index)
        wide = wide.reindex(dates).fillna(0).astype("int64")
        for column in wide.columns:
            out[int(column) if column != UNATTRIBUTED else UNATTRIBUTED] = wide[column].to_numpy()
    out["in_orbit"] = out.sum(axis=1)
    return out


def data_date(as_of: dt.date, known_to: dt.date | None) -> dt.date | None:
    """The date a count as of ``as_of`` rests on: ``as_of`` itself where the data reach it, else the data's
    own (latest element-set / catalog) date; None where there are no data."""
    return None if known_to is None else min(as_of, known_to)


def _day(d: dt.date) -> str:
    return f"{d.day} {d:%b %Y}"  # "22 Aug 2026": the form every page, export and e-mail shows


@dataclass(frozen=True)
class DataDate:
    """What a catalog-derived count as of ``as_of`` rests on, and how to say it.

    ``data_as_of``: the date the count is really known on (``data_date``); ``carried_forward``: the count is
    shown for a later date than that, or for a date still in the future, so it is the last known count held,
    not an observation. Catalog-derived counts are always ``inferred`` (the catalog never says which
    authorisation a satellite flies under)."""

    as_of: dt.date
    data_as_of: dt.date | None
    element_sets: dt.date | None
    decays: dt.date | None
    carried_forward: bool
    confidence: str = INFERRED

    @property
    def wording(self) -> str:
        """'in orbit on 22 Aug 2026 (latest element sets; decays known to 16 Mar 2025)', plus ', carried
        forward to <as_of>' where it is; 'no catalog data' without any."""
        if self.data_as_of is None:
            return "no catalog data"
        sources = []
        if self.element_sets is not None:
            sources.append("latest element sets" if self.element_sets <= self.as_of
                           else f"element sets to {_day(self.element_sets)}")
        if self.decays is not None:
            sources.append(f"decays known to {_day(self.decays)}")
        text = f"in orbit on {_day(self.data_as_of)}" + (f" ({'; '.join(sources)})" if sources else "")
        return text + (f", carried forward to {_day(self.as_of)}" if self.carried_forward else "")

    def as_dict(self) -> dict:
        return {"data_as_of": self.data_as_of, "carried_forward": self.carried_forward,
                "confidence": self.confidence, "data_note": self.wording}


def data_date_of(as_of: dt.date, known_to: dt.date | None, element_sets: dt.date | None,
                 decays: dt.date | None, today: dt.date) -> DataDate:
    """The ``DataDate`` of a count as of ``as_of`` from catalog data reaching ``known_to`` (the newest file),
    with element sets to ``element_sets`` and decays known to ``decays`` (the newest SATCAT)."""
    carried = known_to is not None and (as_of > known_to or as_of > today)
    return DataDate(as_of, data_date(as_of, known_to), element_sets, decays, carried)


def conflict_report(found: ConstellationAttribution, in_orbit_on: dt.date | None = None) -> list[dict]:
    """One row per satellite that several live filings could hold (never one satellite twice): the filing it
    counts for and by which step of the rule (assigned, orbit, system), the other candidates (keys) and the
    date its orbit was judged. ``in_orbit_on``: only the satellites in orbit at the end of that date."""
    if found.conflicts.empty:
        return []
    table = found.table
    ids = table["norad_id"].astype("int64").to_numpy()
    if in_orbit_on is not None:
        day = np.datetime64(in_orbit_on, "D")
        launch, decay = _day_numbers(table["launch_date"]), _day_numbers(table["decay_date"])
        up = ~np.isnat(launch) & (launch <= day) & (np.isnat(decay) | (decay > day))
        wanted = set(ids[up].tolist())
    else:
        wanted = set(ids.tolist())
    filing_ids = table["filing_id"].astype(object).where(table["filing_id"].notna(), None).tolist()
    member = dict(zip(ids.tolist(), zip(filing_ids, table["basis"].tolist(), table["since"].tolist())))
    keys = {f.filing_id: f.key for f in found.filings}
    rows: dict[int, dict] = {}
    for norad, chosen, others in zip(found.conflicts["norad_id"].astype("int64").tolist(),
                                     found.conflicts["chosen"].tolist(), found.conflicts["others"].tolist()):
        if norad not in wanted:
            continue
        filing_id, basis, since = member[norad]
        row = rows.setdefault(norad, {
            "norad_id": norad, "filing": keys.get(filing_id, chosen), "step": basis or ORBIT, "since": since,
            "candidates": set()})
        row["candidates"].update([chosen, *others])
    for row in rows.values():
        row["others"] = sorted(row.pop("candidates") - {row["filing"]})
    return [rows[k] for k in sorted(rows) if rows[k]["others"]]


# --- the series the rules read ---------------------------------------------------------------------------

def _change_points(objects: pd.DataFrame, extra_dates=()) -> pd.DataFrame:
    """In orbit at every date the count changes (launch or decay), plus ``extra_dates``."""
    launch = pd.to_datetime(objects["launch_date"])
    decay = pd.to_datetime(objects["decay_date"])
    known = pd.concat([launch.dropna(), decay.dropna(), pd.Series(pd.to_datetime(list(extra_dates)))])
    if known.empty:
        return pd.DataFrame(columns=["date", "in_orbit"])
    frame = deployment_series(launch, decay, start=known.min(), end=known.max(), freq="day")
    frame = frame[["date", "in_orbit"]]
    changed = frame["in_orbit"].diff().fillna(1).ne(0).to_numpy()
    keep = changed | pd.to_datetime(frame["date"]).isin(pd.to_datetime(list(extra_dates))).to_numpy()
    return frame[keep]


def catalog_series(found: Attribution, hold: dt.timedelta) -> DeploymentSeries | None:
    """The catalog-derived series (source 'catalog') of the attributed objects, or None if it has no points.

    ``hold``: how long after a snapshot its on-station count still stands (capped by what is in orbit).
    """
    snapshot_dates = [] if found.on_station is None else list(found.on_station.index)
    points = _change_points(found.objects, snapshot_dates)
    if points.empty:
        return None
    station = {} if found.on_station is None else {pd.Timestamp(d).date(): int(n) for d, n in found.on_station.items()}
    rows, seen = [], None  # seen: (date, count) of the last snapshot
    for day, in_orbit in zip(points["date"].to_numpy(), points["in_orbit"].to_numpy()):
        on = pd.Timestamp(day).date()
        if on in station:
            seen = (on, station[on])
        # For a while after a snapshot its on-station count holds: a satellite launched since is still
        # raising. Beyond that it is unknown, and the rules fall back to in orbit.
        held = seen is not None and on - seen[0] <= hold
        rows.append((on, int(in_orbit), min(seen[1], int(in_orbit)) if held else None))
    return DeploymentSeries.from_counts(rows, source="catalog")


def reported_series(reports: Iterable) -> DeploymentSeries:
    """Dated counts from published statements (objects with as_of, in_orbit, launched); 'launched' stands in
    where 'in orbit' was not given."""
    points = {}
    for report in reports:
        points[report.as_of] = report.in_orbit if report.in_orbit is not None else report.launched
    return DeploymentSeries.from_counts(sorted(points.items()), source="reported")


def choose_series(catalog: DeploymentSeries | None, own_reports: Sequence,
                  constellation_reports: Callable[[], Iterable],
                  sole_live_filing: Callable[[], bool]) -> DeploymentSeries:
    """The one choice of a filing's deployment series: catalog counts first; then the filing's own published
    counts; then its constellation's, only where it is the constellation's sole live filing (a constellation-
    wide count belongs to no one filing otherwise); else an empty series. The callables are asked only when
    reached."""
    if catalog is not None and not catalog.is_empty():
        return catalog
    if own_reports:
        return reported_series(own_reports)
    if sole_live_filing():
        return reported_series(constellation_reports())
    return DeploymentSeries()


# --- sampled over a date range (API and charts) ------------------------------------------------------------

def catalog_freq(freq: str) -> str:
    """day, week or month from the spellings the pages and the API use."""
    try:
        return _CATALOG_FREQ[freq.lower()]
    except KeyError:
        raise ValueError(f"freq must be day, week or month (or D, W, ME), got {freq!r}") from None


def sample_dates(start: pd.Timestamp, end: pd.Timestamp, freq: str) -> pd.DatetimeIndex:
    """Sample dates for day/week/month or any pandas frequency ("MS"); ``end`` is always the last one."""
    if freq.lower() in _CATALOG_FREQ:
        return pd.DatetimeIndex(pd.to_datetime(series_dates(start, end, _CATALOG_FREQ[freq.lower()])))
    dates = pd.date_range(start, end, freq=freq)
    if len(dates) == 0 or dates[-1] != end:
        dates = dates.append(pd.DatetimeIndex([end]))
    return dates


def _last_known(points: pd.Series, dates: pd.DatetimeIndex) -> pd.Series:
    """The last value on or before each date (NaN before the first)."""
    return points.reindex(points.index.union(dates)).ffill().reindex(dates)


def sampled_frame(found: Attribution, start, end, freq: str = "day") -> pd.DataFrame:
    """The attributed objects' counts over [start, end]: columns date, in_orbit, on_station (the last snapshot's
    count on or before the date; NaN where not measured)."""
    frame = deployment_series(found.objects["launch_date"], found.objects["decay_date"], start=start, end=end,
                              freq=catalog_freq(freq))[["date", "in_orbit"]].reset_index(drop=True)
    frame["on_station"] = np.nan
    if found.on_station is not None and not found.on_station.empty:
        known = pd.Series(found.on_station.to_numpy(float), index=pd.to_datetime(found.on_station.index))
        frame["on_station"] = _last_known(known.sort_index(), pd.to_datetime(frame["date"])).to_numpy()
    return frame


def series_frame(series: DeploymentSeries, start, end, freq: str = "day") -> pd.DataFrame:
    """A chosen series read at each sample date: columns date, in_orbit, on_station (None where unknown)."""
    days = [pd.Timestamp(day).date() for day in series_dates(start, end, catalog_freq(freq))]
    return pd.DataFrame({
        "date": days,
        "in_orbit": [series.count_at(day, "in_orbit") for day in days],
        "on_station": [series.count_at(day, "on_station") for day in days],
    }, dtype=object)


def shell_counts(snapshots: pd.DataFrame, pool: Sequence[TargetShell], wanted: set[str], dates: pd.DatetimeIndex,
                 tolerances: dict) -> pd.DataFrame:
    """On-station count per shell of ``wanted`` (columns: shell pk as int) at each of ``dates``: the last
    snapshot on or before it. Empty where the snapshots put nothing in those shells."""
    if snapshots.empty:
        return pd.DataFrame(index=dates)
    counts = on_station_series(snapshots, pool, **tolerances)
    counts = counts[counts["shell_id"].isin(wanted)]
    if counts.empty:
        return pd.DataFrame(index=dates)
    table = counts.pivot(index="date", columns="shell_id", values="on_station")
    table.index = pd.to_datetime(table.index)
    table.columns = [int(c) for c in table.columns]
    return table.reindex(table.index.union(dates)).ffill().reindex(dates)


# --- per constellation (the dashboard's race chart) ------------------------------------------------------

def in_orbit_by_group(objects: pd.DataFrame, start, end, dates: pd.DatetimeIndex) -> pd.DataFrame:
    """In orbit per ``key`` (columns) on each date, from objects with columns key, launch_date, decay_date."""
    if objects.empty:
        return pd.DataFrame(index=dates)
    long = deployment_series(objects["launch_date"], objects["decay_date"], objects["key"],
                             start=start, end=end, freq="day")
    table = long.pivot(index="date", columns="group", values="in_orbit")
    table.index = pd.to_datetime(table.index)
    return table.reindex(dates).astype("float64")


def reported_counts(reports: Iterable[tuple], dates: pd.DatetimeIndex, keys: list[str]) -> dict[str, np.ndarray]:
    """Published counts per constellation key at each date: the last known count on or before it.

    ``reports``: (constellation key or None, filing's constellation key or None, filing id, as_of, in_orbit,
    launched). A constellation's own reports win; where it has none, the sum of its filings' reports.
    """
    own: dict[str, dict[dt.date, float]] = {}
    by_filing: dict[str, dict[int, dict[dt.date, float]]] = {}
    for key, filing_constellation, filing_id, as_of, in_orbit, launched in reports:
        count = in_orbit if in_orbit is not None else launched
        if key:
            own.setdefault(key, {})[as_of] = count
        elif filing_constellation:
            by_filing.setdefault(filing_constellation, {}).setdefault(filing_id, {})[as_of] = count
    out = {}
    for key in keys:
        if key in own:
            points = pd.Series(own[key])
        elif key in by_filing:
            parts = [pd.Series(p).sort_index() for p in by_filing[key].values()]
            points = pd.concat(parts, axis=1).sort_index().ffill().sum(axis=1, min_count=1)
        else:
            continue
        points.index = pd.to_datetime(points.index)
        out[key] = _last_known(points.sort_index(), dates).astype("float64").to_numpy()
    return out

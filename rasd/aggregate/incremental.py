"""Re-merge only the stored events near new reports, and say which canonical events changed and how.

Why this gives exactly the rows of a full rebuild: clusters never cross a (kind, country) block, and a
report joins a cluster only when its date window overlaps the cluster's window, which is the intersection
of its members' windows. Inside a block, the events therefore fall into *chains* of overlapping windows
(connected runs of the windows sorted by start) and no cluster spans two chains. The greedy clustering
of one chain sees its reports in the same relative order, and ranks its clusters in the same relative
order, whether or not other chains are present; canonical ids come from the founding report. So only the
chains that hold the new reports are loaded and merged again: a new defection in Deir ez-Zor in 2026
re-reads the Syrian defections whose dates overlap it, not every Syrian defection since 2011.

The differences are reported as :class:`Change` s (for alerts), computed and written in one transaction.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rasd.aggregate.build import TABLES, AggregateStats, _ord, blocks_of_articles, insert, load_reports
from rasd.aggregate.merge import Canonical, Report, merge

CHANGES = ("new", "new_source", "count_changed", "became_contested")


@dataclass(slots=True)
class Change:
    """A canonical event that is new, or that gained a source, changed a count or became contested."""

    canonical_id: str
    reasons: list[str]
    previous_id: str | None = None  # its id before, when an earlier report now founds it


@dataclass(slots=True)
class Refresh:
    stats: AggregateStats
    changes: list[Change] = field(default_factory=list)
    reports_merged: int = 0  # stored events read and merged again


def chains_around(con: Any, article_ids: Sequence[str]) -> tuple[list[str], int]:
    """Ids of the stored events in the date chains that hold the events of ``article_ids``, and the number
    of (kind, country) blocks those fall in."""
    blocks = blocks_of_articles(con, article_ids)
    if not blocks:
        return [], 0
    rows = con.execute(
        "SELECT e.id, e.article_id, e.kind || '|' || coalesce(p.country, ''), a.published, e.date_start, "
        "e.date_end, e.date_precision FROM events e JOIN articles a ON a.id = e.article_id "
        "LEFT JOIN places p ON p.id = e.place_id "
        "WHERE (e.kind || '|' || coalesce(p.country, '')) IN (SELECT unnest(?::VARCHAR[])) ORDER BY e.id",
        [blocks]).fetchall()
    new = set(article_ids)
    per_block: dict[str, list[tuple[int, int, str, bool]]] = {}
    for eid, aid, block, pub, ds, de, dp in rows:
        lo, hi = Report(event_id=eid, article_id=aid, kind="", published=_ord(pub), date_start=_ord(ds),
                        date_end=_ord(de), date_precision=dp or "unknown").window()
        per_block.setdefault(block, []).append((lo, hi, eid, aid in new))
    chosen: list[str] = []
    for windows in per_block.values():
        windows.sort()
        chain: list[str] = []
        has_new, reach = False, None
        for lo, hi, eid, is_new in windows:
            if reach is not None and lo > reach:  # a gap: the chain so far is closed
                if has_new:
                    chosen.extend(chain)
                chain, has_new, reach = [], False, None
            chain.append(eid)
            has_new = has_new or is_new
            reach = hi if reach is None else max(reach, hi)
        if has_new:
            chosen.extend(chain)
    return sorted(chosen), len(blocks)


def _snapshot(con: Any, event_ids: list[str]) -> tuple[dict[str, str], dict[str, tuple]]:
    """(event id -> canonical id, canonical id -> (n_articles, n_sources, counts, contested)) before."""
    if not event_ids:
        return {}, {}
    member_of = dict(con.execute(
        "SELECT event_id, canonical_id FROM canonical_members WHERE event_id IN (SELECT unnest(?::VARCHAR[]))",
        [event_ids]).fetchall())
    rows = con.execute(
        "SELECT id, n_articles, n_sources, counts, contested FROM canonical_events "
        "WHERE id IN (SELECT unnest(?::VARCHAR[]))", [sorted(set(member_of.values()))]).fetchall()
    return member_of, {r[0]: tuple(r[1:]) for r in rows}


def diff(canon: list[Canonical], member_of: dict[str, str], before: dict[str, tuple]) -> list[Change]:
    """What each re-merged canonical event gained since the snapshot."""
    import orjson

    changes: list[Change] = []
    for c in canon:
        olds = [member_of[r.event_id] for r in c.members if r.event_id in member_of]
        if not olds:
            changes.append(Change(c.id, ["new"]))
            continue
        prev = c.id if c.id in olds else max(sorted(set(olds)), key=olds.count)
        n_articles, n_sources, counts, contested = before.get(prev, (0, 0, None, False))
        reasons = []
        if c.n_articles > (n_articles or 0) or c.n_sources > (n_sources or 0):
            reasons.append("new_source")
        if c.counts_json() != (orjson.loads(counts) if counts else {}):
            reasons.append("count_changed")
        if c.contested and not contested:
            reasons.append("became_contested")
        if reasons:
            changes.append(Change(c.id, reasons, None if prev == c.id else prev))
    return changes


def refresh(con: Any, article_ids: Sequence[str],
            within: Callable[[Any, list[Change]], None] | None = None) -> Refresh:
    """Re-merge the events near those of ``article_ids`` (just stored), inside the caller's write
    transaction (``con`` from :meth:`rasd.store.connection.Database.write`).

    ``within(con, changes)`` runs inside that transaction, so what it writes (alert deliveries) is
    committed together with the canonical rows it describes, or not at all.
    """
    t0 = time.perf_counter()
    event_ids, n_blocks = chains_around(con, list(article_ids))
    reports: list[Report] = load_reports(con, event_ids=event_ids) if event_ids else []
    canon = merge(reports)
    member_of, before = _snapshot(con, event_ids)
    changes = diff(canon, member_of, before)
    if before or member_of:
        old = sorted(set(member_of.values()))
        for name in TABLES[1:]:
            con.execute(f"DELETE FROM {name} WHERE canonical_id IN (SELECT unnest(?::VARCHAR[]))",  # noqa: S608
                        [old])
        con.execute("DELETE FROM canonical_events WHERE id IN (SELECT unnest(?::VARCHAR[]))", [old])
    insert(con, canon)
    if within is not None:
        within(con, changes)
    n_events, n_canon, n_contested = con.execute(
        "SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM canonical_events), "
        "(SELECT count(*) FROM canonical_events WHERE contested)").fetchone()
    stats = AggregateStats(events=n_events, canonical_events=n_canon, contested=n_contested,
                           seconds=time.perf_counter() - t0, blocks=n_blocks)
    return Refresh(stats=stats, changes=changes, reports_merged=len(reports))


def unmerged_articles(con: Any) -> list[str]:
    """Articles with stored events that belong to no canonical event (stored, then the process stopped)."""
    return [r[0] for r in con.execute(
        "SELECT DISTINCT e.article_id FROM events e LEFT JOIN canonical_members m ON m.event_id = e.id "
        "WHERE m.event_id IS NULL ORDER BY 1").fetchall()]

"""Summary counts of a database: by outlet, by month of publication, by event kind."""

from __future__ import annotations

from typing import Any


def _rows(con: Any, sql: str, names: tuple[str, ...]) -> list[dict[str, Any]]:
    return [dict(zip(names, r, strict=True)) for r in con.execute(sql).fetchall()]


def collect(con: Any) -> dict[str, Any]:
    """``con``: a (read-only) connection to a Rasd database."""
    one = lambda sql: con.execute(sql).fetchall()[0][0]  # noqa: E731
    return {
        "articles": one("SELECT count(*) FROM articles"),
        "events": one("SELECT count(*) FROM events"),
        "canonical_events": one("SELECT count(*) FROM canonical_events WHERE polarity <> 'negated'"),
        "near_duplicates": one("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL"),
        "runs": one("SELECT count(*) FROM runs"),
        "by_outlet": _rows(con, """
            SELECT a.outlet, count(DISTINCT a.id), count(e.id) FROM articles a
            LEFT JOIN events e ON e.article_id = a.id GROUP BY a.outlet ORDER BY 2 DESC, 1""",
            ("outlet", "articles", "events")),
        "by_month": _rows(con, """
            SELECT coalesce(strftime(a.published, '%Y-%m'), 'unknown'), count(DISTINCT a.id), count(e.id)
            FROM articles a LEFT JOIN events e ON e.article_id = a.id GROUP BY 1 ORDER BY 1""",
            ("month", "articles", "events")),
        "mentions_by_label": _rows(con, """
            SELECT label, count(*), count(DISTINCT coalesce(ref, text)) FROM mentions GROUP BY label
            ORDER BY 2 DESC, 1""",
            ("label", "mentions", "distinct")),
        "top_actors": _rows(con, """
            SELECT ref, count(*), count(DISTINCT article_id) FROM mentions WHERE label = 'ACTOR'
            GROUP BY ref ORDER BY 2 DESC, 1 LIMIT 15""",
            ("actor", "mentions", "articles")),
        "by_kind": _rows(con, """
            SELECT kind, count(*), coalesce(sum(fatalities), 0)::BIGINT FROM events GROUP BY kind
            ORDER BY 2 DESC, 1""",
            ("kind", "events", "fatalities")),
    }

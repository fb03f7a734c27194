"""Summary counts of a database: by outlet, by month of publication, by event kind."""

from __future__ import annotations

from typing import Any

from rasd.store.db import Store


def _rows(store: Store, sql: str, names: tuple[str, ...]) -> list[dict[str, Any]]:
    return [dict(zip(names, r, strict=True)) for r in store.con.execute(sql).fetchall()]


def collect(store: Store) -> dict[str, Any]:
    one = lambda sql: store.con.execute(sql).fetchall()[0][0]  # noqa: E731
    return {
        "articles": one("SELECT count(*) FROM articles"),
        "events": one("SELECT count(*) FROM events"),
        "near_duplicates": one("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL"),
        "runs": one("SELECT count(*) FROM runs"),
        "by_outlet": _rows(store, """
            SELECT a.outlet, count(DISTINCT a.id), count(e.id) FROM articles a
            LEFT JOIN events e ON e.article_id = a.id GROUP BY a.outlet ORDER BY 2 DESC, 1""",
            ("outlet", "articles", "events")),
        "by_month": _rows(store, """
            SELECT coalesce(strftime(a.published, '%Y-%m'), 'unknown'), count(DISTINCT a.id), count(e.id)
            FROM articles a LEFT JOIN events e ON e.article_id = a.id GROUP BY 1 ORDER BY 1""",
            ("month", "articles", "events")),
        "mentions_by_label": _rows(store, """
            SELECT label, count(*), count(DISTINCT coalesce(ref, text)) FROM mentions GROUP BY label
            ORDER BY 2 DESC, 1""",
            ("label", "mentions", "distinct")),
        "top_actors": _rows(store, """
            SELECT ref, count(*), count(DISTINCT article_id) FROM mentions WHERE label = 'ACTOR'
            GROUP BY ref ORDER BY 2 DESC, 1 LIMIT 15""",
            ("actor", "mentions", "articles")),
        "by_kind": _rows(store, """
            SELECT kind, count(*), coalesce(sum(fatalities), 0)::BIGINT FROM events GROUP BY kind
            ORDER BY 2 DESC, 1""",
            ("kind", "events", "fatalities")),
    }

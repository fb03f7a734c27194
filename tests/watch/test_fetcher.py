"""The polite fetcher against real local HTTP servers: conditional GET, retries, limits, robots.txt."""

from __future__ import annotations

import asyncio

import pytest

from rasd.watch.fetcher import FetchConfig, Fetcher, FetchError
from tests.watch.local_sites import Article, Site, serve_site


def _get(config: FetchConfig, url: str, **kw):
    async def go():
        f = Fetcher(config)
        try:
            return await f.get(url, **kw), f.requests
        finally:
            await f.aclose()

    return asyncio.run(go())


FAST = FetchConfig(host_interval=0.0, timeout=2.0, retries=0, backoff=0.05)


@pytest.fixture
def site():
    s = Site()
    s.add(Article("one", "عنوان", "نص الخبر الأول.", "2024-05-01"))
    with serve_site(s):
        yield s


def test_conditional_get_answers_304_and_names_rasd(site: Site) -> None:
    first, _ = _get(FAST, site.url("/feed.xml"))
    assert first.status == 200 and first.etag and b"<rss" in first.body
    again, _ = _get(FAST, site.url("/feed.xml"), etag=first.etag)
    assert again.not_modified and again.body == b""
    site.add(Article("two", "عنوان آخر", "نص الخبر الثاني.", "2024-05-02"))
    changed, _ = _get(FAST, site.url("/feed.xml"), etag=first.etag)
    assert changed.status == 200 and changed.etag != first.etag
    assert site.agents and all(a.startswith("Rasd/") for a in site.agents)


def test_server_errors_are_retried_with_backoff(site: Site) -> None:
    site.flaky_failures = 2
    with pytest.raises(FetchError) as e:
        _get(FAST, site.url("/flaky.xml"))
    assert e.value.transient and "HTTP 500" in e.value.message
    got, _ = _get(FetchConfig(host_interval=0.0, retries=2, backoff=0.05), site.url("/flaky.xml"))
    assert got.status == 200
    # the first call gave up after one 500; the second retried after its 500 and got the feed
    assert [s for _, p, s in site.requests if p == "/flaky.xml"] == [500, 500, 200]


def test_slow_server_times_out(site: Site) -> None:
    site.slow_seconds = 3.0
    with pytest.raises(FetchError) as e:
        _get(FetchConfig(host_interval=0.0, timeout=0.5, retries=0), site.url("/slow.xml"))
    assert e.value.transient and "timed out" in e.value.message


def test_size_limit_redirect_loop_and_404(site: Site) -> None:
    with pytest.raises(FetchError) as big:
        _get(FetchConfig(host_interval=0.0, retries=0, max_bytes=1_000_000), site.url("/huge.xml"))
    assert not big.value.transient and "larger than the limit" in big.value.message
    with pytest.raises(FetchError) as loop:
        _get(FAST, site.url("/loop-a"))
    assert not loop.value.transient and "redirect loop" in loop.value.message
    assert site.hits("/loop-a") == 1 and site.hits("/loop-b") == 1
    with pytest.raises(FetchError) as missing:
        _get(FAST, site.url("/nowhere"))
    assert not missing.value.transient and "HTTP 404" in missing.value.message


def test_robots_txt_is_asked_once_and_obeyed(site: Site) -> None:
    site.robots = "User-agent: *\nDisallow: /news/\n"

    async def go():
        f = Fetcher(FAST)
        try:
            feed = await f.get(site.url("/feed.xml"))
            with pytest.raises(FetchError) as e:
                await f.get(site.url("/news/one"))
            return feed, e.value
        finally:
            await f.aclose()

    feed, err = asyncio.run(go())
    assert feed.status == 200
    assert not err.transient and "robots.txt" in err.message
    assert site.hits("/news/one") == 0 and site.hits("/robots.txt") == 1

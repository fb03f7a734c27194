"""What a source lists (feed items, section-page links) and how a list of sources is read."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasd.watch.discover import NotASource, feed_items, page_links, sniff
from rasd.watch.sources import SourceError, gather_sources, read_source_list

FEED = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Enab Baladi</title>
<item><title>A</title><link>https://site.example/news/2024/05/01/a#comments</link><guid>123</guid>
<description>&lt;p&gt;نص&lt;/p&gt;</description><pubDate>Wed, 01 May 2024 10:00:00 GMT</pubDate></item>
<item><title>B</title><guid isPermaLink="false">456</guid><description>ملخص</description></item>
</channel></rss>""".encode()

SECTION = b"""<!doctype html><html><body><nav><a href="/">home</a><a href="/section/iraq">iraq</a>
<a href="https://other.example/news/2024/05/01/elsewhere">elsewhere</a></nav>
<a href="/news/2024/05/01/first-story">first</a> <a href="/news/2024/05/01/first-story#top">again</a>
<a href="/section/syria">this section</a> <a href="/images/2024/photo.jpg">photo</a>
<a href="https://www.site.example/%D8%A7%D9%84%D8%AE%D8%A8%D8%B1-%D8%A7%D9%84%D8%AB%D8%A7%D9%86%D9%8A">second</a>
<a href="mailto:desk@site.example">mail</a></body></html>"""


def test_feed_items_keys_links_and_text() -> None:
    title, items = feed_items(FEED, "https://site.example/feed")
    assert title == "Enab Baladi"
    assert [i.key for i in items] == ["https://site.example/news/2024/05/01/a", "https://site.example/feed#456"]
    assert items[0].published == "2024-05-01" and items[0].summary == "نص" and items[1].url is None
    with pytest.raises(NotASource):
        feed_items(b"<?xml version='1.0'?><html><body>oops", "https://x.example/f")
    assert feed_items(b"<?xml version='1.0'?><rss><channel><item><title>", "https://x.example/f")[1] == []


def test_section_page_links_are_the_articles_of_its_site() -> None:
    items = page_links(SECTION, "https://site.example/section/syria")
    assert [i.url for i in items] == [
        "https://site.example/news/2024/05/01/first-story",
        "https://www.site.example/%D8%A7%D9%84%D8%AE%D8%A8%D8%B1-%D8%A7%D9%84%D8%AB%D8%A7%D9%86%D9%8A"]
    assert items[0].title == "first"


def test_sniff_tells_feeds_pages_and_neither() -> None:
    assert sniff(FEED, "application/xml") == "feed"
    assert sniff(b"<feed xmlns='http://www.w3.org/2005/Atom'>", "") == "feed"
    assert sniff(SECTION, "text/html") == "page"
    assert sniff(b"just text", "text/plain") is None
    assert sniff(b'{"a": 1}', "application/json") is None


def test_source_list_file(tmp_path: Path) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    listing = tmp_path / "feeds.txt"
    listing.write_text(f"# outlets\nhttps://a.example/feed | عنب بلدي | ar\n\n{folder}\nhttps://b.example/s |  |\n",
                       encoding="utf-8")
    sources = read_source_list(str(listing))
    assert [(s.url, s.kind, s.outlet, s.language) for s in sources] == [
        ("https://a.example/feed", "url", "عنب بلدي", "ar"), (str(folder), "folder", None, None),
        ("https://b.example/s", "url", None, None)]
    both = gather_sources(["https://a.example/feed"], str(listing))
    assert len(both) == 3 and both[0].outlet is None  # the command line's mention comes first
    listing.write_text("ftp://a.example/feed\n", encoding="utf-8")
    with pytest.raises(SourceError, match=r"feeds\.txt:1: ftp://a\.example/feed: only http"):
        read_source_list(str(listing))
    with pytest.raises(SourceError, match="no sources"):
        gather_sources([], None)

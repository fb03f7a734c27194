"""Live monitoring: watch feeds, section pages and folders, store what is new, alert on what matters.

``sources``  what to watch (URLs and folders, from the command line or a list file)
``fetcher``  the polite HTTP client: conditional GET, per-host pacing, retries, robots.txt, size limits
``robots``   robots.txt rules per site
``discover`` the items of a feed, the article links of a section page, the new files of a folder
``state``    the watch tables (sources, items, alerts, deliveries): every SQL statement about them
``watcher``  the poll cycle and the scheduler that repeats it
``alerts``   saved filters, matched against changed canonical events, delivered to webhooks

Its benchmark (local feeds for ``rasd bench watch``) is ``rasd.tools.bench_watch``.
"""

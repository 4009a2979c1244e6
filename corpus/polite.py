"""A polite client for fetching many pages: one request per second per host, retries with
backoff when a server errs or is slow, and no second try at a host that could not be reached.

It wraps ``corpus.readers.fetch.fetch`` (which keeps the safety rules: http(s) only, public
addresses unless allowed, size, time and redirect limits); this layer only decides when to
send and whether to try again.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlsplit

from corpus.errors import FetchError, FetchTimeout, HostUnreachable, ServerError
from corpus.readers.fetch import MAX_BYTES, Fetched, fetch

MIN_INTERVAL = 1.0
RETRIES = 2
BACKOFF = 1.0
TIMEOUT = 10.0


class PoliteClient:
    """GET pages at most once per ``min_interval`` seconds per host.

    A 5xx answer is retried ``retries`` times, waiting ``backoff``, then twice that; a timeout
    is retried only at a host that has answered before in this run (a host that never answers
    is down or unreachable, and trying again only makes the user wait). A host that could not
    be resolved or connected to fails at once for the rest of the run.
    """

    def __init__(
        self,
        *,
        allow_private: bool = False,
        min_interval: float = MIN_INTERVAL,
        retries: int = RETRIES,
        backoff: float = BACKOFF,
        timeout: float = TIMEOUT,
        max_bytes: int = MAX_BYTES,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.allow_private = allow_private
        self.min_interval = min_interval
        self.retries = retries
        self.backoff = backoff
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.sleep = sleep
        self._last: dict[str, float] = {}
        self._answered: set[str] = set()
        self._unreachable: dict[str, FetchError] = {}

    def _wait_turn(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            wait = self.min_interval - (time.monotonic() - last)
            if wait > 0:
                self.sleep(wait)
        self._last[host] = time.monotonic()

    def get(self, url: str) -> Fetched:
        """The page at ``url``; raises the fetcher's ``FetchError`` after the last try."""
        host = (urlsplit(url).hostname or "").lower()
        if host in self._unreachable:
            earlier = self._unreachable[host]
            raise HostUnreachable(url, earlier.problem, earlier.hint)
        attempt = 0
        while True:
            self._wait_turn(host)
            try:
                fetched = fetch(url, allow_private=self.allow_private, timeout=self.timeout, max_bytes=self.max_bytes)
            except ServerError:
                self._answered.add(host)
                if attempt >= self.retries:
                    raise
            except FetchTimeout:
                if host not in self._answered or attempt >= self.retries:
                    raise
            except HostUnreachable as exc:
                self._unreachable[host] = exc
                raise
            else:
                self._answered.add(host)
                return fetched
            self.sleep(self.backoff * 2**attempt)
            attempt += 1

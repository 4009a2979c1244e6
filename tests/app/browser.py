"""Start the real app (``streamlit run``) on a free loopback port and drive Debian's Chromium.

Chromium is started with the flags that keep it off the closed network; Playwright's own
browser download is never used.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.paths import ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = ROOT / "tests" / "artifacts"
# Screenshots go to the ignored artifacts folder; REFRESH_SCREENSHOTS=1 writes the README's ones.
SCREENSHOTS = ROOT / "docs" / "screenshots" if os.environ.get("REFRESH_SCREENSHOTS") == "1" else ARTIFACTS / "screenshots"
SCREENSHOTS.mkdir(parents=True, exist_ok=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running_app(db: Path, *, timeout: float = 90) -> Iterator[str]:
    """``streamlit run app.py`` against ``db``; yields the base URL once the app is healthy."""
    port = free_port()
    env = {**os.environ, "POLICY_DB": str(db), "HF_HUB_OFFLINE": "1"}
    log = ARTIFACTS / f"streamlit-{port}.log"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with open(log, "w") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(ROOT / "app.py"),
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                "--server.headless",
                "true",
                "--browser.gatherUsageStats",
                "false",
                "--server.fileWatcherType",
                "none",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
                        if r.status == 200:
                            break
                except OSError:
                    pass
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"the app did not start; see {log}:\n{log.read_text()[-3000:]}")
                time.sleep(0.3)
            yield base
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()


def chromium_available() -> bool:
    return Path(CHROMIUM).exists() and shutil.which(CHROMIUM) is not None


# With ``toolbarMode = "minimal"`` there is no status widget to read, so a run is also seen by
# what it leaves on the page: elements marked stale until the run redraws them, a spinner (a
# cached resource being built) or a progress bar (clauses being embedded).
_BUSY = """() => {
    const status = document.querySelector('[data-testid="stStatusWidget"]');
    const running = !!status && /running|stop/i.test(status.innerText || '');
    const pending = document.querySelectorAll(
        '[data-testid="stSkeleton"], [data-stale="true"], [data-testid="stSpinner"], [data-testid="stProgress"]'
    ).length;
    const main = document.querySelector('[data-testid="stMainBlockContainer"]');
    return running || pending > 0 || !main || main.innerText.trim().length === 0;
}"""


def wait_until_idle(page: object, timeout_s: float = 120, settle_s: float = 1.5) -> None:
    """Wait until Streamlit has finished running the script and every element has loaded
    (no skeleton placeholders), and the page stayed so for ``settle_s`` seconds."""
    page.wait_for_selector('[data-testid="stAppViewContainer"]', timeout=timeout_s * 1000)  # type: ignore[attr-defined]
    deadline = time.monotonic() + timeout_s
    calm_since: float | None = None
    while time.monotonic() < deadline:
        if page.evaluate(_BUSY):  # type: ignore[attr-defined]
            calm_since = None
        elif calm_since is None:
            calm_since = time.monotonic()
        elif time.monotonic() - calm_since >= settle_s:
            return
        time.sleep(0.2)
    raise TimeoutError(f"the page did not settle within {timeout_s:.0f} s")


def page_errors(page: object) -> list[str]:
    """Exceptions and error boxes the app shows."""
    found = []
    for selector in (
        '[data-testid="stException"]',
        '[data-testid="stAlertContentError"]',
        '[data-testid="stAlert"] [data-testid="stAlertContentError"]',
    ):
        for el in page.query_selector_all(selector):  # type: ignore[attr-defined]
            found.append(el.inner_text())
    return found

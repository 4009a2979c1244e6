"""Running the Streamlit app in-process with AppTest against the test's database."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

from tests.paths import ROOT

APP = str(ROOT / "app.py")


def run_app(page: str | None = None, *, lang: str = "zh", timeout: float = 120) -> AppTest:
    """Run app.py (and then ``page``, e.g. "app_pages/corpus.py") and fail on any exception."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    at.session_state["lang"] = lang
    at.run()
    if page is not None:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at: AppTest) -> str:
    """Every piece of text the page shows, for content checks."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [s.value for s in at.success]
    parts += [e.value for e in at.error] + [i.value for i in at.info] + [w.value for w in at.warning] + [c.value for c in at.code]
    parts += [h.value for h in at.title] + [h.value for h in at.subheader]
    return "\n".join(str(p) for p in parts)


def plain(markdown: str) -> str:
    """Markdown escaped by ``ui.render.escape_markdown`` as a reader sees it (backslashes gone)."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace("  \n", "\n")

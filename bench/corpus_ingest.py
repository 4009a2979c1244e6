"""How fast documents are read, segmented and stored.

    python -m bench.corpus_ingest [--repeat N]

Builds, from the seed text of the Zhejiang plan, the same policy as .txt, .docx, .pdf and .html
and times each reader plus segmentation, read in a bounded child process (as every shell
does) and in this process (the cost of the bound is the difference); then stores N copies (each with a distinct fictional
marker so every copy is new bytes) into a fresh SQLite database. Prints numbers only.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from bench.machine import describe
from corpus.clean import strip_conversion_artifacts
from corpus.library import ingest, open_store, prepare
from corpus.readers import read_bytes, read_bytes_here
from tests.corpus import builders
from tests.paths import OFFICIAL


def _time(fn, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--copies", type=int, default=200)
    args = parser.parse_args(argv)
    print(describe(("pdfminer.six", "pypdf", "python-docx", "trafilatura", "lxml")))
    text = OFFICIAL.read_text(encoding="utf-8")
    lines = [ln for ln in strip_conversion_artifacts(text).splitlines() if ln.strip()]  # a Word export has no markers
    inputs = {
        "txt": (text.encode("utf-8"), "plan.txt"),
        "txt (GB18030)": (text.encode("gb18030"), "plan.txt"),
        "docx": (builders.plain_docx(lines), "plan.docx"),
        "pdf": (builders.text_pdf(lines, indent=True), "plan.pdf"),
        "html": (builders.government_page(lines, title="浙江省元宇宙产业发展行动计划"), "plan.html"),
    }
    print(f"\nread + clean + segment the Zhejiang plan ({len(text):,} characters), median of {args.repeat}:")
    print(f"{'format':<16}{'bytes':>10}{'clauses':>9}{'ms bounded':>12}{'ms here':>10}{'overhead ms':>13}")
    for label, (data, name) in inputs.items():
        clauses = len(prepare(read_bytes(data, name)).clauses)  # also loads the parser before timing
        bounded = _time(lambda d=data, n=name: prepare(read_bytes(d, n)), args.repeat)
        here = _time(lambda d=data, n=name: prepare(read_bytes_here(d, n, None, n)), args.repeat)
        print(f"{label:<16}{len(data):>10,}{clauses:>9}{bounded * 1000:>12.1f}{here * 1000:>10.1f}{(bounded - here) * 1000:>13.1f}")
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "bench.sqlite")
        start = time.perf_counter()
        total = 0
        for i in range(args.copies):
            data = (text + f"\n（基准测试副本{i}，虚构）").encode("utf-8")
            total += ingest(store, f"copy{i}.txt", policy_id=f"bench-copy-{i}", read=read_bytes(data, f"copy{i}.txt")).n_clauses
        elapsed = time.perf_counter() - start
        print(
            f"\ningest {args.copies} copies into SQLite: {elapsed:.2f} s, {args.copies / elapsed:.1f} documents/s, {total / elapsed:,.0f} clauses/s"
        )
        size = (Path(tmp) / "bench.sqlite").stat().st_size + sum(p.stat().st_size for p in Path(tmp).glob("bench.sqlite-*"))
        print(f"database with {store.counts()['clauses']:,} clauses: {size / 2**20:.1f} MB")


if __name__ == "__main__":
    main()

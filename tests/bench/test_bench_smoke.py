"""The scale benchmark runs end to end on tiny sizes and its top-k equals brute force (never timings)."""

from __future__ import annotations

import re

import pytest

from bench import compare_scale
from bench.peers import METHODS


@pytest.mark.slow
def test_compare_scale_quick_prints_every_method_and_exact_results(capsys):
    compare_scale.main(["--quick", "--sizes", "200", "--allpairs-max", "200", "--text-pool", "200", "--sbert-sample", "16"])
    out = capsys.readouterr().out
    assert out.startswith("## Scale") and "machine:" in out and "versions:" in out
    rows = [line.split("|")[1:-1] for line in out.splitlines() if re.match(r"\| (match|allpairs) \|", line)]
    cells = {(task.strip(), kind.strip(), method.strip()): [c.strip() for c in rest] for task, kind, _n, method, *rest in rows}
    expected = {(task, kind, method) for kind, methods in METHODS.items() for method in methods for task in ("match", "allpairs")}
    assert set(cells) == expected
    for (_task, _kind, method), (seconds, _ratio, _cpu, _peak, _data, result) in cells.items():
        assert re.fullmatch(r"[\d.]+", seconds), (method, seconds)  # measured, not skipped or failed
        assert result == {"ours": "= brute force", "floor": "—"}.get(method, "= ours"), (method, result)
    assert re.search(r"\| jieba [\d.]+ \(our Tokenizer.words", out) and "| rjieba + our dictionary" in out


@pytest.mark.slow
def test_scale_out_quick_prints_every_measurement(capsys):
    from bench import scale_out

    scale_out.main(["--sizes", "1500", "--allpairs", "1200", "--text-pool", "1000", "--no-pages"])
    out = capsys.readouterr().out
    assert out.startswith("## Scale-out") and "machine:" in out
    match = next(line for line in out.splitlines() if line.startswith("| 1,500 |"))
    cells = [c.strip() for c in match.split("|")[1:-1]]
    assert all(re.fullmatch(r"\**[\d.,]+\**", c) for c in cells), cells  # every method measured
    assert float(cells[6]) >= 0.99  # LSA recall@10 against exact search
    assert "same pairs" in out and "| rjieba when it agrees (ours, default) | rjieba |" in out

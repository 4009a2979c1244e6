"""The README is part of the product: every command-line subcommand must be documented."""

from __future__ import annotations

import argparse
import re

import pytest

from compare.cli import build_parser as compare_parser
from corpus.cli import build_parser as corpus_parser
from tests.paths import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _subcommands(parser: argparse.ArgumentParser) -> list[str]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return list(action.choices)
    return []


@pytest.mark.parametrize(
    ("module", "command"),
    [("corpus", c) for c in _subcommands(corpus_parser())] + [("compare", c) for c in _subcommands(compare_parser())],
)
def test_every_subcommand_is_in_the_readme(module, command):
    assert re.search(rf"python -m {module} {command}\b", README), f"README lacks `python -m {module} {command}`"


def test_readme_gives_the_two_commands_and_ci_runs_the_test_one():
    assert "make app" in README and "make test" in README
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ci.strip().splitlines()[-1] == "make check"
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^check: test\s*$", makefile, re.M), "make check must be exactly the README's make test"
    assert re.search(r"^test: setup-dev lint types$", makefile, re.M), "make test must lint and type-check before the tests"

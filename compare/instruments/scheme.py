"""The instrument scheme as data: tools, dimensions, stages, cue words and labelled examples.

Everything a researcher may want to change lives in two YAML files under ``compare/data/``
(``instrument_lexicon.yaml`` and ``instrument_examples.yaml``); this module reads them into frozen
dataclasses, checks them (an unknown tool or a broken pattern is an error naming the file), and
names the 16 tools in the design's order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from corpus.errors import PolicyCompareError

DATA = Path(__file__).resolve().parent.parent / "data"
LEXICON_PATH = DATA / "instrument_lexicon.yaml"
EXAMPLES_PATH = DATA / "instrument_examples.yaml"

DIMENSIONS = ("supply", "environment", "demand")
TOOLS = (
    "talent",
    "funding",
    "technology",
    "infrastructure",
    "public_service",
    "planning",
    "finance",
    "tax",
    "regulation",
    "strategic",
    "procurement",
    "outsourcing",
    "demonstration",
    "trade",
    "international",
    "consumption",
)
STAGES = ("rd", "infrastructure", "products", "applications", "ecosystem")


class SchemeError(PolicyCompareError):
    """The lexicon or the examples file cannot be used as written."""


@dataclass(frozen=True)
class Cue:
    """One cue: a literal word or a compiled pattern, and its weight."""

    word: str
    weight: float
    pattern: re.Pattern[str] | None = None

    def found_in(self, text: str) -> str | None:
        """The text the cue matched in ``text`` (the word itself, or the pattern's match), or None."""
        if self.pattern is None:
            return self.word if self.word in text else None
        m = self.pattern.search(text)
        return m.group(0) if m else None


@dataclass(frozen=True)
class Category:
    """A tool or a stage: its name, Chinese and English labels and cues (dimension for tools)."""

    name: str
    zh: str
    en: str
    cues: tuple[Cue, ...]
    dimension: str | None = None


@dataclass(frozen=True)
class Lexicon:
    """The parsed lexicon file."""

    dimensions: dict[str, tuple[str, str]]
    tools: dict[str, Category]
    stages: dict[str, Category]
    tie_order: tuple[str, ...]
    none_patterns: tuple[re.Pattern[str], ...]
    target_sections: tuple[re.Pattern[str], ...]
    stage_prior: dict[str, str]
    stage_prior_weight: float
    source: str

    def dimension_of(self, tool: str | None) -> str | None:
        return self.tools[tool].dimension if tool else None


@dataclass(frozen=True)
class Example:
    """A labelled clause: its text, primary tool (None: no instrument) and secondary tools."""

    text: str
    tool: str | None
    tools: tuple[str, ...] = ()


def _cues(raw: dict[str, Any] | None, where: str) -> tuple[Cue, ...]:
    out = []
    for word, weight in (raw or {}).items():
        word = str(word)
        try:
            pattern = re.compile(word[3:]) if word.startswith("re:") else None
        except re.error as exc:
            raise SchemeError(where, f"the cue {word!r} is not a valid pattern ({exc})", "Fix or remove it.") from exc
        if not isinstance(weight, int | float) or weight <= 0:
            raise SchemeError(where, f"the cue {word!r} has weight {weight!r}", "Give every cue a positive number.")
        out.append(Cue(word, float(weight), pattern))
    return tuple(out)


def _patterns(raw: list[str] | None, where: str) -> tuple[re.Pattern[str], ...]:
    try:
        return tuple(re.compile(p) for p in raw or [])
    except re.error as exc:
        raise SchemeError(where, f"a pattern does not compile ({exc})", "Fix the pattern.") from exc


def parse_lexicon(data: dict[str, Any], source: str = "lexicon") -> Lexicon:
    """A Lexicon from the YAML's mapping; every one of the 16 tools must be there, nothing else."""
    tools_raw = data.get("tools") or {}
    if set(tools_raw) != set(TOOLS):
        missing, extra = sorted(set(TOOLS) - set(tools_raw)), sorted(set(tools_raw) - set(TOOLS))
        raise SchemeError(source, f"the tools must be the scheme's 16 (missing {missing}, unknown {extra})", "Check the spelling.")
    tools = {}
    for name in TOOLS:
        raw = tools_raw[name]
        if raw.get("dimension") not in DIMENSIONS:
            raise SchemeError(source, f"tool {name} has no valid dimension", f"Use one of {', '.join(DIMENSIONS)}.")
        tools[name] = Category(name, raw["zh"], raw["en"], _cues(raw.get("cues"), f"{source}: {name}"), raw["dimension"])
    stages_raw = data.get("stages") or {}
    if set(stages_raw) != set(STAGES):
        raise SchemeError(source, f"the stages must be {', '.join(STAGES)}", "Check the stages section.")
    stages = {n: Category(n, stages_raw[n]["zh"], stages_raw[n]["en"], _cues(stages_raw[n].get("cues"), f"{source}: {n}")) for n in STAGES}
    order = tuple(data.get("tie_order") or TOOLS)
    if sorted(order) != sorted(TOOLS):
        raise SchemeError(source, "tie_order must list each of the 16 tools once", "Fix tie_order.")
    dims = {k: (v["zh"], v["en"]) for k, v in (data.get("dimensions") or {}).items()}
    prior = {str(k): str(v) for k, v in (data.get("stage_prior") or {}).items()}
    if not set(prior) <= set(TOOLS) or not set(prior.values()) <= set(STAGES):
        raise SchemeError(source, "stage_prior maps tools to stages", f"Use tools as keys and one of {', '.join(STAGES)} as values.")
    return Lexicon(
        dims,
        tools,
        stages,
        order,
        _patterns(data.get("none_patterns"), source),
        _patterns(data.get("target_sections"), source),
        prior,
        float(data.get("stage_prior_weight", 0)),
        source,
    )


def load_lexicon(path: str | Path = LEXICON_PATH) -> Lexicon:
    """The lexicon file at ``path`` (default: the shipped one)."""
    return _load_lexicon(str(path))


@lru_cache(maxsize=8)
def _load_lexicon(path: str) -> Lexicon:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise SchemeError(path, f"the lexicon cannot be read ({exc})", "Check the file's YAML.") from exc
    return parse_lexicon(data or {}, path)


def load_examples(path: str | Path = EXAMPLES_PATH) -> tuple[Example, ...]:
    """The labelled examples at ``path``; an unknown tool is an error naming the example."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise SchemeError(str(path), f"the examples cannot be read ({exc})", "Check the file's YAML.") from exc
    out = []
    for raw in data.get("examples") or []:
        tool, tools = raw.get("tool"), tuple(raw.get("tools") or ())
        for name in (tool, *tools):
            if name is not None and name not in TOOLS:
                raise SchemeError(str(path), f"unknown tool {name!r} in example {raw.get('text', '')[:20]!r}", "Use one of the 16 tools.")
        if not str(raw.get("text") or "").strip():
            raise SchemeError(str(path), "an example has no text", "Give every example a text.")
        out.append(Example(str(raw["text"]), tool, tools))
    return tuple(out)

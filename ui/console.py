"""What both command lines share: printing JSON and status, progress bars, wrapping Chinese text,
the options every command takes, turning library errors into exit codes, and choosing between a
stored policy and a file or URL.

Only the shells (``corpus/cli.py``, ``compare/cli.py``, ``compare/cli_provisions.py``) import this
module, and no shell imports another.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from corpus.errors import NotFoundError, PolicyCompareError, as_policy_error
from corpus.library import ClauseSet, load_clauses, read_clauses
from corpus.readers import is_url
from corpus.store import ClauseStore


def print_json(payload: dict[str, Any]) -> None:
    """The one JSON object a ``--json`` command prints on stdout."""
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")


def status(message: str) -> None:
    """A line for the person at the terminal, on stderr (never mixed into JSON)."""
    print(message, file=sys.stderr, flush=True)


def progress_bar(label: str) -> Callable[[int, int], None]:
    """A ``progress(done, total)`` callback drawing a one-line bar on stderr (only on a terminal)."""
    interactive = sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        if not interactive or total <= 0:
            return
        width = 30
        filled = int(width * done / total)
        sys.stderr.write(f"\r{label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return progress


def char_width(ch: str) -> int:
    """Display columns of one character: a Chinese (wide or full-width) character takes two."""
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def display_width(text: str) -> int:
    return sum(char_width(ch) for ch in text)


_UNBREAKABLE = re.compile(
    r"(?:[0-9A-Za-z０-９Ａ-Ｚａ-ｚ.．%％,:/+\-]*[0-9A-Za-z０-９Ａ-Ｚａ-ｚ%％]|.)[，。、；：？！）》」』”’…]*", re.S
)  # a number or a Latin word, or one character, with the closing punctuation that must not start a line


def wrap_cjk(text: str, width: int) -> list[str]:
    """Wrap by display columns (a Chinese character takes two), breaking between Chinese
    characters but never inside a number or a Latin word (1,000万元, 2025年, 3.5%, AR/VR) and never
    before a closing mark (，。）), unless a token is wider than a whole line. An empty text gives no line."""
    tokens = [piece for token in _UNBREAKABLE.findall(text) for piece in ([token] if display_width(token) <= width else token)]
    lines, current, used = [], "", 0
    for token in tokens:
        w = display_width(token)
        if used + w > width and current:
            lines.append(current)
            current, used = "", 0
        current += token
        used += w
    if current:
        lines.append(current)
    return lines


def short(text: str, n: int = 70) -> str:
    """``text`` cut to ``n`` characters with an ellipsis."""
    return text if len(text) <= n else text[: n - 1] + "…"


def add_json(p: argparse.ArgumentParser, help: str = "print one JSON object") -> None:
    p.add_argument("--json", action="store_true", help=help)


def add_allow_private(p: argparse.ArgumentParser) -> None:
    p.add_argument("--allow-private", action="store_true", help="allow URLs on private or loopback addresses (intranets, tests)")


def resolve_clauses(store: ClauseStore, selector: str, *, allow_private: bool = False) -> ClauseSet:
    """What a user typed on the command line: a stored ``ID`` or ``ID@DOC`` first, else a file or
    URL, read and segmented without being stored. Only a shell makes this choice."""
    if store.has_policy(selector.partition("@")[0]):
        return load_clauses(store, selector)
    if is_url(selector) or Path(selector).exists():
        return read_clauses(selector, allow_private=allow_private)
    raise NotFoundError(selector, "neither a stored policy id nor an existing file or URL", "Run `python -m corpus list` to see the ids.")


def add_debug(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--debug", action="store_true", help="show the traceback of an unexpected error (put before the command)")


def parse(parser: argparse.ArgumentParser, argv: Sequence[str] | None) -> argparse.Namespace | int:
    """Parsed arguments, or exit code 2 after one line on stderr when an argument is not
    valid UTF-8 (the shell passed bytes that no text, path or id can hold)."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    for n, argument in enumerate(arguments, 1):
        try:
            argument.encode("utf-8")
        except UnicodeEncodeError:
            raw = argument.encode("utf-8", "surrogateescape")
            print(f"error: argument {n} ({raw!r}) is not valid UTF-8. Type it in a UTF-8 terminal, or rename the file.", file=sys.stderr)
            return 2
    return parser.parse_args(arguments)


def run(args: argparse.Namespace) -> int:
    """Run a parsed command: any error becomes one line on stderr and exit code 1 (only ``--debug``
    shows the traceback of an unexpected one); a reader that stops early (``| head``) ends the
    command quietly."""
    try:
        code = int(args.func(args))
        sys.stdout.flush()  # inside the guard: a closed pipe shows up here for buffered output
        return code
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # so the flush at exit cannot fail again
        return 0
    except PolicyCompareError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted; nothing half-written was kept", file=sys.stderr)
        return 130
    except Exception as exc:
        if getattr(args, "debug", False):
            raise
        print(f"error: {as_policy_error(exc)} (--debug shows where)", file=sys.stderr)
        return 1

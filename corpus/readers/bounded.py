"""Run a parser in a child process with a wall-clock deadline and a memory limit.

Parsers are untrusted code working on untrusted bytes: a 2 KB .docx or a 30 KB PDF can keep a
parser busy for minutes or make it allocate gigabytes. Each file is therefore read in a forked
child (cheap on Linux: no re-import, a few milliseconds) whose address space is capped with
``RLIMIT_AS``; the parent waits without holding the GIL, kills the child when the deadline
passes, and turns every way the child can fail into one typed error with a source, a problem
and a hint.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from corpus.errors import CorruptFileError, PolicyCompareError, UnsafeFileError

T = TypeVar("T")
HOSTILE_HINT = "Re-export it from the original program, or use another copy."


@dataclass(frozen=True)
class Limits:
    """What one file may cost: wall-clock seconds and megabytes of address space beyond what
    the process already used when the child started."""

    seconds: float = float(os.environ.get("POLICY_READ_SECONDS", "60"))
    memory_mb: int = int(os.environ.get("POLICY_READ_MEMORY_MB", "1024"))


DEFAULT_LIMITS = Limits()


def _address_space_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * resource.getpagesize()


def _child(conn: Connection, func: Callable[..., Any], args: tuple[Any, ...], memory_mb: int) -> None:
    """Body of the child: cap the address space, run ``func``, send back one tagged result."""
    try:
        cap = _address_space_bytes() + memory_mb * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
        outcome: tuple[str, Any] = ("ok", func(*args))
    except MemoryError:
        outcome = ("memory", None)
    except PolicyCompareError as exc:
        outcome = ("error", exc)
    except RecursionError:
        outcome = ("crash", "RecursionError: the file nests or refers to itself too deeply")
    except BaseException as exc:  # any parser failure on hostile bytes ends as a typed error in the parent
        outcome = ("crash", f"{type(exc).__name__}: {str(exc)[:200]}")
    try:
        conn.send(outcome)
    except MemoryError:
        conn.send(("memory", None))
    except Exception:  # a result or error that cannot be pickled (a parser object inside it): send its words
        conn.send(("crash", f"{type(outcome[1]).__name__}: {str(outcome[1])[:300]}"))
    finally:
        conn.close()


def run_bounded(func: Callable[..., T], *args: Any, source: str, limits: Limits = DEFAULT_LIMITS) -> T:
    """``func(*args)`` computed in a child process within ``limits``.

    Returns what ``func`` returns. A ``PolicyCompareError`` raised by ``func`` is re-raised
    as is; a deadline or memory breach raises ``UnsafeFileError`` and any other failure
    (a parser bug, a crash) ``CorruptFileError``, each naming ``source``.
    """
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(send, func, args, limits.memory_mb), daemon=True)
    child.start()
    send.close()
    try:
        if not receive.poll(limits.seconds):
            raise UnsafeFileError(
                source, f"reading took longer than {limits.seconds:g} s and was stopped; the file may be damaged or hostile", HOSTILE_HINT
            )
        try:
            kind, value = receive.recv()
        except (EOFError, OSError):
            child.join(5)
            kind, value = "died", child.exitcode
    finally:
        if child.is_alive():
            child.kill()
        child.join(5)
        receive.close()
    if kind == "ok":
        return value  # type: ignore[no-any-return]
    if kind == "error":
        raise value
    if kind == "memory" or (kind == "died" and value in {-9, -6}):  # SIGKILL (OOM) or abort from a failed allocation
        raise UnsafeFileError(
            source,
            f"reading needed more than {limits.memory_mb} MB of memory and was stopped; the file may be damaged or hostile",
            HOSTILE_HINT,
        )
    if kind == "died":
        raise CorruptFileError(
            source, f"the reader stopped abnormally (exit code {value}); the file may be damaged or hostile", HOSTILE_HINT
        )
    raise CorruptFileError(source, f"the file could not be read ({value}); the file may be damaged or hostile", HOSTILE_HINT)

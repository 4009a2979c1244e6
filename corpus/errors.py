"""The few error types a user can meet when a document cannot be read or stored.

Each error names the source (file or URL), says what is wrong and what to do about it, so
that a shell can print ``str(error)`` and nothing else.
"""

from __future__ import annotations

import errno


class PolicyCompareError(Exception):
    """Base of every error the library raises on purpose."""

    def __init__(self, source: str, problem: str, hint: str = "") -> None:
        self.source = source
        self.problem = problem
        self.hint = hint
        super().__init__(self.message)

    @property
    def message(self) -> str:
        text = f"{self.source}: {self.problem}" if self.source else self.problem
        return f"{text}. {self.hint}" if self.hint else text

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> tuple[type[PolicyCompareError], tuple[str, str, str]]:
        """Pickle with all three parts, so an error raised in a reader's child process
        arrives whole in the parent."""
        return (type(self), (self.source, self.problem, self.hint))


class UnsupportedFormatError(PolicyCompareError):
    """The file type is not one we read (or is a legacy format such as .doc)."""


class CorruptFileError(PolicyCompareError):
    """The file claims a format but its bytes are broken."""


class EncryptedFileError(PolicyCompareError):
    """The file needs a password to open."""


class EncodingError(PolicyCompareError):
    """A text file whose encoding cannot be determined without guessing."""


class NoTextError(PolicyCompareError):
    """The file opened but holds no usable text (empty, scanned, garbled glyphs)."""


class UnsafeFileError(PolicyCompareError):
    """The file is too large or built to exhaust the machine (zip bomb, XML entities)."""


class FetchError(PolicyCompareError):
    """A URL could not be fetched: dead, refused, blocked or too large."""


class ServerError(FetchError):
    """The server answered with a 5xx status: it is there, and a later try may work."""


class HostUnreachable(FetchError):
    """The host could not be resolved or connected to (offline, wrong address, site down)."""


class FetchTimeout(FetchError):
    """No answer within the time limit: a later try may work if the host is up."""


class DuplicateError(PolicyCompareError):
    """The same bytes are already stored as another policy's text; ``document`` is that copy."""

    def __init__(self, source: str, problem: str, hint: str = "", document: object = None) -> None:
        super().__init__(source, problem, hint)
        self.document = document


class NotFoundError(PolicyCompareError):
    """A policy, document or clause id that the store does not hold."""


class StoreError(PolicyCompareError):
    """The database is missing, locked or of a newer schema than this program."""


def as_policy_error(exc: BaseException, source: str = "") -> PolicyCompareError:
    """Any exception as one of ours, so that a shell shows one message and never a traceback.

    Ours pass through; exhaustion and OS failures get their own words; anything else is
    named as an unexpected failure (a bug to report), with its type and a short message.
    """
    if isinstance(exc, PolicyCompareError):
        return exc
    if isinstance(exc, MemoryError):
        return UnsafeFileError(source, "reading it needed more memory than the machine has", "The file may be damaged or hostile.")
    if isinstance(exc, RecursionError):
        return CorruptFileError(source, "its structure is nested too deeply to follow", "The file may be damaged or hostile.")
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return PolicyCompareError(source, "the disk is full", "Free some space and try again.")
    if isinstance(exc, OSError) and exc.strerror:
        where = exc.filename if isinstance(exc.filename, str) else source
        return PolicyCompareError(where, f"the operating system refused ({exc.strerror})", "Check the path and its permissions.")
    detail = str(exc).splitlines()[0][:200] if str(exc) else ""
    return PolicyCompareError(
        source,
        f"an unexpected {type(exc).__name__} stopped the work{f' ({detail})' if detail else ''}; nothing half-written was kept",
        "This is a bug in policy-compare: please report it with the file or command that caused it.",
    )

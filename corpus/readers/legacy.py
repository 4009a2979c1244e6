"""Legacy word-processor files (.doc, .wps) converted to .docx by LibreOffice, and .ofd refused.

Government sites still attach .doc and WPS files. LibreOffice reads both; we run it headless
in a temporary folder with its own profile (so parallel conversions never share a lock) and a
deadline, and read the .docx it writes with our own reader. Without LibreOffice the user is
told what to install. OFD (the Chinese fixed-layout format) is refused: no library we would
keep reads its text reliably (see README).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import NoReturn

from corpus.errors import CorruptFileError, UnsupportedFormatError

CONVERT_TIMEOUT = 60.0
INSTALL_HINT = "Install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui) or save the file as .docx or PDF."


def find_soffice(candidate: str | None = None) -> str | None:
    """The LibreOffice executable: ``candidate`` if given (a path or a name on PATH), else
    ``soffice`` or ``libreoffice`` on PATH; None when not installed."""
    names = [candidate] if candidate else ["soffice", "libreoffice"]
    for name in names:
        found = shutil.which(name) if name else None
        if found:
            return found
    return None


def legacy_to_docx(data: bytes, name: str, source: str, *, soffice: str | None = None, timeout: float = CONVERT_TIMEOUT) -> bytes:
    """The .docx bytes LibreOffice makes of a .doc or .wps file.

    ``soffice`` names the executable to use (default: the one on PATH). Raises
    ``UnsupportedFormatError`` when LibreOffice is missing and ``CorruptFileError`` when it
    fails or runs past ``timeout`` seconds.
    """
    executable = find_soffice(soffice)
    if executable is None:
        raise UnsupportedFormatError(
            source, "this is a legacy .doc/.wps file and LibreOffice, which converts it, is not installed", INSTALL_HINT
        )
    suffix = Path(name).suffix.lower() if Path(name).suffix.lower() in {".doc", ".wps"} else ".doc"
    with tempfile.TemporaryDirectory(prefix="policy-compare-convert-") as tmp:
        folder = Path(tmp)
        infile = folder / f"input{suffix}"
        infile.write_bytes(data)
        command = [
            executable,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "docx",
            "--outdir",
            str(folder / "out"),
            str(infile),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=timeout, check=False, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired as exc:
            raise CorruptFileError(
                source,
                f"LibreOffice took longer than {timeout:.0f} s to convert the file",
                "The file may be damaged; open it in an office program and save it as .docx.",
            ) from exc
        except OSError as exc:
            raise UnsupportedFormatError(source, f"LibreOffice could not be started ({exc.strerror or exc})", INSTALL_HINT) from exc
        out = folder / "out" / "input.docx"
        if not out.exists() or out.stat().st_size == 0:
            raise CorruptFileError(
                source,
                "LibreOffice could not convert this .doc/.wps file",
                "The file may be damaged; open it in an office program and save it as .docx.",
            )
        return out.read_bytes()


def refuse_ofd(source: str) -> NoReturn:
    """OFD files are refused with what to do instead."""
    raise UnsupportedFormatError(
        source,
        "OFD files are not read (no library we can rely on extracts their text)",
        "Open it in an OFD reader (e.g. 数科OFD阅读器) and save it as PDF or text, then add that file.",
    )

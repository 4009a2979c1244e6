"""Every mistake a user can make at ``python -m corpus`` ends as one line on stderr, never a traceback."""

from __future__ import annotations

import errno
import io
import os
import subprocess
import sys
import zipfile

import pytest

from corpus.cli import main
from corpus.errors import CorruptFileError, PolicyCompareError, UnsafeFileError, as_policy_error
from tests.corpus import builders
from tests.paths import ROOT, ZHEJIANG

QINGLAN = "青岚区元宇宙产业扶持办法\n第一条 对青岚区元宇宙企业给予最高50万元奖励。\n第二条 支持青岚区建设元宇宙创新中心。\n"  # fictional


def _cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def _malformed_numbering_docx() -> bytes:
    """A Word file whose numbering start is not a number (``w:start w:val="x"``)."""
    data = builders.numbered_docx()
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/numbering.xml")
    return builders.rewrite_zip(
        data, {"word/numbering.xml": xml.replace(b'w:ilvl="0"><w:start w:val="1"', b'w:ilvl="0"><w:start w:val="x"')}
    )


@pytest.fixture
def fifo(tmp_path):
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["segment", "/dev/zero"], "/dev/zero: this is not a regular file (a device, pipe or socket)"),
        (["segment", "{fifo}"], "this is not a regular file"),
        (["remove", str(10**30)], f"{10**30}: no single document matches"),
        (["remove", "%%%%%%"], "%%%%%%: no single document matches"),
        (["primary", "______"], "______: no single document matches"),
        (["add", "qinglan-2022-measures", "--title", "  ", "--jurisdiction", "青岚区"], "title: must not be empty"),
        (
            ["add", "qinglan-2022-measures", "--title", "青岚区办法", "--jurisdiction", "青岚区", "--date", "not-a-date"],
            "not-a-date: not a date",
        ),
        (["add", "qinglan-2022-measures", "--title", "青岚区办法", "--jurisdiction", "青岚区", "--date", "2022-02-30"], "not a date"),
        (
            ["add", "qinglan-2022-measures", "--title", "青岚区办法", "--jurisdiction", "青岚区", "--url", "javascript:alert(1)"],
            "must start with http:// or https://",
        ),
    ],
)
def test_bad_input_is_one_line_and_changes_nothing(store, capsys, fifo, argv, says):
    before = store.counts()
    code, out, err = _cli(capsys, *(a.replace("{fifo}", str(fifo)) for a in argv))
    assert code == 1 and out == ""
    assert err.startswith("error: ") and says in err and err.count("\n") == 1
    assert store.counts() == before and not store.has_policy("qinglan-2022-measures")


def test_a_valid_date_is_stored(store, capsys):
    code, _, _ = _cli(capsys, "add", "qinglan-2022-measures", "--title", "青岚区办法", "--jurisdiction", "青岚区", "--date", "2022-03")
    assert code == 0 and store.policy("qinglan-2022-measures").date == "2022-03"


def test_show_refuses_a_document_of_another_policy(store, capsys, tmp_path):
    path = tmp_path / "qinglan.txt"
    path.write_text(QINGLAN, encoding="utf-8")
    assert _cli(capsys, "ingest", str(path), "--policy", "qinglan-2022-measures")[0] == 0
    other = store.documents("qinglan-2022-measures")[0]
    code, out, err = _cli(capsys, "show", ZHEJIANG, "--document", str(other.id))
    assert code == 1 and out == ""
    assert f"belongs to policy qinglan-2022-measures, not {ZHEJIANG}" in err


def test_a_multi_file_ingest_goes_on_after_a_failing_file_and_reports_each(store, capsys, tmp_path, fifo):
    good = tmp_path / "qinglan.txt"
    good.write_text(QINGLAN, encoding="utf-8")
    second = tmp_path / "yunxi.txt"
    second.write_text(QINGLAN.replace("青岚区", "云溪市"), encoding="utf-8")
    odd = tmp_path / "odd.docx"
    odd.write_bytes(_malformed_numbering_docx())
    targets = [str(good), str(tmp_path / "missing.txt"), str(fifo), str(odd), str(second)]
    code, _, err = _cli(capsys, "ingest", *targets)
    assert code == 1
    lines = err.splitlines()
    for n, target in enumerate(targets, 1):
        assert sum(line.startswith(f"[{n}/5] ") and ("error: " in line or "stored" in line) for line in lines) == 1, target
    assert f"[2/5] error: {tmp_path / 'missing.txt'}: no such file. Check the path." in lines
    assert f"[3/5] error: {fifo}: this is not a regular file (a device, pipe or socket). Give a document file." in lines
    stored = {d.source for d in store.documents()}
    assert {str(good), str(second)} <= stored
    assert lines[-1].endswith("failed") and "of 5 stored or already stored" in lines[-1]


def test_an_argument_that_is_not_utf8_is_refused_in_a_real_process(tmp_path):
    env = {**os.environ, "POLICY_DB": str(tmp_path / "db.sqlite")}
    proc = subprocess.run(
        [sys.executable, "-m", "corpus", "segment", b"\xff\xfe-\xc3.txt"], cwd=ROOT, env=env, capture_output=True, timeout=120
    )
    assert proc.returncode == 2 and proc.stdout == b""
    assert proc.stderr.startswith(b"error: argument 2 (b'\\xff\\xfe-\\xc3.txt') is not valid UTF-8") and b"Traceback" not in proc.stderr
    assert not (tmp_path / "db.sqlite").exists()


@pytest.mark.parametrize(
    ("exc", "kind", "says"),
    [
        (MemoryError(), UnsafeFileError, "needed more memory than the machine has"),
        (RecursionError("maximum recursion depth exceeded"), CorruptFileError, "nested too deeply"),
        (OSError(errno.ENOSPC, "No space left on device"), PolicyCompareError, "the disk is full"),
        (PermissionError(errno.EACCES, "Permission denied", "/srv/x.txt"), PolicyCompareError, "/srv/x.txt: the operating system refused"),
        (ValueError("invalid literal for int() with base 10: 'x'\nsecond line"), PolicyCompareError, "an unexpected ValueError"),
    ],
)
def test_any_exception_becomes_one_of_ours(exc, kind, says):
    error = as_policy_error(exc, "plan.docx")
    assert isinstance(error, kind) and says in str(error) and "\n" not in str(error)

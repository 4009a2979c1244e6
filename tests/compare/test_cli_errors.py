"""Mistakes at ``python -m compare`` end as one line on stderr and a non-zero exit, never a traceback."""

from __future__ import annotations

import pytest

from compare.cli import main
from tests.paths import ZHEJIANG


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["align", ZHEJIANG, f"{ZHEJIANG}@2", "--threshold", "nan"], "'nan' is not a score between 0 and 1"),
        (["align", ZHEJIANG, f"{ZHEJIANG}@2", "--threshold", "inf"], "'inf' is not a score between 0 and 1"),
        (["matrix", "--threshold", "-0.5"], "'-0.5' is not a score between 0 and 1"),
        (["matrix", "--from", "not-a-date"], "'not-a-date' is not a date"),
        (["search", "补贴", "--to", "2022-13-01"], "'2022-13-01' is not a date"),
        (["search", "补贴", "--top", "0"], "'0' is not a whole number from 1 to 10000"),
        (["match", ZHEJIANG, "--top", str(10**30)], "is not a whole number from 1 to 10000"),
    ],
)
def test_bad_options_are_usage_errors(argv, says, capsys):
    with pytest.raises(SystemExit) as info:
        main(argv)
    err = capsys.readouterr().err
    assert info.value.code == 2 and says in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("out", "says"),
    [
        ("missing-folder/brief.xlsx", "the folder {tmp}/missing-folder does not exist. Create it first"),
        ("folder.xlsx", "{tmp}/folder.xlsx: this is a folder, not a file name"),
        ("brief.pdf", "a brief is written as .xlsx, .docx, .md or .csv"),
    ],
)
def test_brief_out_where_no_file_can_be_written(store, tmp_path, capsys, out, says):
    (tmp_path / "folder.xlsx").mkdir()
    code = main(["brief", "--out", str(tmp_path / out)])
    err = capsys.readouterr().err
    assert code == 1 and says.format(tmp=tmp_path) in err and "Traceback" not in err
    assert not (tmp_path / "missing-folder").exists()


def test_a_valid_date_filter_still_works(store, capsys):
    assert main(["search", "数字人", "--from", "2022-12", "--json"]) == 0
    assert '"results"' in capsys.readouterr().out


@pytest.mark.parametrize("out", ["missing-folder/side.docx", "folder.xlsx"])
def test_align_out_where_no_file_can_be_written(store, tmp_path, capsys, out):
    (tmp_path / "folder.xlsx").mkdir()
    code = main(["align", ZHEJIANG, f"{ZHEJIANG}@2", "--out", str(tmp_path / out)])
    err = capsys.readouterr().err
    assert code == 1 and ("does not exist" in err or "this is a folder" in err) and "Traceback" not in err


@pytest.mark.parametrize("fmt", ["md", "csv"])
def test_brief_out_in_every_format_through_the_compare_cli(store, tmp_path, capsys, fmt):
    assert main(["brief", "--out", str(tmp_path / f"brief.{fmt}")]) == 0
    assert (tmp_path / f"brief.{fmt}").stat().st_size > 0

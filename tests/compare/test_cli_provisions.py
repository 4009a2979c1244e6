"""The subsidies, targets and brief commands as a user runs them."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

import pytest
from openpyxl import load_workbook

from compare.cli import main
from compare.cli_provisions import register
from tests.paths import FIXTURES, ROOT, ZHEJIANG

NANSHA = "guangzhou-nansha-2022-nine-measures"
SUBSIDY_KEYS = {"policy", "clause", "kind", "amount_yuan", "cap", "rate", "area_m2", "years", "per", "text", "source"}
TARGET_KEYS = {"policy", "clause", "kind", "label", "value", "unit", "year", "text", "source"}


def run_json(*args: str, db) -> dict:
    """A real process, so that anything printed on stdout besides the JSON breaks the parse."""
    code = "import sys; from compare.cli import main; sys.exit(main(sys.argv[1:]))"
    env = {**os.environ, "POLICY_DB": str(db)}
    proc = subprocess.run([sys.executable, "-c", code, *args, "--json"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_targets_json_follows_the_contract(store):
    out = run_json("targets", ZHEJIANG, NANSHA, db=store.path)
    assert set(out) == {"records"}
    records = out["records"]
    assert all(set(r) >= TARGET_KEYS for r in records)
    zhejiang = [r for r in records if r["policy"] == ZHEJIANG]
    assert len(zhejiang) == 9 and all(r["source"] == "clause" and r["clause"] for r in zhejiang)
    assert {"kind": "industry_scale", "value": 2e11, "unit": "元", "year": 2025}.items() <= next(
        r for r in zhejiang if r["kind"] == "industry_scale"
    ).items()
    assert all(r["source"] == "registry" and r["clause"] is None and r["source_url"] for r in records if r["policy"] == NANSHA)


def test_subsidies_json_follows_the_contract(store):
    records = run_json("subsidies", NANSHA, str(FIXTURES / "fictional_district_measures.txt"), db=store.path)["records"]
    assert all(set(r) >= SUBSIDY_KEYS for r in records)
    assert {r["source"] for r in records} == {"registry", "clause"}
    hq = next(r for r in records if r["text"] == "总部型企业落户奖励")
    assert (hq["kind"], hq["amount_yuan"], hq["cap"]) == ("relocation", 3e7, True)


def test_both_seeds_give_the_same_targets(store, capsys):
    def targets(selector):
        assert main(["targets", selector, "--json"]) == 0
        return sorted((r["kind"], r["label"], r["value"], r["year"]) for r in json.loads(capsys.readouterr().out)["records"])

    assert targets(ZHEJIANG) == targets(f"{ZHEJIANG}@2") and len(targets(ZHEJIANG)) == 9


def test_text_output_is_readable(store, capsys):
    assert main(["targets", ZHEJIANG]) == 0
    out = capsys.readouterr().out
    assert "相关产业规模  2000亿元以上  2025年" in out and "← 一、（二） 产业生态全面构建  [zhejiang-2023-2025-action-plan/" in out
    assert main(["subsidies", NANSHA]) == 0
    assert "最高3000万元" in capsys.readouterr().out


def test_unknown_policy_is_an_error_on_stderr(store, capsys):
    assert main(["subsidies", "no-such-policy", "--json"]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.startswith("error: no-such-policy")


@pytest.mark.parametrize("fmt", ["xlsx", "docx", "md", "csv"])
def test_brief_of_all_policies_by_extension(store, tmp_path, capsys, fmt):
    out = tmp_path / f"brief.{fmt}"
    assert main(["brief", "--out", str(out)]) == 0
    assert out.stat().st_size > 0 and "wrote" in capsys.readouterr().err
    if fmt == "md":
        text = out.read_text(encoding="utf-8")
        assert all(p.display_title in text for p in store.policies())  # every policy is cited


def test_brief_of_some_policies(store, tmp_path):
    out = tmp_path / "brief.md"
    assert main(["brief", ZHEJIANG, "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "相关产业规模" in text and "南沙" not in text


@pytest.mark.parametrize(
    ("lang", "sheets"), [(None, ["政策概览", "补贴对照"]), ("zh", ["政策概览", "补贴对照"]), ("en", ["overview", "subsidy_matrix"])]
)
def test_brief_lang_names_sheets_and_headers(store, tmp_path, lang, sheets):
    out = tmp_path / "brief.xlsx"
    assert main(["brief", ZHEJIANG, "--out", str(out), *(["--lang", lang] if lang else [])]) == 0
    book = load_workbook(out)
    assert book.sheetnames[:2] == sheets
    assert book.worksheets[0]["A1"].value == ("Policy" if lang == "en" else "政策")


def test_brief_refuses_an_unknown_format_before_working(store, tmp_path, capsys):
    assert main(["brief", "--out", str(tmp_path / "brief.pdf")]) == 1
    assert "xlsx" in capsys.readouterr().err and not (tmp_path / "brief.pdf").exists()


def test_register_adds_the_commands_to_another_parser():
    parser = argparse.ArgumentParser()
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["brief", "--out", "b.xlsx"])
    assert args.policies == [] and callable(args.func)
    with pytest.raises(SystemExit):
        parser.parse_args(["subsidies"])  # at least one policy


@pytest.mark.parametrize("command", ["subsidies", "targets", "brief"])
def test_every_command_is_in_the_readme(command):
    assert f"python -m compare {command}" in (ROOT / "README.md").read_text(encoding="utf-8")

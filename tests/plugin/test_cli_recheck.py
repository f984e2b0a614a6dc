"""remsym check through the cache and against a baseline: a re-run gives the same record, an
edited module is checked afresh, --no-cache leaves no trace, baseline changes exit 1."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from remsym.cli import main

MODULE = '''
import sympy as sp
from remsym.derivation import DerivationBuilder

x = sp.Symbol("x", positive=True)


def d():
    b = DerivationBuilder("d", "logs", domain=((x, 0.5, 3),))
    b.equal(sp.exp(x) * sp.exp(x), sp.exp(2 * x), "merge")
    b.equal(sp.log(x**3), {after}, "power out")
    return b.build(sp.log(x**3), exact={after})


DERIVATIONS = [d]
'''


def run(monkeypatch, capsys, *args):
    monkeypatch.setattr("sys.argv", ["remsym", "check", *map(str, args)])
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def user(tmp_path, monkeypatch):
    monkeypatch.setenv("REMSYM_JOBS", "1")
    path = tmp_path / "mine.py"
    path.write_text(MODULE.format(after="3 * sp.log(x)"))
    return path


def entries(kind):
    return list(Path(os.environ["REMSYM_CACHE_DIR"]).rglob(f"{kind}/*/*.json"))


def test_a_rerun_is_served_whole_and_an_edit_is_checked_afresh(user, monkeypatch, capsys):
    code, out, _ = run(monkeypatch, capsys, user, "--json")
    first = json.loads(out)["results"]
    assert code == 0 and len(entries("run")) == 1 and len(entries("step")) == 2
    code, out, _ = run(monkeypatch, capsys, user, "--json")
    assert code == 0 and json.loads(out)["results"] == first
    user.write_text(MODULE.format(after="2 * sp.log(x)"))  # the same size, now wrong
    code, out, _ = run(monkeypatch, capsys, user, "--json")
    (result,) = json.loads(out)["results"]
    assert code == 1 and result["status"] == "failed"
    assert [s["status"] for s in result["step_checks"]] == ["verified", "refuted"]
    assert len(entries("step")) == 3  # the new (refuted) step is stored, the failed run not
    assert len(entries("run")) == 1


def test_no_cache_leaves_nothing_behind(user, monkeypatch, capsys):
    code, _, _ = run(monkeypatch, capsys, user, "--json", "--no-cache")
    assert code == 0 and entries("*") == []


def test_baseline_lists_changes_old_to_new_and_exits_1(user, tmp_path, monkeypatch, capsys):
    saved = tmp_path / "base.json"
    code, _, _ = run(monkeypatch, capsys, user, "--baseline", saved, "--update-baseline")
    assert code == 0 and json.loads(saved.read_text())["results"][0]["status"] == "confirmed"
    code, _, _ = run(monkeypatch, capsys, user, "--baseline", saved)
    assert code == 0
    user.write_text(MODULE.format(after="2 * sp.log(x)"))
    code, out, err = run(monkeypatch, capsys, user, "--json", "--baseline", saved)
    assert code == 1
    assert json.loads(out)["results"][0]["status"] == "failed"  # stdout stays one JSON
    assert err.splitlines()[-2:] == ["baseline: d: status confirmed -> failed",
                                     "baseline: d: step 'power out' verified -> refuted"]


def test_update_baseline_needs_a_file(user, monkeypatch, capsys):
    code, _, err = run(monkeypatch, capsys, user, "--update-baseline")
    assert code == 2 and err.strip() == ("remsym: error: --update-baseline needs "
                                         "--baseline FILE.json")


def test_a_data_file_beside_the_module_is_part_of_the_run_key(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("REMSYM_JOBS", "1")
    (tmp_path / "power.txt").write_text("2")
    path = tmp_path / "reads.py"
    # read when d() builds (a dict of builders: built at each check, also in this process)
    source = MODULE.replace("import sympy as sp", "import pathlib\nimport sympy as sp")
    path.write_text(source.replace("DERIVATIONS = [d]", 'DERIVATIONS = {{"d": d}}').format(
        after="int(pathlib.Path(__file__).with_name('power.txt').read_text()) * sp.log(x)"))
    assert run(monkeypatch, capsys, path, "--json")[0] == 1  # log(x**3) = 2 log(x): refuted
    (tmp_path / "power.txt").write_text("3")
    code, out, _ = run(monkeypatch, capsys, path, "--json")
    assert code == 0 and json.loads(out)["results"][0]["status"] == "confirmed"
    assert run(monkeypatch, capsys, path, "--json")[0] == 0  # and now from the cache
    (tmp_path / "power.txt").write_text("4")
    assert run(monkeypatch, capsys, path, "--json")[0] == 1

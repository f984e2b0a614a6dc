"""Worker tasks of ``remsym check``: declared groups stay together, results keep their order."""

import os

import pytest

from remsym.derivation.registry import builders, check_groups, load_module
from remsym.derivation.run import _tasks, check_ids
from remsym.errors import DerivationError

MODULE = """
import os
import sympy as sp
from remsym.derivation import DerivationBuilder

x = sp.Symbol('x', positive=True)

def make(ident):
    def build():
        b = DerivationBuilder(ident, 'worker ' + str(os.getpid()))
        b.equal((x + 1) ** 2, x**2 + 2 * x + 1, 'expand')
        return b.build((x + 1) ** 2, exact=x**2 + 2 * x + 1)
    return build

DERIVATIONS = {i: make(i) for i in ('a', 'b', 'c', 'd', 'e')}
CHECK_GROUPS = (('d', 'b'), ('a', 'e'))
"""


@pytest.fixture
def user_module(tmp_path):
    path = tmp_path / "grouped.py"
    path.write_text(MODULE)
    return str(path)


def test_groups_first_in_their_own_order_then_single_ids_later_first(user_module):
    assert _tasks([user_module], ["a", "b", "c", "d", "e"]) == [("d", "b"), ("a", "e"), ("c",)]


def test_a_group_is_restricted_to_the_selected_ids(user_module):
    assert _tasks([user_module], ["b", "c", "e"]) == [("b",), ("e",), ("c",)]


def test_a_group_member_is_checked_once_even_if_listed_twice(tmp_path):
    path = tmp_path / "twice.py"
    path.write_text(MODULE.replace("(('d', 'b'), ('a', 'e'))", "(('d', 'b'), ('b', 'e'))"))
    assert _tasks([str(path)], ["b", "d", "e"]) == [("d", "b"), ("e",)]


def test_a_malformed_group_is_a_one_line_error(tmp_path):
    path = tmp_path / "bad.py"
    path.write_text(MODULE.replace("(('d', 'b'), ('a', 'e'))", "('d', 'b')"))
    with pytest.raises(DerivationError, match="bad.py: CHECK_GROUPS holds 'd'"):
        check_groups([load_module(path)])


def test_a_group_naming_an_unknown_id_is_a_one_line_error(tmp_path):
    path = tmp_path / "typo.py"
    path.write_text(MODULE.replace("('a', 'e'))", "('a', 'f'))"))
    module = load_module(path)
    assert check_groups([module]) == [("d", "b"), ("a", "f")]  # without ids to check against
    with pytest.raises(DerivationError, match="typo.py: CHECK_GROUPS names 'f'"):
        check_groups([module], known={"a", "b", "c", "d", "e"})


def test_grouped_ids_share_a_worker_and_results_keep_the_callers_order(user_module):
    results = check_ids([user_module], ["a", "b", "c", "d", "e"], 15, jobs=2)
    assert [r["id"] for r in results] == ["a", "b", "c", "d", "e"]
    assert all(r["status"] == "confirmed" for r in results)
    worker = {r["id"]: r["title"] for r in results}
    assert worker["d"] == worker["b"] and worker["a"] == worker["e"]
    assert str(os.getpid()) not in worker.values()


def test_the_papers_rate_equations_are_one_task():
    tasks = _tasks([], ["eq12", "eq13", "eq14", "eq15", "eq16", "plm"])
    assert tasks == [("eq16", "eq12", "eq14", "eq15", "eq13", "plm")]
    assert sorted(i for t in tasks for i in t) == ["eq12", "eq13", "eq14", "eq15", "eq16", "plm"]


LIST_MODULE = """
import os
import sympy as sp
from remsym.derivation import DerivationBuilder

LOG = {log!r}
with open(LOG, 'a') as fh:
    fh.write('import\\n')

x = sp.Symbol('x', positive=True)

def make(ident):
    def build():
        with open(LOG, 'a') as fh:
            fh.write('build ' + ident + '\\n')
        b = DerivationBuilder(ident, 'x + x')
        b.equal((x + 1) ** 2, x**2 + 2 * x + 1, 'expand')
        return b.build((x + 1) ** 2, exact=x**2 + 2 * x + 1)
    return build

DERIVATIONS = [make(i) for i in ('a', 'b', 'c', 'd')]
"""


def test_a_user_module_runs_once_and_its_list_is_built_once(tmp_path):
    # before: the module ran twice in the parent and twice per worker, and a list-style
    # DERIVATIONS was built again for every id checked (quadratic in the ids)

    log = tmp_path / "events.txt"
    path = tmp_path / "listed.py"
    path.write_text(LIST_MODULE.format(log=str(log)))
    ids = list(builders([load_module(path)]))
    results = check_ids([str(path)], ids, 15, jobs=2)
    assert [r["status"] for r in results] == ["confirmed"] * 4
    assert sorted(log.read_text().split("\n")[:-1]) == [
        "build a", "build b", "build c", "build d", "import"]
    # an edited file is loaded again
    path.write_text(LIST_MODULE.format(log=str(log)).replace("'d')]", "'d', 'e')]"))
    assert list(builders([load_module(path)])) == ["a", "b", "c", "d", "e"]


def test_a_rewritten_module_of_the_same_size_is_loaded_again(tmp_path):
    path = tmp_path / "same.py"
    path.write_text("VALUE = 1\nDERIVATIONS = {}\n")
    assert load_module(path).VALUE == 1
    path.write_text("VALUE = 2\nDERIVATIONS = {}\n")  # same size, likely the same mtime tick
    assert load_module(path).VALUE == 2


def test_a_list_entry_replaced_in_place_is_seen(tmp_path):
    log = tmp_path / "events.txt"
    path = tmp_path / "listed.py"
    path.write_text(LIST_MODULE.format(log=str(log)))
    module = load_module(path)
    assert list(builders([module])) == ["a", "b", "c", "d"]
    module.DERIVATIONS[0] = module.make("z")
    assert list(builders([module])) == ["z", "b", "c", "d"]

"""``pytest --remsym PATH``: one item per derivation id, assertion-like failures, xfail for
unverified steps, expected verdicts, pytest-xdist and any order (pytester, in process)."""

from __future__ import annotations

import textwrap

import pytest

MODULE = '''
import sympy as sp
from remsym.derivation import DerivationBuilder, Limit, printed

x = sp.Symbol("x", positive=True)
z = sp.Symbol("z", positive=True)
G = sp.Function("G")


def good():
    b = DerivationBuilder("good", "exponentials", domain=((x, 0.5, 3),))
    b.equal(sp.exp(x) * sp.exp(2 * x), sp.exp(3 * x), "merge exponentials")
    return b.build(sp.exp(x) * sp.exp(2 * x), exact=sp.exp(3 * x))


def wrong():
    b = DerivationBuilder("wrong", "erfc tail", domain=((z, 0.5, 3),))
    b.asymptotic(sp.erfc(z), sp.exp(-z**2) / z, "wrong-expansion", Limit(z, sp.oo, start=4),
                 order=1 / z**2)
    return b.build(sp.erfc(z), leading=sp.exp(-z**2) / z)


def misprint():
    b = DerivationBuilder("misprint", "a printed sign error", domain=((x, 0.5, 3),))
    b.equal(sp.exp(x) * sp.exp(2 * x), sp.exp(3 * x), "merge exponentials")
    return b.build(sp.exp(x) * sp.exp(2 * x), exact=sp.exp(3 * x),
                   printed=printed("e^{-3x}", sp.exp(x) * sp.exp(2 * x), sp.exp(-3 * x)))


def undecided():
    b = DerivationBuilder("undecided", "an arbitrary function", domain=((x, 0.5, 3),))
    b.equal(sp.sqrt(G(x) ** 2), G(x), "square root of a square")
    return b.build(sp.sqrt(G(x) ** 2), exact=G(x))


DERIVATIONS = [good, wrong, misprint, undecided]
'''


@pytest.fixture
def module(pytester):
    pytester.makepyfile(derivs=MODULE)
    return pytester


def test_one_item_per_derivation_named_by_its_id(module):
    result = module.runpytest("--remsym", "derivs.py", "--collect-only", "-q")
    result.stdout.fnmatch_lines(["derivs.py::good", "derivs.py::wrong", "derivs.py::misprint",
                                 "derivs.py::undecided"])
    assert result.ret == 0


def test_outcomes_and_the_failure_report_reads_like_an_assertion(module):
    result = module.runpytest("--remsym", "derivs.py", "-rA")
    result.assert_outcomes(passed=1, failed=2, xfailed=1)
    result.stdout.fnmatch_lines([
        "*wrong: step 1 'wrong-expansion' (~) refuted by the limit witness",
        "*left:   erfc(z)",
        "*right:  exp(-z**2)/z",
        "*along:  z -> oo, declared order z**(-2)",
        "*by:     relative error 0.*",
        "*why:    the ratio of the two sides tends to*not 1*",
        "*misprint: verdict erratum, expected confirmed or approximation",
        "*XFAIL derivs.py::undecided*unverified*",
    ])
    text = result.stdout.str()
    assert "Traceback" not in text and "check_built" not in text
    # the sub-results: one line per step in the report section
    result.stdout.fnmatch_lines(["*remsym steps*", "*1. merge exponentials (=): verified*"])


def test_strict_fails_an_unverified_step(module):
    result = module.runpytest("--remsym", "derivs.py", "--remsym-strict", "-k", "undecided")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*undecided: 1 step(s) unverified (--remsym-strict)*"])


def test_expected_verdicts_from_ini_marker_and_module_keep_the_suite_green(module):
    module.makeini(textwrap.dedent("""
        [pytest]
        remsym_paths = derivs.py
        remsym_expect =
            misprint erratum
    """))
    module.makeconftest(textwrap.dedent("""
        import pytest

        def pytest_collection_modifyitems(items):
            for item in items:
                if item.name == "wrong":
                    item.add_marker(pytest.mark.remsym(verdict="failed"))
    """))
    result = module.runpytest("-rA")  # the paths from the ini option alone
    result.assert_outcomes(passed=3, xfailed=1)
    result.stdout.fnmatch_lines(["*PASSED*misprint*"])


def test_an_expected_verdict_that_no_longer_holds_fails(module):
    module.makeconftest(textwrap.dedent("""
        import pytest

        def pytest_collection_modifyitems(items):
            for item in items:
                item.add_marker(pytest.mark.remsym(verdict="erratum"))
    """))
    result = module.runpytest("--remsym", "derivs.py", "-k", "good")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*good: verdict confirmed, expected erratum*"])


def test_a_module_that_does_not_import_is_one_collection_error_line(pytester):
    pytester.makepyfile(broken="DERIVATIONS = []\nraise RuntimeError('boom')\n")
    result = pytester.runpytest("--remsym", "broken.py")
    assert result.ret == pytest.ExitCode.INTERRUPTED
    result.stdout.fnmatch_lines(["*broken.py failed to import (RuntimeError: boom)*"])


def test_outcomes_do_not_depend_on_the_order(module):
    module.makeconftest(textwrap.dedent("""
        def pytest_collection_modifyitems(items):
            items.reverse()
    """))
    result = module.runpytest("--remsym", "derivs.py", "-v")
    result.assert_outcomes(passed=1, failed=2, xfailed=1)
    result.stdout.fnmatch_lines(["*undecided XFAIL*", "*misprint FAILED*", "*wrong FAILED*",
                                 "*good PASSED*"])


def test_runs_under_pytest_xdist(module):
    pytest.importorskip("xdist")
    result = module.runpytest("--remsym", "derivs.py", "-n", "2", "-p", "no:randomly")
    result.assert_outcomes(passed=1, failed=2, xfailed=1)


def test_digits_from_marker_then_command_line_then_ini(module):
    module.makeini("[pytest]\nremsym_digits = 20\n")
    module.makeconftest(textwrap.dedent("""
        import pytest

        def pytest_collection_modifyitems(items):
            for item in items:
                if item.name == "good":
                    item.add_marker(pytest.mark.remsym(digits=40))

        def pytest_runtest_setup(item):
            print(f"DIGITS {item.name} {item.digits()}")
    """))
    result = module.runpytest("--remsym", "derivs.py", "-s", "-k", "good or misprint")
    result.stdout.fnmatch_lines(["*DIGITS good 40*", "*DIGITS misprint 20*"])
    result = module.runpytest("--remsym", "derivs.py", "-s", "-k", "misprint",
                              "--remsym-digits", "12")
    result.stdout.fnmatch_lines(["*DIGITS misprint 12*"])

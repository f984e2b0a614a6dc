"""Counts of the soundness corpus against the current checker, for the README.

Not a test: ``python tests/soundness/report.py`` prints, per defect class and in total,
how the false records were caught (refuted / unverified / missed, i.e. verified) and how
the true ones came out (verified / unverified / refuted).  ``--cases`` also lists every
unsound outcome with the checker's reason.
"""

from __future__ import annotations

import sys
from collections import Counter

from corpus import CASES, DEFECTS
from judge import category, judge, sound

FALSE_BUCKETS = ("refuted", "unverified", "missed")
TRUE_BUCKETS = ("verified", "unverified", "refuted")


def main(argv: list[str]) -> None:
    counts: dict[tuple[str, bool], Counter] = {}
    unsound = []
    for case in CASES:
        outcome = judge(case)
        counts.setdefault((case.defect, case.truth), Counter())[category(case, outcome)] += 1
        if not sound(case, outcome):
            unsound.append((case, outcome))
    header = (f"{'defect class':30s} | false: {' / '.join(FALSE_BUCKETS):28s} | "
              f"true: {' / '.join(TRUE_BUCKETS)}")
    print(header)
    print("-" * len(header))
    total_false, total_true = Counter(), Counter()
    for defect in DEFECTS:
        f, t = counts.get((defect, False), Counter()), counts.get((defect, True), Counter())
        total_false.update(f)
        total_true.update(t)
        print(f"{defect:30s} | {' / '.join(str(f[b]) for b in FALSE_BUCKETS):35s} | "
              f"{' / '.join(str(t[b]) for b in TRUE_BUCKETS)}")
    print("-" * len(header))
    print(f"{'all':30s} | {' / '.join(str(total_false[b]) for b in FALSE_BUCKETS):35s} | "
          f"{' / '.join(str(total_true[b]) for b in TRUE_BUCKETS)}")
    print(f"\n{sum(total_false.values())} false and {sum(total_true.values())} true records; "
          f"{len(unsound)} unsound outcomes (false verified, true refuted, false derivation "
          "not failed, true derivation not confirmed)")
    if "--cases" in argv:
        for case, outcome in unsound:
            print(f"  {case.id} [{case.defect}, {'true' if case.truth else 'false'}]: "
                  f"{outcome.status}: {outcome.reason[:160]}")


if __name__ == "__main__":
    main(sys.argv[1:])

"""A guide with tens of thousands of problems: how long validation takes to say the first hundred.

    python bench/bench_problems.py [--repeat 3]

A guide of 30,000 slides, each with an unknown key and a missing field (90,000
problems), is read once; then, in turn: (a) ``yamlfile.validate_all``, which
words only the hundred problems it shows; (b) the baseline in the same run,
every problem worded and sorted, then cut to a hundred (as before). Both give
the same lines; the median of ``--repeat`` runs is printed, with the ratio.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from bench_build import median_seconds  # this folder's: run as python bench/bench_problems.py
from pydantic import ValidationError

from dnadeck.errors import Problem, at_most, by_line
from dnadeck.model import GuideFile
from dnadeck.yamlfile import Source, _problem, read_yaml, validate_all


def every_problem_worded(source: Source) -> list[Problem]:
    """The baseline: every problem worded, sorted by line, then cut to the first hundred."""
    try:
        GuideFile.model_validate(source.data)
    except ValidationError as exc:
        problems = sorted((_problem(e, source, GuideFile, source.data, ()) for e in exc.errors()), key=by_line)
        return at_most(problems, source.label)
    return []


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "g.yaml"
        path.write_text("title: A\nslides:\n" + "  - {kind: quote, bye: x}\n" * 30_000, encoding="utf-8")
        source = read_yaml(path)
    ours = validate_all(GuideFile, source)[1]
    assert [str(p) for p in ours] == [str(p) for p in every_problem_worded(source)], "the two disagree"
    base = median_seconds(lambda: every_problem_worded(source), args.repeat)
    now = median_seconds(lambda: validate_all(GuideFile, source), args.repeat)
    print(
        f"90,000 problems, first 100 shown: every one worded {base:.2f} s, only those shown {now:.2f} s, ratio {now / base:.2f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

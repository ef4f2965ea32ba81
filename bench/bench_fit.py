"""Long text split into continuation slides: pagination with wrapped lines remembered, and without.

    python bench/bench_fit.py [--repeat 3]

Pagination tries many page heights and packs the same paragraphs again at
each, so the same paragraph is wrapped at the same size and width many
times. ``fit.wrap`` remembers its lines per font (up to ``fit.WRAP_CACHE``).
Timed in turn, in the same run, each from nothing remembered: (a) the baseline, with nothing remembered
between calls (the bound set to 0); (b) as shipped. Both give the same pages;
the median of ``--repeat`` runs is printed, with the ratio.
"""

from __future__ import annotations

import argparse

from bench_build import median_seconds  # this folder's: run as python bench/bench_fit.py

from dnadeck import fit, theme
from dnadeck.text import Block, block

SENTENCE = "This is a long sentence that says something about care and about the people who give it; "


def work() -> list[tuple[float, list[list[Block]]]]:
    """Two pieces of long text: a list of long points, and prose of many sentences (nothing remembered at first)."""
    for meter in fit._MEASURE.get():
        meter.lines.clear()
    points = [block(SENTENCE * (1 + n % 7), "bullet") for n in range(40)]
    prose = [block(SENTENCE * 120, "plain")]
    return [fit.paginate(paras, 800, 380, theme.BODY) for paras in (points, prose)]


def forgetting() -> list[tuple[float, list[list[Block]]]]:
    shipped = fit.WRAP_CACHE
    fit.WRAP_CACHE = 0
    try:
        return work()
    finally:
        fit.WRAP_CACHE = shipped


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    assert forgetting() == work(), "the two disagree"
    base = median_seconds(forgetting, args.repeat)
    now = median_seconds(work, args.repeat)
    pages = sum(len(pages) for _, pages in work())
    print(
        f"long text into {pages} pages: nothing remembered {base:.2f} s, lines remembered {now:.2f} s, ratio {now / base:.2f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

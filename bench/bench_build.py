"""Build speed, as ratios against baselines measured in the same run.

    python bench/bench_build.py [--repeat N]

1. dnadeck building the Compassionate leadership pack, against python-pptx
   alone writing a deck with the same slides and text (no fitting, no
   pictures): what measuring and fitting cost on top of the library.
2. build_all with one worker against build_all with two: what parallel
   builds gain on this machine.
Times are the median of N runs; the machine is noisy, so read the ratios.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pptx import Presentation
from pptx.util import Inches, Pt

from dnadeck import deck_bytes, load_guide
from dnadeck.build import build_all
from dnadeck.catalogue import assets_dir
from dnadeck.model import Guide


def median_seconds(work: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def plain_pptx(guide: Guide) -> bytes:
    """The baseline: every slide's words in plain text boxes, nothing measured."""
    prs = Presentation(str(assets_dir() / "template.pptx"))
    layout = prs.slide_layouts.get_by_name("Title Only")
    for s in guide.slides:
        slide = prs.slides.add_slide(layout)
        slide.shapes.title.text = getattr(s, "title", None) or guide.title
        words = [getattr(s, k, None) for k in ("text", "synopsis", "body", "by", "url")]
        words += getattr(s, "points", None) or []
        words += getattr(s, "questions", None) or []
        box = slide.shapes.add_textbox(Inches(0.6), Inches(1.6), Inches(12), Inches(5))
        box.text_frame.word_wrap = True
        box.text_frame.text = "\n".join(w for w in words if w)
        for p in box.text_frame.paragraphs:
            for r in p.runs:
                r.font.size = Pt(24)
        slide.notes_slide.notes_text_frame.text = s.notes or ""
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    guide = load_guide("compassionate-leadership")
    deck_bytes(guide)  # warm the caches (fonts, catalogue) before timing
    base = median_seconds(lambda: plain_pptx(guide), args.repeat)
    ours = median_seconds(lambda: deck_bytes(guide), args.repeat)
    print(
        f"compassionate-leadership: python-pptx alone {base * 1000:.0f} ms, dnadeck {ours * 1000:.0f} ms, ratio {ours / base:.2f}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        one = median_seconds(lambda: build_all(Path(tmp), jobs=1), max(1, args.repeat // 2))
        two = median_seconds(lambda: build_all(Path(tmp), jobs=2), max(1, args.repeat // 2))
    print(f"build_all five packs: 1 worker {one:.2f} s, 2 workers {two:.2f} s, speed-up {one / two:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())

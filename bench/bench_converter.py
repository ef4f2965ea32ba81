"""A warm converter's start: from launch to its first answer, ours against unoserver's own.

    python bench/bench_converter.py [--rounds 3]

Each round starts one converter each way, in turn (so a busy machine slows
both alike): (a) ``converters.Local``, which starts unoserver through
``web/uno_start.py``; (b) the same command running unoserver's server as
it is, with its fixed 5 s and 2 s waits. Measured: seconds until the
converter answers, and until it has made its first PDF (a standard pack).
Needs LibreOffice and unoserver under a Python with uno.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from dnadeck.web import converters

AS_IT_IS = "import runpy\nrunpy.run_module('unoserver.server', run_name='__main__')\n"


def start_once(program: Path) -> tuple[float, float]:
    """Seconds to the first answer and to the first PDF, for a converter running the file ``program``."""
    kept = converters.UNO_START
    converters.UNO_START = program
    try:
        began = time.perf_counter()
        local = converters.Local.start(time_limit=60)
    finally:
        converters.UNO_START = kept
    try:
        local.wait_ready()
        answered = time.perf_counter() - began
        local.warm()
        return answered, time.perf_counter() - began
    finally:
        local.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    ours, theirs = [], []
    with tempfile.TemporaryDirectory() as folder:
        as_it_is = Path(folder) / "as_it_is.py"
        as_it_is.write_text(AS_IT_IS, encoding="utf-8")
        for _ in range(args.rounds):
            ours.append(start_once(converters.UNO_START))
            theirs.append(start_once(as_it_is))
    for what, i in (("first answer", 0), ("first PDF", 1)):
        a, b = statistics.median(r[i] for r in ours), statistics.median(r[i] for r in theirs)
        print(f"{what}: uno_start {a:.2f} s, unoserver as it is {b:.2f} s, ratio {a / b:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

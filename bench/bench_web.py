"""The web page under load: PDFs, the true preview and deck builds, against the page as it was.

    pip install -e '.[test,bench]'
    python bench/bench_web.py [--baseline REV] [--rounds 3] [--out docs]

Two servers run side by side on this computer, each ``dnadeck serve`` in its
own process:

  (a) this tree: worker processes, two warm LibreOffice converters (unoserver;
      skipped with a note when unoserver cannot run here);
  (b) the baseline, the page as it was at git revision REV (default: the last
      one before worker processes and converters): builds in a thread pool,
      each PDF a LibreOffice started for it, one at a time. It is taken from
      git into a temporary folder and needs uvicorn installed.

and a cold LibreOffice conversion (``soffice --convert-to pdf``) of the same
deck is timed in this process. Measured: one standard pack's PDF from the
page; 4 PDFs asked for at once (95th percentile of their answer times); the
true preview (``/api/pages``); 50 deck builds asked for at once (95th
percentile). Results go into the "web page" section of ``OUT/performance.md``
(the rest of the file is bench_scale.py's).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from io import BytesIO
from pathlib import Path

import httpx2 as httpx

ROOT = Path(__file__).resolve().parent.parent
BASELINE = "7c84f61"  # the page before worker processes and warm converters
FORM = {"source": "resilience", "title": "Team day", "presenter": "Sam Patel"}
START = "<!-- bench_web.py: start -->"
END = "<!-- bench_web.py: end -->"
GOALS = {"pdf_ratio": 0.3, "pdf4_p95": 3.0, "pages": 2.0, "builds50_p95": 2.0}


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


@contextmanager
def served(src: Path, *args: str, tmp: Path) -> Iterator[str]:
    """``dnadeck serve`` from the library at ``src``; its URL until the block ends."""
    env = {**os.environ, "PYTHONPATH": str(src), "TMPDIR": str(tmp)}
    command = [sys.executable, "-m", "dnadeck", "serve", "--port", "0", "--no-open", *args]
    with (tmp / "server.log").open("w") as log:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=log, text=True, env=env, cwd=tmp)
    try:
        assert process.stdout
        line = process.stdout.readline()
        if "the page is at" not in line:
            raise SystemExit(f"the server at {src} did not start: {(tmp / 'server.log').read_text()[-2000:]}")
        url = line.split()[5]
        with httpx.Client(base_url=url, timeout=300) as c:  # warm: the packs, a deck, a PDF
            c.get("/api/packs")
            c.post("/api/deck", data=FORM)
            c.post("/api/pdf", data=FORM)
        yield url
    finally:
        process.terminate()
        process.communicate(timeout=60)


def baseline_tree(rev: str, into: Path) -> Path:
    """The library as it was at ``rev``, from git."""
    archive = subprocess.run(
        ["git", "archive", rev, "src", "content", "assets"], cwd=ROOT, capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into / "src"


def timed(url: str, path: str, form: dict[str, str]) -> float:
    with httpx.Client(base_url=url, timeout=600) as c:
        start = time.perf_counter()
        answer = c.post(path, data=form)
        seconds = time.perf_counter() - start
    if answer.status_code != 200:
        raise SystemExit(f"{path} answered {answer.status_code}: {answer.text[:300]}")
    return seconds


def at_once(url: str, path: str, count: int) -> list[float]:
    forms = [FORM | {"title": f"Team {i}"} for i in range(count)]
    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(lambda form: timed(url, path, form), forms))


def cold_conversion(tmp: Path) -> float:
    """A LibreOffice started for one conversion of the pack's deck, as ``build --pdf`` does."""
    import dnadeck
    from dnadeck.write import office

    deck = tmp / "resilience.pptx"
    deck.write_bytes(dnadeck.deck_bytes(dnadeck.load_guide("resilience", title=FORM["title"])))
    env = os.environ.pop(office.CONVERTERS_ENV, None)
    try:
        start = time.perf_counter()
        office.to_pdf(deck, tmp / "cold")
        return time.perf_counter() - start
    finally:
        if env is not None:
            os.environ[office.CONVERTERS_ENV] = env


def measure(url: str, rounds: int, cold: Callable[[], float] | None = None) -> dict[str, float]:
    """The four figures of one server, each over ``rounds`` rounds (a single PDF over
    three times as many, taking turns with ``cold()`` when given)."""
    pdf = []
    for _ in range(3 * rounds):
        if cold:
            cold()
        pdf.append(timed(url, "/api/pdf", FORM))
    pages = [timed(url, "/api/pages", FORM) for _ in range(rounds)]
    pdf4 = [s for _ in range(rounds) for s in at_once(url, "/api/pdf", 4)]
    builds = [s for _ in range(rounds) for s in at_once(url, "/api/deck", 50)]
    return {
        "pdf": statistics.median(pdf),
        "pages": statistics.median(pages),
        "pdf4_p95": p95(pdf4),
        "builds50_p95": p95(builds),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--baseline", default=BASELINE, help="git revision of the page to compare with")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from dnadeck.errors import OfficeError
    from dnadeck.web.converters import unoserver_python

    try:
        unoserver_python()
        warm = ["--converters", "2"]
        note = "two warm converters (unoserver)"
    except OfficeError as exc:
        warm = ["--converters", "0"]
        note = f"no warm converters ({exc})"
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-web-") as tmp:
        work = Path(tmp)
        for name in ("new", "old", "cold"):
            (work / name).mkdir()
        old_src = baseline_tree(args.baseline, work / "baseline")
        cold: list[float] = []
        with served(ROOT / "src", *warm, tmp=work / "new") as url:
            results["new"] = measure(url, args.rounds, lambda: cold.append(cold_conversion(work / "cold")) or 0.0)
        with served(old_src, tmp=work / "old") as url:
            results["old"] = measure(url, args.rounds)
    results["cold"] = {"pdf": statistics.median(cold)}
    write(args.out / "performance.md", report(results, args, note))
    print(report(results, args, note))


def report(r: dict[str, dict[str, float]], args: argparse.Namespace, note: str) -> str:
    new, old, cold = r["new"], r["old"], r["cold"]["pdf"]
    ratio = new["pdf"] / cold
    cpus = os.cpu_count()
    verdict: Callable[[bool], str] = lambda ok: "met" if ok else "not met"  # noqa: E731
    lines = [
        START,
        "## The web page",
        "",
        f"Made by `python bench/bench_web.py`: Python {platform.python_version()}, {platform.system()} "
        f"{platform.machine()}, {cpus} CPUs, {args.rounds} rounds. *Now* is this tree's `dnadeck serve` "
        f"(worker processes, {note}); *before* is the page at `{args.baseline}` (builds in a thread pool, "
        "each PDF a LibreOffice started for it, one at a time), served side by side in the same run; "
        "*cold* is one LibreOffice started to convert the same deck (the resilience pack with a title), "
        "taking turns with the page's PDFs. Seconds, from sending the form to the last byte of the answer; "
        f"a single PDF is the median of {3 * args.rounds}, the true preview of {args.rounds}.",
        "",
        "| | now (s) | before (s) | now ÷ before | goal |",
        "|---|---:|---:|---:|---|",
        f"| a pack's PDF from the page | {new['pdf']:.2f} | {old['pdf']:.2f} | {new['pdf'] / old['pdf']:.2f} | "
        f"≤ 0.3× cold ({cold:.2f} s): {ratio:.2f}×, {verdict(ratio <= GOALS['pdf_ratio'])} |",
        f"| 4 PDFs at once, 95th percentile | {new['pdf4_p95']:.2f} | {old['pdf4_p95']:.2f} | "
        f"{new['pdf4_p95'] / old['pdf4_p95']:.2f} | ≤ 3 s: {verdict(new['pdf4_p95'] <= GOALS['pdf4_p95'])} |",
        f"| true preview (`/api/pages`) | {new['pages']:.2f} | {old['pages']:.2f} | "
        f"{new['pages'] / old['pages']:.2f} | ≤ 2 s: {verdict(new['pages'] <= GOALS['pages'])} |",
        f"| 50 deck builds at once, 95th percentile | {new['builds50_p95']:.2f} | {old['builds50_p95']:.2f} | "
        f"{new['builds50_p95'] / old['builds50_p95']:.2f} | ≤ 2 s: "
        f"{verdict(new['builds50_p95'] <= GOALS['builds50_p95'])} |",
        "",
        "The machine is shared and noisy: read the ratios, which compare runs made side by side.",
        END,
        "",
    ]
    return "\n".join(lines)


def write(path: Path, section: str) -> None:
    """Put ``section`` in place of the old one in ``path`` (at its end if it has none)."""
    text = path.read_text(encoding="utf-8") if path.is_file() else "# Performance\n\n"
    if START in text and END in text:
        head, rest = text.split(START, 1)
        text = head + section.rstrip("\n") + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    if not shutil.which("git"):
        raise SystemExit("bench_web.py needs git (for the baseline)")
    main()

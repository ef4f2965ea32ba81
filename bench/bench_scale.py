"""Build time against slide count: dnadeck, python-pptx alone, and pandoc.

    pip install -e '.[bench]'
    python bench/bench_scale.py [--repeat 3] [--sizes 25,250,1000,2000] [--out docs]

One guide is generated per size: quote, story (with its link), questions and
text slides in turn, speaker notes on each. The same words are written

  (a) by dnadeck, ``dnadeck build guide.yaml``, in a fresh process (2000
      slides are within a guide's limits);
  (b) by python-pptx alone, in a fresh process: a small script adding each
      slide to the bundled template, a title, a text box (with the story's
      link) and the notes; nothing measured or fitted;
  (c) by pandoc, from the same words as Markdown, when pandoc is installed.

Each is timed as a whole process (start-up included), ``--repeat`` times, and
the median kept; dnadeck's peak memory is the child's maximum resident size.
The writer alone (``ooxml.pptx_bytes`` on a hand-made 1000-slide drawing) is
timed in this process against python-pptx writing the same in this process.
Then the command line: ``--help``, ``--version`` against ``python -c pass``,
one bundled pack, and ``build-all`` with one worker against the default.

Results go to ``OUT/performance.md`` and ``OUT/performance.png``. The
machine is noisy: read the ratios, which compare runs made side by side.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from bench_build import median_seconds  # this folder is on the path when run as a script

ROOT = Path(__file__).resolve().parent.parent
DNADECK = [sys.executable, "-m", "dnadeck"]
WEB_SECTION = "<!-- bench_web.py: start -->"
GOALS = {"ratio_1000": 0.15, "growth_2000": 2.2, "memory_1000_mb": 150, "own_ratio_1000": 0.15, "own_growth_2000": 2.1}
GOALS["handout_2500"] = 1.5  # the session plan of a 2,500-slide guide of its own stories, against its deck
OWN_SIZES = (1000, 2000, 2500)

QUOTES = [
    ("People feel engaged because they have been listened to, not just told what to do.", "Andrew Higham"),
    ("Compassion is not a relationship between the healer and the wounded.", "Pema Chödrön"),
    ("The greatest gift you can give someone is your attention.", "Anonymous"),
]
QUESTIONS = [
    "What did you notice about how the team was led in {story}?",
    "What is one thing you will do differently on your next shift?",
    "Who do you turn to when the work is hard, and who turns to you?",
]
POINTS = ["Attend to people and what they face", "Understand their pressures", "Respond with empathy", "Act to help"]
NOTES = "Give the group a minute with this.\n\nAsk what struck them, then listen."


# -- the content ----------------------------------------------------------------


@dataclass
class Slide:
    """One slide's words, as each tool is given them."""

    title: str
    lines: list[str]
    notes: str
    link: str | None = None
    guide: dict[str, object] = field(default_factory=dict)


def content(slides: int) -> list[Slide]:
    """``slides`` slides: quote, story, questions, text, in turn."""
    from dnadeck.catalogue import stories

    catalogue = list(stories().values())
    out: list[Slide] = []
    for i in range(slides):
        n = i // 4
        kind = i % 4
        if kind == 0:
            text, by = QUOTES[n % len(QUOTES)]
            out.append(
                Slide(
                    f"In the words of {by}",
                    [f"“{text}”", f"— {by}"],
                    NOTES,
                    guide={"kind": "quote", "text": text, "by": by},
                )
            )
        elif kind == 1:
            story = catalogue[n % len(catalogue)]
            lines = [story.storyteller or "", story.synopsis, f"Watch the story: {story.url}"]
            out.append(Slide(story.title, lines, NOTES, link=story.url, guide={"kind": "story", "story": story.id}))
        elif kind == 2:
            asks = [q.replace("{story}", "the story") for q in QUESTIONS]
            guide: dict[str, object] = {
                "kind": "questions",
                "title": f"Questions {n + 1}",
                "questions": list(QUESTIONS),
            }
            out.append(Slide(f"Questions {n + 1}", asks, NOTES, guide=guide))
        else:
            title = f"What compassionate leaders do ({n + 1})"
            out.append(Slide(title, POINTS, NOTES, guide={"kind": "text", "title": title, "points": list(POINTS)}))
    for slide in out:
        slide.guide["notes"] = slide.notes
    return out


def write_inputs(folder: Path, slides: int) -> dict[str, Path]:
    """The guide (YAML), the baseline's words (JSON) and Markdown for ``slides`` slides."""
    made = content(slides)
    guide = folder / f"scale-{slides}.yaml"
    guide.write_text(
        yaml.safe_dump(
            {"id": f"scale-{slides}", "title": "Scale test", "slides": [s.guide for s in made]},
            allow_unicode=True,
            sort_keys=False,
        ),
        encoding="utf-8",
    )
    words = folder / f"scale-{slides}.json"
    words.write_text(json.dumps([s.__dict__ for s in made], ensure_ascii=False), encoding="utf-8")
    markdown = folder / f"scale-{slides}.md"
    parts = ["---\ntitle: Scale test\n---\n"]
    for s in made:
        body = "\n".join(
            f"- [{line}]({s.link})" if s.link and s.link in line else f"- {line}" for line in s.lines if line
        )
        parts.append(f"# {s.title}\n\n{body}\n\n::: notes\n{s.notes}\n:::\n")
    markdown.write_text("\n".join(parts), encoding="utf-8")
    return {"guide": guide, "words": words, "markdown": markdown}


def own_guide(folder: Path, slides: int) -> Path:
    """A guide of ``slides`` slides with stories of its own: a story (its own link, so its
    own QR code), its questions and a text slide in turn; notes name the story in quotes,
    so every text is read for ties to every story."""
    made: list[dict[str, object]] = [{"kind": "title"}]
    for i in range(slides - 1):
        n = i // 3
        title = f"Story number {n}"
        if i % 3 == 0:
            made.append(
                {
                    "kind": "story",
                    "title": title,
                    "url": f"https://example.org/stories/{n}/film",
                    "storyteller": f"a nurse on ward {n}",
                    "synopsis": "A nurse tells of a long night shift and what a colleague's kindness meant. " * 2,
                    "licence": "Shared by the storyteller for training, with permission.",
                    "notes": f"Before showing ‘{title}’, ask the group to listen for one moment that matters.",
                }
            )
        elif i % 3 == 1:
            made.append(
                {
                    "kind": "questions",
                    "questions": [
                        "What did you notice in {story}?",
                        "What will you do differently on your next shift?",
                    ],
                    "notes": "Give the group a minute.",
                }
            )
        else:
            made.append(
                {
                    "kind": "text",
                    "title": f"What leaders do ({n})",
                    "points": ["Attend to people", "Understand their pressures", "Respond with empathy"],
                    "notes": f"Link this back to ‘{title}’ and to the questions.",
                }
            )
    path = folder / f"own-{slides}.yaml"
    path.write_text(
        yaml.safe_dump({"id": f"own-{slides}", "title": "Own stories at scale", "slides": made}, allow_unicode=True),
        encoding="utf-8",
    )
    return path


# -- the python-pptx baseline ------------------------------------------------------


def pptx_alone(words: list[dict[str, object]], out: Path | io.BytesIO) -> None:
    """What python-pptx alone does with the same words: no measuring, no fitting."""
    from pptx import Presentation
    from pptx.util import Inches, Pt

    from dnadeck.catalogue import assets_dir

    prs = Presentation(str(assets_dir() / "template.pptx"))
    layout = prs.slide_layouts.get_by_name("Title Only")
    for s in words:
        slide = prs.slides.add_slide(layout)
        slide.shapes.title.text = str(s["title"])
        box = slide.shapes.add_textbox(Inches(0.6), Inches(1.6), Inches(12), Inches(5))
        frame = box.text_frame
        frame.word_wrap = True
        lines = [str(x) for x in s["lines"] if x]  # type: ignore[attr-defined]
        for i, line in enumerate(lines):
            para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            run = para.add_run()
            run.text = line
            run.font.size = Pt(24)
            if s["link"] and str(s["link"]) in line:
                run.hyperlink.address = str(s["link"])
        slide.notes_slide.notes_text_frame.text = str(s["notes"])
    prs.save(str(out) if isinstance(out, Path) else out)


# -- timing ----------------------------------------------------------------------------


@dataclass
class Timed:
    seconds: float  # median wall time
    cpu: float  # median user + system time of the process
    peak_mb: float  # largest resident size of the child, MB
    error: str | None = None


@dataclass
class Samples:
    """Runs of one command, gathered a round at a time."""

    cmd: list[str]
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    peak: list[float] = field(default_factory=list)
    error: str | None = None

    def once(self, cwd: Path) -> None:
        """Run the command once in a fresh process (unless it has failed before)."""
        if self.error:
            return
        with tempfile.TemporaryFile() as err:
            start = time.perf_counter()
            proc = subprocess.Popen(self.cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
            _, status, usage = os.wait4(proc.pid, 0)
            self.wall.append(time.perf_counter() - start)
            proc.returncode = os.waitstatus_to_exitcode(status)
            if proc.returncode:
                err.seek(0)
                lines = err.read().decode(errors="replace").strip().splitlines() or ["(no output)"]
                self.error = f"exit {proc.returncode}: {lines[-1]}"
        self.cpu.append(usage.ru_utime + usage.ru_stime)
        self.peak.append(usage.ru_maxrss / 1024)  # Linux reports KiB

    def result(self) -> Timed:
        if self.error:
            return Timed(0.0, 0.0, 0.0, self.error)
        return Timed(statistics.median(self.wall), statistics.median(self.cpu), max(self.peak))


def rounds(commands: dict[str, Sequence[str]], cwd: Path, repeat: int) -> dict[str, Timed]:
    """Each command once per round, ``repeat`` rounds: a busy spell hits every command alike."""
    samples = {name: Samples(list(cmd)) for name, cmd in commands.items()}
    for _ in range(repeat):
        for sample in samples.values():
            sample.once(cwd)
    return {name: sample.result() for name, sample in samples.items()}


def writer_alone(slides: int, repeat: int) -> tuple[float, float] | None:
    """``pptx_bytes`` on a hand-made drawing of the same words, against python-pptx, in this process."""
    try:
        from dnadeck.layout.canvas import DeckDraw, Rect, SlideDraw, TextPara, TextShape
        from dnadeck.layout.template import open_template
        from dnadeck.text import block
        from dnadeck.write.ooxml import pptx_bytes
    except ImportError:
        return None
    made = content(slides)
    inch = 914400
    drawn = []
    for s in made:
        title = TextShape(
            "Title", Rect(inch // 2, inch // 3, 12 * inch, inch), (TextPara(block(s.title, bold=True)),), 3600, "tx2",
            font="+mj-lt", anchor="b", placeholder="title",
        )  # fmt: skip
        paras = tuple(
            TextPara(block(line, link=s.link if s.link and s.link in line else None), space_before=1200)
            for line in s.lines
            if line
        )
        body = TextShape("Text", Rect(inch // 2, int(1.6 * inch), 12 * inch, 5 * inch), paras, 2400, "231F20")
        footer = TextShape(
            "Footer",
            Rect(inch // 2, 7 * inch, 10 * inch, inch // 3),
            (TextPara(block("Scale test")),),
            1200,
            "tx1",
        )
        drawn.append(SlideDraw("Title Only", s.title, (title, body, footer), s.notes))
    deck = DeckDraw(12192000, 6858000, tuple(drawn), "Scale test", "", "", "", "en-GB")
    template = open_template(None)
    ours = median_seconds(lambda: pptx_bytes(template, deck), repeat)
    words = [s.__dict__ for s in made]
    theirs = median_seconds(lambda: pptx_alone(words, io.BytesIO()), max(1, repeat // 2))
    return ours, theirs


# -- the report ------------------------------------------------------------------------


def plot(sizes: list[int], series: dict[str, list[float | None]], path: Path) -> bool:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is not installed (pip install -e '.[bench]'): no plot", file=sys.stderr)
        return False
    fig, ax = plt.subplots(figsize=(7, 4.5), dpi=110)
    for name, values in series.items():
        points = [(n, v) for n, v in zip(sizes, values, strict=True) if v]
        if points:
            ax.plot([p[0] for p in points], [p[1] for p in points], marker="o", label=name)
    ax.set_xlabel("slides")
    ax.set_ylabel("CPU seconds, whole process (median)")
    ax.set_title("Time to write a deck")
    ax.grid(True, alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return True


def fmt(t: Timed | None) -> str:
    if t is None:
        return "–"
    return f"failed ({t.error})" if t.error else f"{t.seconds:.2f} ({t.cpu:.2f})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sizes", default="25,250,1000,2000")
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    parser.add_argument("--skip-cli", action="store_true", help="leave out the command-line timings")
    parser.add_argument("--skip-own", action="store_true", help="leave out the guides of their own stories")
    parser.add_argument("--pptx-alone", nargs=2, metavar=("WORDS", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.pptx_alone:  # the baseline, run as its own process
        pptx_alone(json.loads(Path(args.pptx_alone[0]).read_text(encoding="utf-8")), Path(args.pptx_alone[1]))
        return 0

    sizes = [int(x) for x in args.sizes.split(",")]
    pandoc = shutil.which("pandoc")
    rows: dict[int, dict[str, Timed | None]] = {}
    with tempfile.TemporaryDirectory(prefix="dnadeck-bench-") as tmp:
        work = Path(tmp)
        commands: dict[str, Sequence[str]] = {}
        for n in sizes:
            inputs = write_inputs(work, n)
            ours = str(work / f"ours-{n}.pptx")
            commands[f"dnadeck {n}"] = [*DNADECK, "build", str(inputs["guide"]), "-o", ours, "--force"]
            commands[f"python-pptx {n}"] = [
                sys.executable, __file__, "--pptx-alone", str(inputs["words"]), str(work / f"theirs-{n}.pptx")
            ]  # fmt: skip
            if pandoc:
                commands[f"pandoc {n}"] = [pandoc, str(inputs["markdown"]), "-o", str(work / f"pandoc-{n}.pptx")]
        if not args.skip_own:
            for n in OWN_SIZES:
                own = str(own_guide(work, n))
                commands[f"own {n}"] = [*DNADECK, "build", own, "-o", str(work / f"own-{n}.pptx"), "--force"]
            commands["handout 2500"] = [*DNADECK, "handout", own, "-o", str(work / "own-2500.docx"), "--force"]
        timed = rounds(commands, work, args.repeat)
        for n in sizes:
            rows[n] = {tool: timed.get(f"{tool} {n}") for tool in ("dnadeck", "python-pptx", "pandoc")}
            print(f"{n:5d} slides: " + ", ".join(f"{k} {fmt(v)}" for k, v in rows[n].items()), flush=True)
        own_rows = {name: t for name, t in timed.items() if name.startswith(("own ", "handout "))}
        for name, result in own_rows.items():
            print(f"{name}: {fmt(result)}", flush=True)

        qr = qr_codes()
        print("QR codes: " + ", ".join(f"{name} {ms:.2f} ms" for name, ms in qr.items()), flush=True)
        writer = writer_alone(1000, args.repeat) if 1000 in sizes else None
        if writer:
            print(f"writer alone, 1000 slides: pptx_bytes {writer[0]:.3f} s, python-pptx {writer[1]:.2f} s", flush=True)

        cli: dict[str, Timed] = {}
        if not args.skip_cli:
            cli = rounds(
                {
                    "python -c pass": [sys.executable, "-c", "pass"],
                    "dnadeck --version": [*DNADECK, "--version"],
                    "dnadeck --help": [*DNADECK, "--help"],
                    "dnadeck build compassionate-leadership": [
                        *DNADECK,
                        "build",
                        "compassionate-leadership",
                        "-o",
                        str(work / "cl.pptx"),
                        "--force",
                    ],
                    "dnadeck build-all --jobs 1": [
                        *DNADECK,
                        "build-all",
                        "-o",
                        str(work / "all1"),
                        "--jobs",
                        "1",
                        "--force",
                    ],
                    "dnadeck build-all (default jobs)": [*DNADECK, "build-all", "-o", str(work / "all"), "--force"],
                },
                work,
                max(args.repeat * 4, 11),  # quick commands: more rounds, steadier medians
            )
            for name, result in cli.items():
                print(f"{name}: {fmt(result)}", flush=True)

    args.out.mkdir(parents=True, exist_ok=True)
    tools = ["dnadeck", "python-pptx"] + (["pandoc"] if pandoc else [])
    series: dict[str, list[float | None]] = {}
    for tool in tools:
        series[tool] = [t.cpu if (t := rows[n][tool]) is not None and t.error is None else None for n in sizes]
    plotted = plot(sizes, series, args.out / "performance.png")
    target = args.out / "performance.md"
    old = target.read_text(encoding="utf-8") if target.is_file() else ""
    web = old[old.find(WEB_SECTION) :] if WEB_SECTION in old else ""  # bench_web.py's section stays
    text = report(sizes, rows, tools, writer, cli, plotted, args.repeat, own_rows, qr)
    target.write_text(text.rstrip("\n") + "\n\n" + web if web else text, encoding="utf-8")
    print(f"wrote {args.out / 'performance.md'}")
    return 0


def report(
    sizes: list[int],
    rows: dict[int, dict[str, Timed | None]],
    tools: list[str],
    writer: tuple[float, float] | None,
    cli: dict[str, Timed],
    plotted: bool,
    repeat: int,
    own: dict[str, Timed] | None = None,
    qr: dict[str, float] | None = None,
) -> str:
    def good(t: Timed | None) -> Timed | None:
        return t if t is not None and t.error is None else None

    lines = [
        "# Performance",
        "",
        "Made by `python bench/bench_scale.py`; the numbers are this machine's, on the day it ran:",
        f"Python {platform.python_version()}, {platform.system()} {platform.machine()}, {os.cpu_count()} CPUs.",
        f"Each figure is the median of {repeat} runs of the whole process (start-up included), the tools taking",
        "turns round by round. Wall-clock seconds come first, CPU seconds (user + system) in brackets: on a",
        "shared, busy machine the CPU time is the steadier measure, so the ratios are given for both.",
        "",
        "The same words at each size: quote, story (with its link), questions and text slides in turn,",
        "notes on every slide. *python-pptx* is a script adding the slides to the bundled template with",
        "nothing measured or fitted; *pandoc* converts the same words written as Markdown (when installed).",
        "",
        "| slides | "
        + " | ".join(f"{t} (s)" for t in tools)
        + " | dnadeck ÷ python-pptx, wall (CPU) | dnadeck peak memory (MB) |",
        "|---:|" + "---:|" * len(tools) + "---:|---:|",
    ]
    for n in sizes:
        ours, base = good(rows[n]["dnadeck"]), good(rows[n]["python-pptx"])
        ratio = f"{ours.seconds / base.seconds:.3f} ({ours.cpu / base.cpu:.3f})" if ours and base else "–"
        peak = f"{ours.peak_mb:.0f}" if ours else "–"
        lines.append(f"| {n} | " + " | ".join(fmt(rows[n][t]) for t in tools) + f" | {ratio} | {peak} |")
    lines.append("")
    if plotted:
        lines += ["![CPU time against slides](performance.png)", ""]
    ours, base = good(rows.get(1000, {}).get("dnadeck")), good(rows.get(1000, {}).get("python-pptx"))
    twice = good(rows.get(2000, {}).get("dnadeck"))
    if ours and base:
        lines += [
            "Against the goals:",
            "",
            f"- 1000 slides: {ours.seconds / base.seconds:.3f}× python-pptx's time ({ours.cpu / base.cpu:.3f}× its CPU time);"
            f" goal at most {GOALS['ratio_1000']}×",
            f"- peak memory at 1000 slides: {ours.peak_mb:.0f} MB; goal at most {GOALS['memory_1000_mb']} MB",
        ]
        if twice:
            lines.append(
                f"- 2000 slides: {twice.seconds / ours.seconds:.2f}× the 1000-slide time ({twice.cpu / ours.cpu:.2f}× its CPU time);"
                f" goal at most {GOALS['growth_2000']}×"
            )
        lines.append("")
    lines += own_report(own or {}, good(rows.get(1000, {}).get("python-pptx")))
    if qr:
        lines += [
            "The QR code of a story of the guide's own, in this process (milliseconds a code, median of 300",
            "links): segno's defaults (its search for the best of eight masks, its PNG writer) against what",
            "dnadeck does (`src/dnadeck/qr.py`: segno's symbol with one fixed mask, which any reader scans,",
            "with what does not depend on the link worked out once per version; a 1-bit PNG written",
            "directly); and, for comparison, the same code drawn as one vector shape (a custom-geometry path,",
            "a rectangle per run of dark modules), its XML deflated as a slide's is:",
            "",
            *(f"- {name}: {ms:.2f} ms" for name, ms in qr.items()),
            "",
        ]
    if writer:
        ours_w, theirs_w = writer
        budget = GOALS["ratio_1000"] * theirs_w
        lines += [
            "## The writer alone",
            "",
            "`ooxml.pptx_bytes` writing a ready-made 1000-slide drawing (title, text with a link, footer,",
            "notes on every slide) in one process, against python-pptx writing the same words in that process:",
            "",
            f"- pptx_bytes {ours_w:.3f} s; python-pptx {theirs_w:.2f} s ({ours_w / theirs_w:.3f}×)",
            f"- of a budget of {GOALS['ratio_1000']}× python-pptx ({budget:.2f} s here), writing takes {ours_w:.2f} s;"
            f" {budget - ours_w:.2f} s is left for start-up, loading, planning and layout",
            "",
        ]
    if cli:
        base_cli = good(cli.get("python -c pass"))
        lines += ["## The command line", "", "| command | seconds | over `python -c pass` |", "|---|---:|---:|"]
        for name, result in cli.items():
            over = good(result)
            extra = f"{over.seconds - base_cli.seconds:+.2f}" if over and base_cli and name != "python -c pass" else ""
            lines.append(f"| `{name}` | {fmt(result)} | {extra} |")
        one, many = good(cli.get("dnadeck build-all --jobs 1")), good(cli.get("dnadeck build-all (default jobs)"))
        if one and many:
            lines += [
                "",
                f"build-all with the default number of workers takes {many.seconds / one.seconds:.2f}× the time of one worker"
                f" ({os.cpu_count()} CPUs here).",
            ]
        lines.append("")
    return "\n".join(lines)


def qr_codes() -> dict[str, float]:
    """Milliseconds a QR code takes: segno's defaults, its fixed-mask encoding alone, dnadeck's
    encoding alone and with its PNG, and the same code as one vector shape instead of a picture."""
    import segno

    from dnadeck import theme
    from dnadeck.images import QR_SCALE, draw_qr
    from dnadeck.qr import matrix

    links = [f"https://example.org/stories/{n}/film" for n in range(300)]

    def segno_default(link: str) -> bytes:
        out = io.BytesIO()
        segno.make(link, error="m", micro=False).save(
            out, kind="png", scale=QR_SCALE, border=4, dark="#" + theme.BLACK, light="#FFFFFF"
        )
        return out.getvalue()

    def vector(link: str) -> bytes:
        """The code as a:custGeom, a rectangle per run of dark modules, deflated as a slide part is."""
        rows = matrix(link)
        out = []
        for y, row in enumerate(rows):
            for run in re.finditer(rb"\x01+", row):
                x0, x1 = run.span()
                corners = ((x0, y), (x1, y), (x1, y + 1), (x0, y + 1))
                points = "".join(f'<a:lnTo><a:pt x="{x}" y="{y}"/></a:lnTo>' for x, y in corners[1:])
                out.append(f'<a:moveTo><a:pt x="{x0}" y="{y}"/></a:moveTo>{points}<a:close/>')
        size = len(rows)
        xml = f'<a:custGeom><a:pathLst><a:path w="{size}" h="{size}">{"".join(out)}</a:path></a:pathLst></a:custGeom>'
        return zlib.compress(xml.encode(), 6, -15)

    def each(make: object) -> float:
        times = []
        for link in links:
            start = time.perf_counter()
            make(link)  # type: ignore[operator]
            times.append(time.perf_counter() - start)
        return statistics.median(times) * 1000

    return {
        "segno, best mask and its PNG writer": each(segno_default),
        "segno, fixed mask, encoding only": each(lambda link: segno.make(link, error="m", micro=False, mask=0)),
        "dnadeck, encoding only (`qr.matrix`)": each(matrix),
        "dnadeck, with its PNG (`images.draw_qr`)": each(draw_qr),
        "dnadeck's code as one vector shape instead, its XML deflated": each(vector),
    }


def own_report(own: dict[str, Timed], base: Timed | None) -> list[str]:
    """The guides of their own stories: against bare python-pptx, against themselves, and their session plan."""
    one, two = own.get("own 1000"), own.get("own 2000")
    deck, plan = own.get("own 2500"), own.get("handout 2500")
    if not (one and base and not one.error):
        return []
    lines = [
        "## Guides of their own stories",
        "",
        "A story of the guide's own (its own link, so its own QR code, drawn at build time), its questions and",
        "a text slide in turn, with notes that name the story in quotes (so every text is read for ties",
        "to every story); measured in the same rounds as the table above.",
        "",
        "| run | seconds |",
        "|---|---:|",
        *(f"| `{name}` | {fmt(result)} |" for name, result in own.items()),
        "",
        f"- 1000 slides: {one.seconds / base.seconds:.3f}× bare python-pptx writing 1000 plain slides"
        f" ({one.cpu / base.cpu:.3f}× its CPU time); goal at most {GOALS['own_ratio_1000']}×",
    ]
    if two and not two.error:
        lines.append(
            f"- 2000 slides: {two.seconds / one.seconds:.2f}× the 1000-slide time ({two.cpu / one.cpu:.2f}× its CPU"
            f" time); goal at most {GOALS['own_growth_2000']}×"
        )
    if deck and plan and not deck.error and not plan.error:
        lines.append(
            f"- the session plan of the 2500-slide guide: {plan.seconds / deck.seconds:.2f}× its deck's time"
            f" ({plan.cpu / deck.cpu:.2f}× its CPU time); goal at most {GOALS['handout_2500']}×"
        )
        lines += [
            "",
            "The session plan lays the deck out too (for its slide numbers; the QR codes drawn then are",
            "the plan's too), then writes a Word document. python-docx sets up the page, the styles and the",
            "footer, with ids counted and styles remembered (`src/dnadeck/docx_speed.py`); the parts that",
            "repeat (each run, paragraph and paragraph style, the run sheet's rows, the lines to write on)",
            "are made as lxml elements directly or copied from the first made: the same XML, the same bytes.",
        ]
    return [*lines, ""]


if __name__ == "__main__":
    sys.exit(main())

"""The dnadeck command: each command parses, calls one library function, prints."""

from __future__ import annotations

import os
import re
import shlex
import signal
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    import datetime as dt

import dnadeck

from . import __version__
from .errors import (
    COMMAND_LINE,
    LINE_MAX,
    Failure,
    GuideError,
    OfficeError,
    OutputError,
    OutputNameError,
    Problem,
    escape,
    internal_error,
    shorten,
    shown,
)
from .formatting import count, not_a_date, parse_date
from .limits import WEB_IDLE_SECONDS, WEB_SECONDS

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
EXIT_PROBLEM, EXIT_USAGE, EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_TERMINATED = 1, 2, 70, 130, 143


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised as an exception (as Ctrl-C is) so that every temporary file and folder is removed."""


def _terminated(signum: int, frame: object) -> None:
    raise Terminated


@contextmanager
def _sigterm_unwinds() -> Iterator[None]:
    """By default SIGTERM ends a process on the spot, leaving its temporaries: while a
    command runs, it unwinds instead, as Ctrl-C does."""
    import threading

    if (
        signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return
    signal.signal(signal.SIGTERM, _terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _say(line: str) -> None:
    click.echo(escape(line), err=True)


def _step(line: str) -> None:
    """A step that takes a while, said before it starts (on stderr: the output stays clean)."""
    _say(f"dnadeck: {line}")


DECK_WORDS = "the deck (slide labels, default speaker notes, credits)"
PLAN_WORDS = "the session plan (headings, checklist, timings, slide labels)"


def _note_untranslated(language: str | None, words: str = DECK_WORDS) -> None:
    """A deck in one language whose fixed words are in another: said once, with how to translate them."""
    if language is not None:
        _say(
            f"dnadeck: note: fixed words of {words} are in {language}, not the deck's language; "
            f"to translate them: dnadeck wording -o wording.yaml, then add 'wording: wording.yaml' to the guide"
        )


def _warn(warnings: Sequence[str], template: Path | None) -> None:
    """What a template made dnadeck change, said once, in one line: ``template inspect`` has the details."""
    if not warnings:
        return
    if template is None:
        for warning in warnings:
            _say(f"dnadeck: warning: {warning}")
        return
    name = _as_given(template)
    # What the user must know without asking (a font that stands in for theirs, what was removed, the
    # theme's missing parts) is said in the line itself; colour and layout changes are counted.
    facts = [w.split(": ", 1)[-1] for w in warnings if any(mark in w for mark in _PLAIN_FACTS)]
    said = f": {'; '.join(facts)}" if facts else ""
    _say(
        f"dnadeck: warning: dnadeck made {count(len(warnings), 'change')} to keep the deck readable on the "
        f"template {shown(name, 200)} (a colour too faint, a font this computer lacks, or a crowded layout){said}; "
        f"for the details: dnadeck template inspect {shlex.quote(name)}"
    )


_PLAIN_FACTS = ("is not on this machine", "removed what it embeds", "its theme has no")


def _as_given(path: Path) -> str:
    """A path the loader resolved, as the user would write it: from here when it is below here."""
    try:
        return str(path.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _debugging() -> bool:
    ctx = click.get_current_context(silent=True)
    if ctx is not None and ctx.find_root().params.get("debug"):
        return True
    return os.environ.get("DNADECK_DEBUG", "") not in ("", "0")


def _report(exc: BaseException) -> int:
    """Print what went wrong as one line per problem; the exit status for it."""
    if isinstance(exc, BrokenPipeError):  # e.g. `dnadeck list | head`: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    if _debugging():
        import traceback

        if isinstance(exc, GuideError) and exc.__cause__ is not None:
            traceback.print_exception(exc.__cause__)
        elif not isinstance(exc, (Failure, KeyboardInterrupt)):
            traceback.print_exception(exc)
    lines, status = _explained(exc)
    for line in lines:
        click.echo(line, err=True)
    return status


def _explained(exc: BaseException, who: str = "dnadeck") -> tuple[list[str], int]:
    """What the user is told of ``exc`` (one line per problem) and the exit status: every
    error becomes output here. ``who`` starts a line that is about no file."""
    if isinstance(exc, GuideError):
        return [_problem_line(p) for p in exc.problems], exc.exit_status
    if isinstance(exc, OutputNameError):  # a mistake in what was typed, as the others
        ctx = click.get_current_context(silent=True)
        where = ctx.command_path if ctx else who
        return [escape(f"{where}: {_output_flag()} {exc}{_output_fix(exc)}")], exc.exit_status
    if isinstance(exc, OutputError):
        return [escape(f"{who}: {exc}{_output_fix(exc)}")], exc.exit_status
    if isinstance(exc, Failure):
        return [escape(f"{who}: {exc}")], exc.exit_status
    if isinstance(exc, Terminated):
        return [f"{who}: stopped (SIGTERM); nothing half-written is left"], EXIT_TERMINATED
    if isinstance(exc, KeyboardInterrupt):
        return [f"{who}: interrupted"], EXIT_INTERRUPTED
    if isinstance(exc, OSError) and not _debugging():
        name = f": {exc.filename}" if exc.filename else ""
        return [escape(f"{who}: {exc.strerror or exc}{name}")], EXIT_PROBLEM
    return [escape(f"{who}: {internal_error(exc, 'run with --debug for details')}")], EXIT_INTERNAL


# The options that name what a command writes, by their parameter names.
_OUTPUT_OPTIONS = {"output": "-o", "out_dir": "-o", "preview_png": "--preview"}


def _output_flag() -> str:
    """The option naming what the running command writes (``-o`` for most)."""
    ctx = click.get_current_context(silent=True)
    given = [flag for key, flag in _OUTPUT_OPTIONS.items() if ctx is not None and ctx.params.get(key) is not None]
    return given[0] if given else "-o"


def _output_fix(exc: OutputError) -> str:
    """What the user can type instead, for an output that is refused: the library says which way out there is."""
    flag = _output_flag()
    if exc.instead is not None:
        return f"; write it there with {flag} {shlex.quote(exc.instead)}"
    if exc.replaceable and exc.elsewhere:
        return f"; use --force to replace it, or {flag} to write elsewhere"
    if exc.replaceable:
        return " (or use --force if it is not open)"
    if exc.elsewhere:
        return f"; or use {flag} to write elsewhere"
    return ""


_OPTION_OF = {"stories": "--story", "questions": "--question"}  # the loader's keys for repeated options


def _as_typed(field: str, typed: Mapping[str, Any]) -> str:
    """The loader's name for an option's value (``stories[2]``) as it was typed (``--story stya``)."""
    match = re.fullmatch(r"([a-z_]+)(?:\[(\d+)\])?", field)
    if not match:
        return field
    key, index = match.groups()
    option = _OPTION_OF.get(key, f"--{key}")
    given = typed.get(key)
    if index is None or not isinstance(given, (list, tuple)):
        return option
    values = [v for group in given for v in (group if isinstance(group, list) else [group])]
    if int(index) <= len(values):
        return f"{option} {shlex.quote(str(values[int(index) - 1]))}"
    return option


def _problem_line(problem: Problem) -> str:
    """One problem, one line: FILE:LINE: field: message for a file; for what was typed,
    the command and the option as typed, the style of every usage error."""
    ctx = click.get_current_context(silent=True)
    if problem.file != COMMAND_LINE or ctx is None:
        return str(problem)
    field = _as_typed(problem.field, ctx.params) if problem.field else ""
    return _usage_line(ctx.command_path, field, problem.message)


def _usage_line(where: str, field: str, message: str) -> str:
    return shorten(escape(f"{where}: {field}: {message}" if field else f"{where}: {message}"), LINE_MAX)


def _reports_errors(command: Callable[..., None]) -> Callable[..., None]:
    """Turn any failure into one line per problem on stderr and an exit status."""

    @wraps(command)
    def run(*args: Any, **kwargs: Any) -> None:
        try:
            command(*args, **kwargs)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except (Exception, KeyboardInterrupt) as exc:
            sys.exit(_report(exc))

    return run


class Dnadeck(click.Group):
    """The dnadeck group: usage errors in one line, and a last resort for the rest.

    Whatever happens, the user sees one line per problem (a traceback only
    with --debug or DNADECK_DEBUG=1): usage errors exit 2, an interruption
    130, an internal error 70.
    """

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            with _sigterm_unwinds():
                value = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.UsageError as exc:
            where = exc.ctx.command_path if exc.ctx else (prog_name or "dnadeck")
            if isinstance(exc, click.BadParameter) and not isinstance(exc, click.MissingParameter) and exc.param:
                # A value that cannot be used: in the style (and with the status) of the problems we find.
                param = exc.param
                field = param.opts[0] if isinstance(param, click.Option) else ""
                click.echo(_usage_line(where, field, " ".join(exc.message.split())), err=True)
                code = EXIT_PROBLEM
            else:
                message = " ".join(exc.format_message().split()).removesuffix(".")
                _say(f"{where}: {message} (see {where} --help)")
                code = EXIT_USAGE
        except click.ClickException as exc:
            _say(f"dnadeck: {' '.join(exc.format_message().split())}")
            code = exc.exit_code
        except click.Abort as exc:
            cause = exc.__context__  # Click turns Ctrl-C (and so SIGTERM) into Abort
            code = _report(cause if isinstance(cause, Terminated) else KeyboardInterrupt())
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        except (Exception, KeyboardInterrupt) as exc:
            code = _report(exc)
        else:
            code = value if isinstance(value, int) else 0
            if not standalone_mode:
                return value
        if standalone_mode:
            sys.exit(code)
        if code:
            raise SystemExit(code)
        return None


class QuestionNumbers(click.ParamType):  # type: ignore[type-arg]
    """``4`` or ``1,4,8``: question numbers as ``dnadeck show`` gives them."""

    name = "N[,N...]"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> list[int]:
        if isinstance(value, list):
            return value
        parts = [p for p in str(value).replace(" ", ",").split(",") if p]
        if not parts or not all(p.isdigit() and len(p) < 6 for p in parts):
            self.fail(f"{shown(value)} is not a question number: write --question 4, or several as --question 1,4,8")
        return [int(p) for p in parts]


class Existing(click.ParamType):  # type: ignore[type-arg]
    """A file (or, with ``folder``, a folder) that is there: else the nearest name in its folder is suggested."""

    def __init__(self, folder: bool = False) -> None:
        self.folder = folder
        self.name = "FOLDER" if folder else "FILE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from .inputs import nearest_file

        text = str(value)
        path = Path(text)
        if path.exists() and path.is_dir() != self.folder:
            self.fail(f"{shown(text, 200)} is {'not ' if self.folder else ''}a folder; name a {self.name.lower()}")
        if not path.exists():
            nearest = nearest_file(text)
            maybe = f" (did you mean {shown(nearest, 200)}?)" if nearest else ""
            self.fail(f"no such {self.name.lower()} {shown(text, 200)}{maybe}")
        return path if self.folder else text


class IsoDate(click.ParamType):  # type: ignore[type-arg]
    """A date written YYYY-MM-DD."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> dt.date:
        import datetime as dt

        if isinstance(value, dt.date):
            return value
        date = parse_date(str(value))
        if date is None:
            self.fail(not_a_date(shown(value)))
        return date


def _deck_options(command: Callable[..., None]) -> Callable[..., None]:
    """The custom-deck choices, as options (the same keys as in a guide file)."""
    options = [
        click.option("--title", help="The deck's title."),
        click.option("--subtitle", help="The line under the title."),
        click.option("--presenter", help="Who is presenting (on the title slide)."),
        click.option("--organisation", help="Your organisation (on the title slide)."),
        click.option("--date", type=IsoDate(), help="The session's date, YYYY-MM-DD."),
        click.option(
            "--story",
            "stories",
            multiple=True,
            metavar="ID",
            help="Keep this story (repeat; in this order). See `dnadeck list`.",
        ),
        click.option(
            "--question",
            "questions",
            multiple=True,
            type=QuestionNumbers(),
            metavar="N",
            help="Keep question N (repeat, or N,N,N). See `dnadeck show`.",
        ),
        click.option(
            "--logo",
            type=Existing(),
            help="A logo image (PNG or JPEG) for the title slide.",
        ),
        click.option(
            "--template",
            type=Existing(),
            help="A PowerPoint template (.pptx or .potx) to build on.",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _output_option(help_text: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """-o/--output FILE or FOLDER/, as build, preview and new take it."""
    return click.option("-o", "--output", type=click.Path(), metavar="FILE|FOLDER/", help=help_text)


def _beside_options(command: Callable[..., None]) -> Callable[..., None]:
    """A flag for each file a writer makes beside a deck or session plan, named for its suffix (``--pdf``,
    ``--png``), read from the writers' table: a new kind of output needs no change here. ``_beside``
    collects them."""
    for writer in reversed(list(dnadeck.WRITERS.values())):
        if writer.beside:
            name = writer.suffix.lstrip(".")
            command = click.option(f"--{name}", _BESIDE + name, is_flag=True, help=writer.beside)(command)
    return command


_BESIDE = "beside_"  # the flags' parameter names: beside_pdf


def _beside(kwargs: dict[str, Any]) -> list[str]:
    """The suffixes of the files asked for beside the document (".pdf"), taken out of ``kwargs``."""
    flags = [key for key in kwargs if key.startswith(_BESIDE)]
    return [f".{key.removeprefix(_BESIDE)}" for key in flags if kwargs.pop(key)]


def _seconds_option(
    name: str, env: str, default: float, help_text: str
) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """A time limit of ``serve`` in seconds, more than 0, also read from ``env``."""
    return click.option(
        name,
        type=click.FloatRange(min=0, min_open=True),
        envvar=env,
        metavar="SECONDS",
        help=f"{help_text} [env {env}; default {default:.0f}].",
    )


def _force_option(what: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    return click.option("--force", is_flag=True, help=f"Replace {what} even if it was changed since dnadeck wrote it.")


def _shown_path(path: Path | str) -> str:
    """A path as the user gave it (relative stays relative), control characters escaped."""
    return escape(str(path))


def _overrides(kwargs: dict[str, Any]) -> dict[str, Any]:
    kwargs["questions"] = [n for group in kwargs.get("questions") or () for n in group]
    return kwargs


@click.group(name="dnadeck", cls=Dnadeck, context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="dnadeck")
@click.option("--debug", is_flag=True, help="Show the full traceback of an internal error (or set DNADECK_DEBUG=1).")
def main(debug: bool) -> None:
    """Build PowerPoint facilitator packs for the DNA of Care staff stories.

    \b
    Examples:
      dnadeck list                               the packs and stories
      dnadeck build compassionate-leadership     a standard pack
      dnadeck build my-session.yaml              your own guide or custom deck
      dnadeck build-all                          all five packs into decks/
      dnadeck serve                              make a deck on a web page instead
    """


@main.command(context_settings=CONTEXT)
@click.argument("source")
@_output_option("The deck to write: a .pptx, a .pdf (with the deck beside it), or a folder (default: <id>.pptx here).")
@_beside_options
@_force_option("the deck")
@_deck_options
@_reports_errors
def build(source: str, output: str | None, force: bool, **kwargs: Any) -> None:
    """Build a deck from a bundled pack id or a guide file (YAML).

    \b
    Examples:
      dnadeck build compassionate-leadership
      dnadeck build ward7-away-day.yaml -o away-day.pptx --pdf
      dnadeck build compassion --story stay --story touch --question 1 --question 3 \\
          --title "Compassion: team day" --presenter "Sam Patel" --date 2026-12-03
    """
    beside = _beside(kwargs)
    done = dnadeck.write_deck(source, output, beside=beside, force=force, say=_step, **_overrides(kwargs))
    assert done.path is not None  # write_deck raises rather than return an error
    _warn(done.warnings, done.template)
    _note_untranslated(done.untranslated)
    click.echo(f"wrote {_shown_path(done.path)} ({count(done.slides, 'slide')}, {done.size / 1024:.0f} KB)")
    for path in done.beside:
        click.echo(f"wrote {_shown_path(path)}")


@main.command(context_settings=CONTEXT)
@click.argument("source")
@_output_option(
    "The session plan to write: a .docx, a .pdf (with the .docx beside it), or a folder "
    "(default: <id>-handout.docx here)."
)
@_beside_options
@click.option(
    "--minutes",
    type=click.IntRange(min=1),
    metavar="N",
    help="Warn when the session as planned runs over N minutes.",
)
@_force_option("the session plan")
@_deck_options
@_reports_errors
def handout(source: str, output: str | None, minutes: int | None, force: bool, **kwargs: Any) -> None:
    """Write the facilitator's session plan for a deck, as a Word document.

    It is made from the same plan as the deck, with the same choices: a
    preparation checklist, the trigger warning, timings, a run sheet with the
    deck's slide numbers and speaker notes, each story with its link and QR
    code, the questions with room to write, and the credits. Edit it in Word
    to add your room, times and local contacts.

    \b
    Examples:
      dnadeck handout compassionate-leadership
      dnadeck handout ward7-away-day.yaml --pdf --minutes 90
      dnadeck handout resilience --story stay -o stay-plan.docx
    """
    beside = _beside(kwargs)
    done = dnadeck.write_handout(
        source, output, beside=beside, minutes=minutes, force=force, say=_step, **_overrides(kwargs)
    )
    length = f"{done.minutes:g} minutes"
    click.echo(f"wrote {_shown_path(done.path)} (for {count(done.slides, 'slide')}, {length})")
    for path in done.beside:
        click.echo(f"wrote {_shown_path(path)}")
    if done.over:
        click.echo(f"dnadeck: warning: {done.over}", err=True)
    _note_untranslated(done.untranslated, PLAN_WORDS)


@main.command(context_settings=CONTEXT)
@click.argument("files", nargs=-1, required=True)
@_reports_errors
def validate(files: tuple[str, ...]) -> None:
    """Check guide files (or pack ids) without building them.

    Prints one line per problem, as FILE:LINE: field: what is wrong.

    \b
    Example:
      dnadeck validate my-session.yaml ward7-away-day.yaml
    """
    failed = 0
    for name in files:
        try:
            checked = dnadeck.check(name)
        except GuideError as exc:
            failed = _report(exc)
            continue
        _warn(checked.warnings, checked.template)
        _note_untranslated(checked.untranslated)
        guide = checked.guide
        counts = [count(checked.slides, "slide"), count(len(guide.story_slides()), "story", "stories")]
        click.echo(f"ok: {_shown_path(name)} ({', '.join(counts)}, {count(len(guide.questions()), 'question')})")
    if failed:
        sys.exit(failed)


@main.command("list", context_settings=CONTEXT)
@_reports_errors
def list_() -> None:
    """List the bundled packs and the story catalogue.

    \b
    Example:
      dnadeck list
    """
    click.echo("Packs (build with: dnadeck build ID)")
    click.echo(f"  {'id':<34} {'title':<36} {'slides':>6}")
    for pack in dnadeck.pack_ids():
        guide = dnadeck.load_guide(pack)
        click.echo(f"  {pack:<34} {guide.title:<36} {dnadeck.slide_count(guide):>6}")
    click.echo("\nStories (choose with: --story ID, or story: ID in a guide)")
    click.echo(f"  {'id':<34} {'title':<36} {'number':>6}")
    for story in dnadeck.stories().values():
        number = f"{story.number}" if story.number else ""
        flag = "" if story.synopsis else "  no synopsis"
        click.echo(f"  {story.id:<34} {story.title:<36} {number:>6}{flag}".rstrip())
    if any(not s.synopsis for s in dnadeck.stories().values()):
        click.echo(
            "\nno synopsis: our sources do not say what the story is about, so its slide shows the title, "
            "who told it, the link and the licence; give your own with synopsis: on the story slide"
        )


@main.command(context_settings=CONTEXT)
@click.argument("source")
@click.option("--notes", is_flag=True, help="Print each slide's speaker notes too.")
@_deck_options
@_reports_errors
def show(source: str, notes: bool, **kwargs: Any) -> None:
    """Show what a deck will say: its slides and numbered questions.

    Takes the same choices as build, so you can check a cut-down deck
    before you build it. Choose questions by their Q numbers.

    \b
    Examples:
      dnadeck show compassionate-leadership
      dnadeck show compassionate-leadership --story stay --question 1 --notes
    """
    click.echo(dnadeck.show(source, notes=notes, **_overrides(kwargs)), nl=False)


@main.command(context_settings=CONTEXT)
@_output_option("Write the schema to this file (or folder/) instead of printing it.")
@_force_option("the file")
@_reports_errors
def schema(output: str | None, force: bool) -> None:
    """Print the JSON Schema of the guide format, for editors.

    VS Code (with the YAML extension) and other editors use it to complete
    keys and underline mistakes as you type; `dnadeck new` points to it.

    \b
    Example:
      dnadeck schema -o dnadeck.schema.json
    """
    text = dnadeck.schema_text()
    if output is None:
        click.echo(text, nl=False)
    else:
        path = dnadeck.write_text(output, text, force=force)
        click.echo(f"wrote {_shown_path(path)}")


@main.command(context_settings=CONTEXT)
@_output_option("Write the wording to this file (.yaml, or a folder/) instead of printing it.")
@_force_option("the file")
@_reports_errors
def wording(output: str | None, force: bool) -> None:
    """Print the wording file: every fixed word of a deck, its notes and its session plan.

    Translate it (and set its language:), put it next to your guide and
    name it there with `wording: FILE`: every label, default note, line of
    the credits and word of the session plan is then yours.

    \b
    Example:
      dnadeck wording -o wording-cy.yaml
    """
    if output is None:
        click.echo(dnadeck.wording_text(), nl=False)
    else:
        click.echo(f"wrote {_shown_path(dnadeck.write_wording(output, force=force))}")


@main.command(context_settings=CONTEXT)
@click.argument("pack", required=False)
@_output_option("The file to write, .yaml or .yml, or a folder (default: my-<pack>.yaml here).")
@click.option(
    "--example",
    is_flag=True,
    help="Write the example instead: ward7-away-day.yaml with a sample logo and template beside it (-o: a folder).",
)
@click.option("--force", is_flag=True, help="Replace the file if it is already there.")
@_reports_errors
def new(pack: str | None, output: str | None, example: bool, force: bool) -> None:
    """Start a custom deck: a file listing a pack's stories and questions.

    Delete the stories and questions you do not want, fill in your title,
    name and date, then build it. PACK is a bundled pack id or a guide file.

    \b
    Examples:
      dnadeck new compassionate-leadership -o ward7.yaml
      dnadeck build ward7.yaml
      dnadeck new --example          the README's example, with a sample logo and template
    """
    if example == (pack is not None):
        raise click.UsageError("give a PACK to start from, or --example (not both)")
    if example:
        written = dnadeck.write_example(output, force=force)
        for path in written:
            click.echo(f"wrote {_shown_path(path)}")
        click.echo(f"next, run: dnadeck build {dnadeck.EXAMPLE}")
        return
    assert pack is not None
    path, schema_path = dnadeck.write_starter(pack, output, force=force)
    if schema_path:
        click.echo(f"wrote {_shown_path(schema_path)} (lets your editor check the file as you type)")
    click.echo(f"wrote {_shown_path(path)}; edit it, then run: dnadeck build {shlex.quote(_shown_path(path))}")


@main.command("build-all", context_settings=CONTEXT)
@click.option(
    "-o",
    "--output",
    "out_dir",
    default="decks",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the decks.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1, max=64),
    help="Worker processes (default: one per core for 16 guides or more, else one: a pool costs more than it saves on a few).",
)
@click.option(
    "--packs-dir",
    type=Existing(folder=True),
    help="Build the guide files (.yaml, .yml) in this folder instead of the bundled packs.",
)
@_force_option("a deck")
@_reports_errors
def build_all(out_dir: Path, jobs: int | None, packs_dir: Path | None, force: bool) -> None:
    """Build every bundled pack into a folder, as <pack-id>.pptx.

    A pack that fails does not stop the others; its problems are printed
    and the exit status is 1.

    \b
    Examples:
      dnadeck build-all
      dnadeck build-all -o site/decks --jobs 2
    """
    sources = dnadeck.pack_sources(packs_dir)
    if sys.stderr.isatty():
        with click.progressbar(length=len(sources), label="Building packs", file=sys.stderr) as bar:
            results = dnadeck.build_all(out_dir, jobs, sources, on_done=lambda _: bar.update(1), force=force)
    else:
        results = dnadeck.build_all(out_dir, jobs, sources, force=force)
    click.echo(f"{'pack':<36} {'slides':>6} {'size':>9} {'seconds':>8}")
    for r in results:
        name = Path(r.source).stem
        if r.error:
            click.echo(f"{name:<36} {'failed':>6}")
        else:
            click.echo(f"{name:<36} {r.slides:>6} {r.size / 1024:>6.0f} KB {r.seconds:>8.2f}")
    failed = [r for r in results if r.error]
    for r in failed:
        assert r.error is not None
        for line in _explained(r.error, r.source)[0]:
            click.echo(line, err=True)
    click.echo(f"{len(results) - len(failed)} of {len(results)} decks written to {out_dir}/")
    if failed:
        sys.exit(1)


@main.command(context_settings=CONTEXT)
@click.argument("source")
@_output_option("The PNG to write, or a folder (default: <id>-preview.png here).")
@_force_option("the PNG")
@_deck_options
@_reports_errors
def preview(source: str, output: str | None, force: bool, **kwargs: Any) -> None:
    """Render a deck with LibreOffice into one contact-sheet PNG of all slides.

    \b
    Examples:
      dnadeck preview compassionate-leadership
      dnadeck preview my-session.yaml -o sheet.png
    """
    path, slides = dnadeck.write_preview(source, output, force=force, say=_step, **_overrides(kwargs))
    click.echo(f"wrote {_shown_path(path)} ({count(slides, 'slide')})")


@main.command(context_settings=CONTEXT)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0: every network).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port (0: any free port).")
@click.option("--open/--no-open", "open_browser", default=True, help="Open the page in your web browser.")
@click.option(
    "--allow-host",
    "hosts",
    multiple=True,
    metavar="NAME",
    help="A host name the page is reached by through a proxy (e.g. decks.example.nhs.uk); only these "
    "and localhost are answered; repeat for several [env DNADECK_ALLOWED_HOSTS, comma-separated].",
)
@_seconds_option(
    "--time-limit",
    "DNADECK_TIME_LIMIT",
    WEB_SECONDS,
    "Stop a request's work after this long, waiting included, and say the server is busy",
)
@_seconds_option(
    "--idle-limit",
    "DNADECK_IDLE_LIMIT",
    WEB_IDLE_SECONDS,
    "Close a connection that has not sent a whole request's line and headers after this long, "
    "or is idle this long between requests",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    envvar="DNADECK_WORKERS",
    metavar="N",
    help="Worker processes: builds and conversions done at once [env DNADECK_WORKERS; default: one per core, 2 to 4].",
)
@click.option(
    "--converters",
    type=click.IntRange(min=0),
    envvar="DNADECK_LOCAL_CONVERTERS",
    metavar="N",
    help="LibreOffice converters (unoserver) to start here and keep warm for PDFs and previews "
    "[env DNADECK_LOCAL_CONVERTERS; default 2 when unoserver is installed and none are named, else 0].",
)
@click.option(
    "--converter",
    "remote",
    multiple=True,
    metavar="HOST:PORT",
    help="A running converter (unoserver) to use, on this or another host; repeat for several "
    "[env DNADECK_CONVERTERS, comma-separated].",
)
def serve(
    host: str,
    port: int,
    open_browser: bool,
    time_limit: float | None,
    idle_limit: float | None,
    workers: int | None,
    converters: int | None,
    remote: tuple[str, ...],
    hosts: tuple[str, ...],
) -> None:
    """Make decks on a web page: choose, see the slides, download.

    Serves the page on this computer only, unless --host says otherwise
    (behind a reverse proxy, several instances: see docs/hosting.md). Stop it
    with Ctrl+C.

    \b
    Examples:
      dnadeck serve
      dnadeck serve --port 8080 --no-open
      dnadeck serve --host 127.0.0.1 --port 8001 --no-open --converter lo1.trust.nhs.uk:2003
    """
    from .web import serve as run  # the web server loads only when wanted
    from .web.converters import default_count

    named = list(remote) or dnadeck.named_converters()
    try:
        local = default_count(named) if converters is None else converters
    except OfficeError as exc:
        sys.exit(_report(exc))

    def ready(url: str) -> None:
        click.echo(f"dnadeck: the page is at {url} (press Ctrl+C to stop)")

    try:
        run(
            host,
            port,
            open_browser=open_browser,
            on_ready=ready,
            time_limit=time_limit,
            idle_limit=idle_limit,
            workers=workers,
            converters=local,
            remote_converters=named,
            hosts=list(hosts)
            or [h.strip() for h in os.environ.get("DNADECK_ALLOWED_HOSTS", "").split(",") if h.strip()],
        )
    except KeyboardInterrupt:  # Ctrl+C is how the page is stopped
        pass
    except OSError as exc:
        click.echo(f"dnadeck: cannot listen on {host} port {port}: {exc.strerror or exc}; try another --port", err=True)
        sys.exit(1)
    except OfficeError as exc:
        sys.exit(_report(exc))
    click.echo("dnadeck: the page is stopped")


@main.group(context_settings=CONTEXT)
def template() -> None:
    """Check your organisation's PowerPoint template before you build on it.

    \b
    Example:
      dnadeck template inspect trust-template.pptx
      dnadeck template inspect trust-template.pptx --preview sheet.png
    """


@template.command("inspect", context_settings=CONTEXT)
@click.argument("file", type=Existing())
@click.option(
    "--preview",
    "preview_png",
    type=click.Path(),
    metavar="OUT.png",
    help="Also write a contact sheet of a sample deck (the resilience pack) built on it (needs LibreOffice).",
)
@_force_option("the PNG")
@_reports_errors
def template_inspect(file: str, preview_png: str | None, force: bool) -> None:
    """Show what dnadeck makes of a template (.pptx or .potx).

    Prints the slide size and how it is scaled, the layout each slide kind
    uses, the theme fonts (and what measures them on this computer), the
    theme colours with the contrast of each text on its background (and
    the colour used instead where one is too faint), each layout's safe
    area clear of its logos and bands, and any warnings.

    \b
    Examples:
      dnadeck template inspect trust-template.pptx
      dnadeck template inspect trust-template.potx --preview trust-sheet.png
    """
    click.echo(dnadeck.inspect_template(Path(file)).text(), nl=False)
    if preview_png:
        sample = dnadeck.SAMPLE_PACK
        path, slides = dnadeck.write_preview(sample, preview_png, force=force, say=_step, template=file)
        click.echo(f"wrote {_shown_path(path)} ({count(slides, 'slide')} of the {sample} pack on this template)")

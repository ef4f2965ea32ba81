"""LibreOffice and poppler, for PDFs and previews: found, run, explained.

Every PDF dnadeck makes (a deck, a session plan, the pages of a preview)
comes from ``to_pdfs`` (a document's bytes go through ``pdf.pdf_bytes``): tagged PDF/UA, exported with ``PDF_OPTIONS`` and
finished by ``taggedpdf.finish_pdf``. Nothing else in dnadeck needs these
programs. When one is missing the error says so in one line, with how to
install it. A PDF is made by a running converter (unoserver: a LibreOffice
kept warm, here or on another host) when one is named, by ``DNADECK_CONVERTERS`` or by the caller; else by
starting LibreOffice for the conversion. Error messages name files, never
the folders they are in.
"""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import json
import os
import re
import shutil
import signal
import stat
import subprocess
import tempfile
import xmlrpc.client
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import OfficeError as OfficeError
from .taggedpdf import document_language, finish_pdf, marked_copy

SOFFICE_NAMES = ("soffice", "libreoffice")
INSTALL_OFFICE = (
    "install LibreOffice (Debian/Ubuntu: sudo apt-get install libreoffice-impress; others: libreoffice.org)"
)
INSTALL_WRITER = (
    "install LibreOffice Writer for Word documents (Debian/Ubuntu: sudo apt-get install libreoffice-writer)"
)
INSTALL_POPPLER = "install poppler (Debian/Ubuntu: sudo apt-get install poppler-utils; macOS: brew install poppler)"
TIMEOUT = 300
# -- the PDF export: tagged PDF/UA, one set of options for every PDF ---------
# LibreOffice's PDF export options (its filter data), for every PDF made, by
# soffice (as JSON on the command line: LibreOffice 7.4 or newer) or by a
# converter. A tagged PDF carries a structure tree (headings, paragraphs,
# lists, figures with their alternative text, in reading order); PDF/UA marks
# it as PDF/UA-1 and shows the title, not the file name, in the window.
PDF_OPTIONS: dict[str, bool] = {
    "UseTaggedPDF": True,
    "PDFUACompliance": True,
    "ExportBookmarks": True,  # slide titles and headings as the PDF's outline
    "ExportNotesPages": False,  # the slides only: speaker notes stay in the deck
}
# LibreOffice's PDF export filter for each kind of document.
PDF_FILTERS = {".pptx": "impress_pdf_Export", ".potx": "impress_pdf_Export", ".docx": "writer_pdf_Export"}
CONVERTERS_ENV = "DNADECK_CONVERTERS"  # host:port of running converters, comma-separated
_PATH = re.compile(r"(?:file://)?(?:/[^\s/'\"]+)+/([^\s/'\"]+)")


def named_converters() -> list[str]:
    """The converters named by ``DNADECK_CONVERTERS`` (``host:port``, comma-separated)."""
    return [a.strip() for a in os.environ.get(CONVERTERS_ENV, "").split(",") if a.strip()]


def without_paths(text: str) -> str:
    """``text`` with every file path or file URL cut to the file's name."""
    return _PATH.sub(r"\1", text)


def soffice() -> str:
    """The path of LibreOffice's soffice program; OfficeError, saying how to install it, if there is none."""
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise OfficeError(f"LibreOffice (soffice) is needed for PDFs and previews but was not found: {INSTALL_OFFICE}")


def require() -> None:
    """Raise OfficeError unless PDFs can be made: a converter is named, or LibreOffice is here."""
    if not named_converters():
        soffice()


def filter_options() -> list[str]:
    """PDF_OPTIONS as a converter takes them: ``Name=true``."""
    return [f"{name}={str(on).lower()}" for name, on in PDF_OPTIONS.items()]


def convert_to(suffix: str) -> str:
    """soffice's ``--convert-to`` value for a document of this suffix: the
    tagged PDF/UA export filter with PDF_OPTIONS."""
    options = {name: {"type": "boolean", "value": str(on).lower()} for name, on in PDF_OPTIONS.items()}
    return f"pdf:{PDF_FILTERS[suffix.lower()]}:{json.dumps(options, separators=(',', ':'))}"


def to_pdf(deck: Path, out_dir: Path, converter: str | None = None) -> Path:
    """Convert ``deck`` (a .pptx, .potx or .docx) to ``out_dir/<name>.pdf``: with the
    running converter at ``converter`` (``host:port``), else the first of
    ``DNADECK_CONVERTERS``, else with a LibreOffice started for it."""
    return to_pdfs([deck], out_dir, converter)[0]


def to_pdfs(decks: Sequence[Path], out_dir: Path, converter: str | None = None) -> list[Path]:
    """Convert each of ``decks`` to an accessible ``out_dir/<name>.pdf``: one by one
    through a running converter if one is named (see ``to_pdf``), else in one
    LibreOffice run for each kind of document (it takes seconds to start, so many
    files share one start); then ``finish_pdf`` on each."""
    converter = converter or next(iter(named_converters()), None)
    out_dir.mkdir(parents=True, exist_ok=True)
    for deck in decks:
        if deck.suffix.lower() not in PDF_FILTERS:
            raise OfficeError(f"{deck.name}: dnadeck makes PDFs of .pptx, .potx and .docx files only")
    with tempfile.TemporaryDirectory(prefix="dnadeck-in-") as tmp:
        sent = [marked_copy(deck, Path(tmp)) for deck in decks]
        if converter:
            pdfs = [_convert_with(converter, path, out_dir) for path in sent]
        else:
            kinds: dict[str, list[Path]] = {}
            for path in sent:
                kinds.setdefault(path.suffix.lower(), []).append(path)
            for suffix, paths in kinds.items():
                _soffice_convert(paths, out_dir, convert_to(suffix))
            pdfs = [out_dir / f"{deck.stem}.pdf" for deck in decks]
    for deck, pdf in zip(decks, pdfs, strict=True):
        finish_pdf(pdf, document_language(deck))
    return pdfs


def _soffice_convert(decks: Sequence[Path], out_dir: Path, target: str) -> None:
    """Run LibreOffice once: each of ``decks`` to ``out_dir/<name>.pdf`` with ``--convert-to target``."""
    program = soffice()
    with tempfile.TemporaryDirectory(prefix="dnadeck-lo-") as profile:
        cmd = [
            program,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
            str(out_dir),
            *map(str, decks),
        ]
        names = ", ".join(deck.name for deck in decks)
        try:
            done = run(cmd, TIMEOUT * len(decks), temp=Path(profile) / "tmp")
        except subprocess.TimeoutExpired:
            raise OfficeError(f"LibreOffice took more than {TIMEOUT * len(decks)} s to convert {names}") from None
    pdfs = [out_dir / f"{deck.stem}.pdf" for deck in decks]
    for deck, pdf in zip(decks, pdfs, strict=True):
        if done.returncode != 0 or not pdf.is_file():
            # LibreOffice's own text is not for users (paths, internal names): one line of ours instead.
            detail = done.stderr or done.stdout
            if deck.suffix == ".docx" and "could not be loaded" in detail:  # Writer is a separate package
                reason = INSTALL_WRITER
            elif done.returncode != 0:
                reason = f"it stopped with exit status {done.returncode}; check that LibreOffice opens it"
            else:
                reason = "it wrote no PDF; open the file in LibreOffice or PowerPoint to see whether it is damaged"
            raise OfficeError(f"LibreOffice could not convert {deck.name}: {reason}")


def office_pipes(profile: Path) -> list[Path]:
    """Where LibreOffice run with the user installation ``profile`` opens its single-instance
    socket: ``OSL_PIPE_<uid>_SingleOfficeIPC_<hash>`` in /tmp (else in /var/tmp), the hash being
    the MD5 of the installation's URL in UTF-16, each byte in hex without padding. The folders are
    LibreOffice's own, not the temporary folder's."""
    digest = hashlib.md5(profile.as_uri().encode("utf-16-le"), usedforsecurity=False).digest()
    name = f"OSL_PIPE_{os.getuid()}_SingleOfficeIPC_{''.join(f'{byte:x}' for byte in digest)}"
    return [Path(folder) / name for folder in ("/tmp", "/var/tmp")]


def remove_office_pipe(profile: Path) -> None:
    """Remove the socket of a LibreOffice that has ended (see ``office_pipes``). LibreOffice removes
    its own when it closes, not when it is stopped as a converter is; a server that restarts its
    converters would gather them in /tmp."""
    if os.name != "posix":
        return
    for pipe in office_pipes(profile):
        with contextlib.suppress(OSError):
            if stat.S_ISSOCK(pipe.lstat().st_mode) and pipe.lstat().st_uid == os.getuid():
                pipe.unlink()


def run(cmd: list[str], timeout: float, temp: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``cmd`` in a process group of its own; on a timeout, Ctrl-C or SIGTERM the
    whole group is killed (LibreOffice's launcher starts the office in a child
    process, which would otherwise live on and write into a removed folder).
    With ``temp``, the program's own temporary files go there (a folder we remove)."""
    env = None
    if temp is not None:
        temp.mkdir(exist_ok=True)
        env = {**os.environ, "TMPDIR": str(temp), "TMP": str(temp), "TEMP": str(temp)}
    process = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, start_new_session=os.name == "posix"
    )
    try:
        out, err = process.communicate(timeout=timeout)
    except BaseException:
        _kill_group(process)
        raise
    return subprocess.CompletedProcess(cmd, process.returncode, out, err)


def _kill_group(process: subprocess.Popen[str]) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (OSError, AttributeError):  # gone already, or not POSIX
        process.kill()
    process.wait()
    for pipe in (process.stdout, process.stderr):
        if pipe is not None:
            pipe.close()


class _Transport(xmlrpc.client.Transport):
    """XML-RPC over HTTP with a time limit on the connection."""

    def __init__(self, timeout: float) -> None:
        super().__init__()
        self.timeout = timeout

    def make_connection(self, host: Any) -> http.client.HTTPConnection:
        connection = super().make_connection(host)
        connection.timeout = self.timeout
        return connection


def converter_proxy(converter: str, timeout: float = TIMEOUT) -> xmlrpc.client.ServerProxy:
    """An XML-RPC client for the unoserver at ``converter`` (``host:port``)."""
    return xmlrpc.client.ServerProxy(f"http://{converter}", transport=_Transport(timeout), allow_none=True)


def _convert_with(converter: str, deck: Path, out_dir: Path) -> Path:
    """``deck`` to PDF through the unoserver at ``converter`` (its XML-RPC ``convert``);
    the file's bytes travel in the request, so the converter may be on another host."""
    pdf = out_dir / f"{deck.stem}.pdf"
    options = filter_options()
    try:
        with converter_proxy(converter) as proxy:
            # inpath, indata, outpath, convert_to, filtername, filter_options, update_index, infiltername
            result = proxy.convert(
                None, xmlrpc.client.Binary(deck.read_bytes()), None, "pdf", None, options, True, None
            )
        data = result.data if isinstance(result, xmlrpc.client.Binary) else b""
        if not data.startswith(b"%PDF"):
            raise OfficeError(f"the converter at {converter} sent no PDF for {deck.name}")
    except (OSError, xmlrpc.client.Error, http.client.HTTPException) as exc:
        reason = without_paths(getattr(exc, "faultString", "") or getattr(exc, "strerror", "") or str(exc))
        raise OfficeError(f"the converter at {converter} could not convert {deck.name}: {reason.strip()}") from None
    out_dir.mkdir(parents=True, exist_ok=True)
    tmp = pdf.with_suffix(".pdf.part")
    tmp.write_bytes(data)
    tmp.replace(pdf)
    return pdf


def pdf_pages_to_png(pdf: Path, out_dir: Path, dpi: int = 60) -> list[Path]:
    """Render each page of ``pdf`` to a PNG with pdftoppm; return them in order.

    pdftoppm writes plain pixmaps, which Pillow compresses lightly: several
    times faster than pdftoppm's own PNGs, for files a little larger."""
    from PIL import Image

    program = shutil.which("pdftoppm")
    if not program:
        raise OfficeError(f"pdftoppm is needed for previews but was not found: {INSTALL_POPPLER}")
    done = run([program, "-r", str(dpi), str(pdf), str(out_dir / "page")], TIMEOUT)
    if done.returncode != 0:
        raise OfficeError(f"pdftoppm could not read {pdf.name}: {without_paths(done.stderr.strip())}")
    pngs = []
    for ppm in sorted(out_dir.glob("page-*.ppm"), key=lambda p: int(p.stem.split("-")[-1])):
        with Image.open(ppm) as image:
            image.save(ppm.with_suffix(".png"), compress_level=1)
        ppm.unlink()
        pngs.append(ppm.with_suffix(".png"))
    return pngs

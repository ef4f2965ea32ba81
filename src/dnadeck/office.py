"""LibreOffice and poppler, for PDFs and previews: found, run, explained.

Nothing else in dnadeck needs them. When a program is missing the error
says so in one line, with how to install it. A PDF is made by a running
converter (unoserver: a LibreOffice kept warm, here or on another host)
when one is named, by ``DNADECK_CONVERTERS`` or by the caller; else by
starting LibreOffice for the conversion. Error messages name files, never
the folders they are in.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import subprocess
import tempfile
import xmlrpc.client
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .errors import OfficeError as OfficeError

SOFFICE_NAMES = ("soffice", "libreoffice")
INSTALL_OFFICE = (
    "install LibreOffice (Debian/Ubuntu: sudo apt-get install libreoffice-impress; others: libreoffice.org)"
)
INSTALL_WRITER = (
    "install LibreOffice Writer for Word documents (Debian/Ubuntu: sudo apt-get install libreoffice-writer)"
)
INSTALL_POPPLER = "install poppler (Debian/Ubuntu: sudo apt-get install poppler-utils; macOS: brew install poppler)"
TIMEOUT = 300
PDF_OPTIONS: dict[str, bool | int | str] = {}  # the PDF export filter's options, for every PDF made
CONVERTERS_ENV = "DNADECK_CONVERTERS"  # host:port of running converters, comma-separated
_PATH = re.compile(r"(?:file://)?(?:/[^\s/'\"]+)+/([^\s/'\"]+)")


def converters() -> list[str]:
    """The converters named by ``DNADECK_CONVERTERS`` (``host:port``, comma-separated)."""
    return [a.strip() for a in os.environ.get(CONVERTERS_ENV, "").split(",") if a.strip()]


def without_paths(text: str) -> str:
    """``text`` with every file path or file URL cut to the file's name."""
    return _PATH.sub(r"\1", text)


def soffice() -> str:
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise OfficeError(f"LibreOffice (soffice) is needed for PDFs and previews but was not found: {INSTALL_OFFICE}")


def require() -> None:
    """Raise OfficeError unless PDFs can be made: a converter is named, or LibreOffice is here."""
    if not converters():
        soffice()


def to_pdf(deck: Path, out_dir: Path, converter: str | None = None) -> Path:
    """Convert ``deck`` to ``out_dir/<name>.pdf``: with the running converter at
    ``converter`` (``host:port``), else the first of ``DNADECK_CONVERTERS``,
    else with a LibreOffice started for it."""
    return to_pdfs([deck], out_dir, converter)[0]


def to_pdfs(decks: Sequence[Path], out_dir: Path, converter: str | None = None) -> list[Path]:
    """Convert each of ``decks`` to ``out_dir/<name>.pdf``: one by one through a running
    converter if one is named (see ``to_pdf``), else in one LibreOffice run (it takes
    seconds to start, so many files share one start)."""
    converter = converter or next(iter(converters()), None)
    if converter:
        return [_convert_with(converter, deck, out_dir) for deck in decks]
    program = soffice()
    with tempfile.TemporaryDirectory(prefix="dnadeck-lo-") as profile:
        cmd = [
            program,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir),
            *map(str, decks),
        ]
        names = ", ".join(deck.name for deck in decks)
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT * len(decks), check=False)
        except subprocess.TimeoutExpired:
            raise OfficeError(f"LibreOffice took more than {TIMEOUT * len(decks)} s to convert {names}") from None
    pdfs = [out_dir / f"{deck.stem}.pdf" for deck in decks]
    for deck, pdf in zip(decks, pdfs, strict=True):
        if done.returncode != 0 or not pdf.is_file():
            detail = (done.stderr or done.stdout).strip().splitlines()
            reason = detail[-1] if detail else "no PDF written"
            if deck.suffix == ".docx" and "could not be loaded" in reason:  # Writer is a separate package
                reason += f": {INSTALL_WRITER}"
            raise OfficeError(f"LibreOffice could not convert {deck.name}: {without_paths(reason)}")
    return pdfs


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
    options = [f"{key}={value}" for key, value in PDF_OPTIONS.items()]
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
    done = subprocess.run(
        [program, "-r", str(dpi), str(pdf), str(out_dir / "page")],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    if done.returncode != 0:
        raise OfficeError(f"pdftoppm could not read {pdf.name}: {without_paths(done.stderr.strip())}")
    pngs = []
    for ppm in sorted(out_dir.glob("page-*.ppm"), key=lambda p: int(p.stem.split("-")[-1])):
        with Image.open(ppm) as image:
            image.save(ppm.with_suffix(".png"), compress_level=1)
        ppm.unlink()
        pngs.append(ppm.with_suffix(".png"))
    return pngs

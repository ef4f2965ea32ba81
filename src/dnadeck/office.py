"""LibreOffice and poppler, for PDFs and previews: found, run, explained.

Nothing else in dnadeck needs them. When a program is missing the error
says so in one line, with how to install it.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

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


def soffice() -> str:
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise OfficeError(f"LibreOffice (soffice) is needed for PDFs and previews but was not found: {INSTALL_OFFICE}")


def to_pdf(deck: Path, out_dir: Path) -> Path:
    """Convert ``deck`` to ``out_dir/<name>.pdf`` with LibreOffice."""
    return to_pdfs([deck], out_dir)[0]


def to_pdfs(decks: Sequence[Path], out_dir: Path) -> list[Path]:
    """Convert each of ``decks`` to ``out_dir/<name>.pdf`` in one LibreOffice run
    (it takes seconds to start, so many files share one start)."""
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
            # LibreOffice's own text is not for users (paths, internal names): one line of ours instead.
            detail = done.stderr or done.stdout
            if deck.suffix == ".docx" and "could not be loaded" in detail:  # Writer is a separate package
                reason = INSTALL_WRITER
            elif done.returncode != 0:
                reason = f"it stopped with exit status {done.returncode}; check that LibreOffice opens it"
            else:
                reason = "it wrote no PDF; open the file in LibreOffice or PowerPoint to see whether it is damaged"
            raise OfficeError(f"LibreOffice could not convert {deck.name}: {reason}")
    return pdfs


def pdf_pages_to_png(pdf: Path, out_dir: Path, dpi: int = 60) -> list[Path]:
    """Render each page of ``pdf`` to a PNG with pdftoppm; return them in order."""
    program = shutil.which("pdftoppm")
    if not program:
        raise OfficeError(f"pdftoppm is needed for previews but was not found: {INSTALL_POPPLER}")
    done = subprocess.run(
        [program, "-r", str(dpi), "-png", str(pdf), str(out_dir / "page")],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    if done.returncode != 0:
        raise OfficeError(f"pdftoppm could not read {pdf.name}: {done.stderr.strip()}")
    return sorted(out_dir.glob("page-*.png"), key=lambda p: int(p.stem.split("-")[-1]))

"""Writing a deck: the same bytes for the same guide, written atomically.

python-pptx stamps the time into the zip entries and the document
properties; both are fixed here, so two builds of one guide are
byte-identical. The file is written beside its destination under a
temporary name and renamed over it only when complete, so a failed build
never leaves a partial file nor damages the one already there.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import tempfile
import zipfile
from pathlib import Path

from pptx.presentation import Presentation as PresentationType

FIXED_TIME = dt.datetime(2016, 11, 2, tzinfo=dt.UTC)  # the series' launch day
ZIP_TIME = (2016, 11, 2, 0, 0, 0)


def presentation_bytes(prs: PresentationType) -> bytes:
    """The .pptx bytes of a python-pptx Presentation, the same for the same deck."""
    props = prs.core_properties
    props.created = props.modified = FIXED_TIME
    props.last_printed = FIXED_TIME
    raw = io.BytesIO()
    prs.save(raw)
    return fixed_zip(raw.getvalue())


def fixed_zip(package: bytes) -> bytes:
    """An Office package rewritten with fixed entry times, so the same content gives the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        names = src.namelist()
        # [Content_Types].xml first, as Office writes it; the rest in order.
        for name in sorted(names, key=lambda n: (n != "[Content_Types].xml", names.index(n))):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(name))
    return out.getvalue()


def save_deck(prs: PresentationType, path: str | Path) -> Path:
    """Write a built deck to ``path`` atomically."""
    path = Path(path)
    data = presentation_bytes(prs)
    write_atomic(path, data)
    return path


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise

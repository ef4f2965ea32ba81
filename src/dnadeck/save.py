"""Writing a deck: the same bytes for the same guide, written atomically,
never over a file a person has changed.

python-pptx stamps the time into the zip entries and the document
properties; both are fixed here, so two builds of one guide are
byte-identical. Every deck records a fingerprint of its parts (a sha256
over every part but ``docProps/custom.xml``, kept there as the custom
property ``dnadeck-fingerprint``). Before an existing file is replaced it
must be a deck whose parts still match its fingerprint: a deck edited in
PowerPoint since, or a file dnadeck did not write, is kept unless forced.

Files are written beside their destination under a temporary name and
renamed over it only when complete, so a failed build never leaves a
partial file nor damages the one already there; a replaced file keeps its
permissions.
"""

from __future__ import annotations

import datetime as dt
import errno
import io
import os
import secrets
import signal
import stat
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from .errors import OutputError, shown
from .limits import DECK_READ_MAX_BYTES
from .opc import CT_CUSTOM, CUSTOM_PART, FINGERPRINT, RT_CUSTOM, ZIP_TIME, fingerprint, free_rids

if TYPE_CHECKING:  # python-pptx loads only when a deck is built
    from pptx.presentation import Presentation as PresentationType

    from .model import Guide

if TYPE_CHECKING:
    from pptx.presentation import Presentation as PresentationType

FIXED_TIME = dt.datetime(*ZIP_TIME, tzinfo=dt.UTC)  # the series' launch day
_CUSTOM_TYPE = CT_CUSTOM
_CUSTOM_REL = RT_CUSTOM
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CP = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_PROPERTY_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # user-defined properties
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)

# What an existing output must start with (or hold, for .json) to be replaced without ``force``.
MAGIC = {".pdf": b"%PDF-", ".png": b"\x89PNG\r\n\x1a\n"}
JSON_MARK = b'"title": "dnadeck guide"'  # our schema, as schema.schema_text writes it
# Files dnadeck fingerprints: what they are and what edits them.
OFFICE = {".pptx": ("a deck", "PowerPoint"), ".docx": ("a session plan", "Word")}


def presentation_bytes(prs: PresentationType) -> bytes:
    """The .pptx file's bytes for a built deck, the same for the same deck,
    with its fingerprint recorded."""
    props = prs.core_properties
    props.created = props.modified = FIXED_TIME  # and no invented 'last printed' date
    raw = io.BytesIO()
    prs.save(raw)
    return stamp(raw.getvalue())


def stamp(data: bytes) -> bytes:
    """An Office file's bytes (.pptx, .docx) with fixed zip times and order, and the fingerprint of
    its parts recorded in docProps/custom.xml (any other custom properties
    kept)."""
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        names = src.namelist()
        parts = {name: src.read(name) for name in names}
    parts["[Content_Types].xml"] = _with_custom_type(parts["[Content_Types].xml"])
    parts["_rels/.rels"] = _with_custom_rel(parts["_rels/.rels"])
    parts[CUSTOM_PART] = _with_fingerprint(parts.get(CUSTOM_PART), fingerprint(parts))
    if CUSTOM_PART not in names:
        names.append(CUSTOM_PART)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        # [Content_Types].xml first, as Office writes it; the rest in order.
        for name in sorted(names, key=lambda n: (n != "[Content_Types].xml", names.index(n))):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, parts[name])
    return out.getvalue()


def recorded_fingerprint(data: bytes) -> tuple[str | None, str | None]:
    """(the fingerprint a .pptx records, the one its parts have now); None where absent."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            if sum(i.file_size for i in z.infolist()) > DECK_READ_MAX_BYTES:
                return None, None
            parts = {name: z.read(name) for name in z.namelist()}
        if CUSTOM_PART not in parts:
            return None, fingerprint(parts)
        root = etree.fromstring(parts[CUSTOM_PART], _PARSER)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, KeyError, etree.XMLSyntaxError):
        return None, None
    for prop in root.iter(f"{{{_CP}}}property"):
        if prop.get("name") == FINGERPRINT:
            return "".join(prop.itertext()).strip(), fingerprint(parts)
    return None, fingerprint(parts)


def _with_custom_type(xml: bytes) -> bytes:
    root = etree.fromstring(xml, _PARSER)
    if not any(o.get("PartName") == "/" + CUSTOM_PART for o in root.iter(f"{_CT}Override")):
        etree.SubElement(root, f"{_CT}Override", PartName="/" + CUSTOM_PART, ContentType=_CUSTOM_TYPE)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _with_custom_rel(xml: bytes) -> bytes:
    root = etree.fromstring(xml, _PARSER)
    rels = list(root.iter(f"{_REL}Relationship"))
    if not any(r.get("Type") == _CUSTOM_REL for r in rels):
        rid = next(free_rids({str(r.get("Id")) for r in rels}))
        etree.SubElement(root, f"{_REL}Relationship", Id=rid, Type=_CUSTOM_REL, Target=CUSTOM_PART)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _with_fingerprint(xml: bytes | None, value: str) -> bytes:
    """docProps/custom.xml (the template's, if it had one) with our property set."""
    root = None
    if xml:
        try:
            root = etree.fromstring(xml, _PARSER)
        except etree.XMLSyntaxError:
            root = None
    if root is None or root.tag != f"{{{_CP}}}Properties":  # none, or a template's broken one: ours alone
        root = etree.Element(f"{{{_CP}}}Properties", nsmap={None: _CP, "vt": _VT})
    pids = [2]
    for prop in list(root.iter(f"{{{_CP}}}property")):
        if prop.get("name") == FINGERPRINT:
            root.remove(prop)
        elif (prop.get("pid") or "").isdigit():
            pids.append(int(prop.get("pid") or 0) + 1)
    prop = etree.SubElement(root, f"{{{_CP}}}property", fmtid=_PROPERTY_FMTID, pid=str(max(pids)), name=FINGERPRINT)
    etree.SubElement(prop, f"{{{_VT}}}lpwstr").text = value
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def files_read(guide: Guide) -> tuple[Path, ...]:
    """The files a guide was made from: its guide files, logo and template."""
    return tuple(p for p in (*guide.files, guide.logo, guide.template) if p is not None)


def check_output(path: Path, *, force: bool = False, inputs: Iterable[Path] = ()) -> None:
    """Refuse to write ``path`` if that would destroy something; OutputError says why.

    Never over an input (the guide, its logo or template), a folder, a
    device, a read-only file, nor (without ``force``) a file open in
    PowerPoint or LibreOffice, nor one that is not what dnadeck writes
    there: a deck changed since dnadeck wrote it, or a file of another kind.
    """
    name = shown(path, 200)
    for given in inputs:
        if _same_file(path, given):
            raise OutputError(f"{name} is one of the files the deck is made from; choose another output name")
    try:
        info = path.stat()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OutputError(f"cannot write {name} ({exc.strerror or exc})") from None
    if stat.S_ISDIR(info.st_mode):
        raise OutputError(f"{name} is a folder; name a file, or end the name with / to write into the folder")
    if not stat.S_ISREG(info.st_mode):
        raise OutputError(f"{name} is not a file (a device or a pipe); choose another output name")
    if not info.st_mode & stat.S_IWUSR:
        raise OutputError(f"{name} is read-only, so it is left as it is; make it writable", elsewhere=True)
    if force:
        return
    if _lock_file(path):
        raise OutputError(f"{name} is open in PowerPoint or LibreOffice: close it and try again", replaceable=True)
    suffix = path.suffix.lower()
    if suffix in OFFICE:
        _check_deck(path, name, *OFFICE[suffix])
    elif suffix in MAGIC or suffix == ".json":
        try:
            with path.open("rb") as fh:
                head = fh.read(1_000_000)
        except OSError as exc:
            raise OutputError(f"cannot read {name} to check it ({exc.strerror or exc})") from None
        if not (head.startswith(MAGIC[suffix]) if suffix in MAGIC else JSON_MARK in head):
            what = "the dnadeck schema" if suffix == ".json" else f"a {suffix[1:].upper()} file"
            raise OutputError(f"{name} is already there and is not {what}", replaceable=True, elsewhere=True)
    else:
        raise OutputError(f"{name} is already there", replaceable=True, elsewhere=True)


def _check_deck(path: Path, name: str, what: str = "a deck", program: str = "PowerPoint") -> None:
    try:
        size = path.stat().st_size
        data = path.read_bytes() if size <= DECK_READ_MAX_BYTES else b""
    except OSError as exc:
        raise OutputError(f"cannot read {name} to check it ({exc.strerror or exc})") from None
    recorded, now = recorded_fingerprint(data)
    if recorded is None:
        raise OutputError(f"{name} is already there and is not {what} dnadeck wrote", replaceable=True, elsewhere=True)
    if recorded != now:
        raise OutputError(
            f"{name} was changed after dnadeck wrote it (edited in {program}?)", replaceable=True, elsewhere=True
        )


def _lock_file(path: Path) -> bool:
    """Whether PowerPoint (~$name) or LibreOffice (.~lock.name#) has the file open."""
    folder, name = path.parent, path.name
    candidates = [f".~lock.{name}#", f"~${name}", f"~${name[2:]}"]
    return any((folder / c).exists() for c in candidates)


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.resolve() == b.resolve():
            return True
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except (OSError, ValueError, RuntimeError):
        return False


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file and a rename."""
    write_all_atomic([(path, data)])


def write_all_atomic(files: Sequence[tuple[Path, bytes]]) -> None:
    """Write several files, each via a temporary file; rename them only when all are written.

    A replaced file keeps its permission bits; a new one gets the usual
    ones (0666 less the umask). Errors name the file, never the temporary.
    Ctrl-C or a SIGTERM (which the command line turns into an exception)
    waits until the files are in place or the temporaries gone: each
    temporary is noted before it is made, and removed whatever happens.
    """
    temps: list[tuple[str, Path]] = []
    with _signals_held():
        try:
            for path, data in files:
                _written_beside(path, data, temps)
            for tmp, path in temps:
                try:
                    os.replace(tmp, path)
                except OSError as exc:
                    raise _cannot_write(path, exc) from None
        finally:
            for tmp, _ in temps:
                Path(tmp).unlink(missing_ok=True)


@contextmanager
def _signals_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM held back (delivered when this ends), where the system allows."""
    held = {signal.SIGINT, signal.SIGTERM}
    if not hasattr(signal, "pthread_sigmask"):  # Windows
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def _written_beside(path: Path, data: bytes, temps: list[tuple[str, Path]]) -> None:
    """Write ``data`` to a new hidden file beside ``path``, noted in ``temps`` before it exists."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    while True:
        tmp = str(path.parent / f".{path.name[:100]}.{secrets.token_hex(4)}.tmp")
        temps.append((tmp, path))
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
            break
        except FileExistsError:
            temps.pop()  # someone else's: another name
        except OSError as exc:
            temps.pop()
            raise _cannot_write(path, exc) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            mode = stat.S_IMODE(path.stat().st_mode)
        except OSError:
            mode = 0o666 & ~_umask()
        os.chmod(tmp, mode)
    except OSError as exc:
        raise _cannot_write(path, exc) from None


def _cannot_write(path: Path, exc: OSError) -> OutputError:
    name = shown(path, 200)
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EBUSY, errno.ETXTBSY):
        message = f"cannot write {name} (permission denied): if it is open, close it in PowerPoint"
        return OutputError(message, elsewhere=True)
    if exc.errno == errno.ENOSPC:
        return OutputError(f"cannot write {name}: the disk is full")
    if exc.errno in (errno.ENOTDIR, errno.EEXIST):
        return OutputError(f"cannot write {name}: a part of its folder path is a file, not a folder")
    if exc.errno == errno.EROFS:
        return OutputError(f"cannot write {name}: the disk is read-only")
    return OutputError(f"cannot write {name} ({exc.strerror or exc})")


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask

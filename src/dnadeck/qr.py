"""QR codes (model 2) for links: byte mode, error correction M or better, mask 0.

The same symbol segno makes with ``segno.make(uri, error="m", micro=False,
mask=0)`` for the link as a URI (``payload``) that it writes in byte mode
(every one with a small letter), in a fraction of its time: what does not
depend on the link (the fixed patterns, the format and version information,
where each data bit goes and the mask over it) is worked out once per
version, and the error correction codes are computed with whole-number
arithmetic, a byte at a time. A guide of hundreds of stories of its own draws
hundreds of codes (docs/performance.md).

Any of the eight masks makes a valid code; a fixed one spares the search for
the best, which the standard recommends but no reader needs.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from urllib.parse import quote

from .limits import QR_MAX_BYTES

# per version 1 to 40: error correction codewords per block, then the number of blocks
# (ISO/IEC 18004 table 9), for the levels tried in turn with the bits that name them in
# the format information; a higher level is kept when the data fits the version M needs
_TABLE = (
    (
        0b00,  # M
        "10 16 26 18 24 16 18 22 22 26 30 22 22 24 24 28 28 26 26 26 26 28 28 28 28 28 28 28 28 28 28 28 28 28 28 28 28"
        " 28 28 28",
        "1 1 1 2 2 4 4 4 5 5 5 8 9 9 10 10 11 13 14 16 17 17 18 20 21 23 25 26 28 29 31 33 35 37 38 40 43 45 47 49",
    ),
    (
        0b11,  # Q
        "13 22 18 26 18 24 18 22 20 24 28 26 24 20 30 24 28 28 26 30 28 30 30 30 30 28 30 30 30 30 30 30 30 30 30 30 30"
        " 30 30 30",
        "1 1 2 2 4 4 6 6 8 8 8 10 12 16 12 17 16 18 21 20 23 23 25 27 29 34 34 35 38 40 43 45 48 51 53 56 59 62 65 68",
    ),
    (
        0b10,  # H
        "17 28 22 16 22 28 26 26 24 28 24 28 22 24 24 30 28 28 26 28 30 24 30 30 30 30 30 30 30 30 30 30 30 30 30 30 30"
        " 30 30 30",
        "1 1 2 4 4 4 5 6 8 8 11 11 16 16 18 16 19 21 25 25 25 34 30 32 35 37 40 42 45 48 51 54 57 60 63 66 70 74 77 81",
    ),
)
_LEVELS = tuple((bits, tuple(map(int, ecc.split())), tuple(map(int, blocks.split()))) for bits, ecc, blocks in _TABLE)
_MASK = 0  # dark where row + column is even


_URI_CHARACTERS = "".join(map(chr, range(0x21, 0x7F)))  # printable ASCII: what a URI is written in


def payload(link: str) -> bytes:
    """The bytes a QR code for ``link`` holds: the link as a URI, in ASCII, any other character
    percent-encoded as UTF-8 (RFC 3987, 3.1: ``café`` as ``caf%C3%A9``). Every reader reads
    ASCII alike and every browser opens the same page; the bytes of ``é`` itself are read as
    ISO 8859-1 by some phones and as UTF-8 by others."""
    return quote(link, safe=_URI_CHARACTERS).encode("ascii")


def matrix(text: str) -> list[bytes]:
    """The QR code for ``text``, a row at a time: 1 for a dark module, 0 for a light one
    (no quiet zone). ValueError if it holds more than QR_MAX_BYTES (``payload``)."""
    data = payload(text)
    if len(data) > QR_MAX_BYTES:
        raise ValueError(f"{len(data):,} bytes are more than a QR code holds ({QR_MAX_BYTES:,})")
    version, level = _fit(len(data))
    size, base, order = _grid(version, level)
    grid = bytearray(base)
    bits = _codewords(data, version, level)
    for at, bit in zip(order, format(int.from_bytes(bits, "big"), f"0{len(bits) * 8}b"), strict=False):
        if bit == "1":
            grid[at] ^= 1
    return [bytes(grid[i : i + size]) for i in range(0, size * size, size)]


def _data_codewords(version: int, level: int) -> int:
    _, ecc, blocks = _LEVELS[level]
    return _raw_modules(version) // 8 - ecc[version - 1] * blocks[version - 1]


def _raw_modules(version: int) -> int:
    """Modules left for data and error correction once the fixed patterns are drawn."""
    result = (16 * version + 128) * version + 64
    if version >= 2:
        count = version // 7 + 2
        result -= (25 * count - 10) * count - 55
        if version >= 7:
            result -= 36
    return result


def _fit(length: int) -> tuple[int, int]:
    """The smallest version holding ``length`` bytes at level M, then the highest level
    that still holds them in that version."""
    for version in range(1, 41):
        need = 4 + (8 if version < 10 else 16) + 8 * length
        if need <= _data_codewords(version, 0) * 8:
            level = 0
            while level + 1 < len(_LEVELS) and need <= _data_codewords(version, level + 1) * 8:
                level += 1
            return version, level
    raise AssertionError("checked against QR_MAX_BYTES")  # pragma: no cover


def _codewords(data: bytes, version: int, level: int) -> bytes:
    """The data in byte mode, padded, split into blocks, each followed by its error
    correction, interleaved as the code is read."""
    capacity = _data_codewords(version, level)
    count_bits = 8 if version < 10 else 16
    head = (0b0100 << count_bits) | len(data)  # byte mode, then the length
    used = 4 + count_bits + 8 * len(data)
    stream = (head << 8 * len(data)) | int.from_bytes(data, "big")
    end = min(4, capacity * 8 - used)  # the terminator
    used += end
    zeros = 8 - used % 8  # then zeros to the next whole byte: a byte of them if whole already, as segno writes
    stream <<= end + zeros
    body = stream.to_bytes((used + zeros) // 8, "big")
    body += b"\xec\x11" * ((capacity - len(body)) // 2 + 1)
    body = body[:capacity]
    _, ecc_table, block_table = _LEVELS[level]
    ecc, blocks = ecc_table[version - 1], block_table[version - 1]
    short = _raw_modules(version) // 8 // blocks - ecc  # data codewords in a short block
    longs = _raw_modules(version) // 8 % blocks  # the last blocks hold one more
    parts: list[bytes] = []
    start = 0
    for i in range(blocks):
        length = short + (1 if i >= blocks - longs else 0)
        parts.append(body[start : start + length])
        start += length
    out = bytearray()
    for i in range(short + 1):
        out.extend(part[i] for part in parts if i < len(part))
    checks = [_remainder(part, ecc) for part in parts]
    for i in range(ecc):
        out.extend(check[i] for check in checks)
    return bytes(out)


_EXP = [0] * 512
_LOG = [0] * 256
_x = 1
for _i in range(255):
    _EXP[_i] = _EXP[_i + 255] = _x
    _LOG[_x] = _i
    _x <<= 1
    if _x & 0x100:
        _x ^= 0x11D


def _times(a: int, b: int) -> int:
    return 0 if a == 0 or b == 0 else _EXP[_LOG[a] + _LOG[b]]


@cache
def _products(degree: int) -> tuple[int, ...]:
    """For each byte f, f times the generator polynomial of ``degree`` (its leading 1
    left out), as a whole number of ``degree`` bytes."""
    poly = [1]  # highest power first
    for i in range(degree):
        poly = [a ^ _times(b, _EXP[i]) for a, b in zip([*poly, 0], [0, *poly], strict=True)]
    tail = poly[1:]
    return tuple(int.from_bytes(bytes(_times(f, c) for c in tail), "big") for f in range(256))


def _remainder(data: bytes, degree: int) -> bytes:
    """Reed-Solomon error correction codewords of ``data``: the remainder of its division
    by the generator polynomial, shifting a byte at a time."""
    products = _products(degree)
    shift = 8 * (degree - 1)
    full = (1 << 8 * degree) - 1
    rest = 0
    for byte in data:
        rest = ((rest << 8) & full) ^ products[(rest >> shift) ^ byte]
    return rest.to_bytes(degree, "big")


@cache
def _grid(version: int, level: int) -> tuple[int, bytes, tuple[int, ...]]:
    """(size, the symbol with every data bit 0, where each data bit goes) for a version
    and level: the fixed patterns and information drawn, the mask applied to the data area."""
    size = 17 + 4 * version
    dark = bytearray(size * size)
    fixed = bytearray(size * size)

    def put(row: int, col: int, on: bool) -> None:
        dark[row * size + col] = on
        fixed[row * size + col] = 1

    for r0, c0 in ((0, 0), (0, size - 7), (size - 7, 0)):  # finders and their light borders
        for r in range(-1, 8):
            for c in range(-1, 8):
                if 0 <= r0 + r < size and 0 <= c0 + c < size:
                    ring = max(abs(r - 3), abs(c - 3))
                    put(r0 + r, c0 + c, ring != 2 and ring != 4)
    for i in range(size):  # timing patterns
        if not fixed[6 * size + i]:
            put(6, i, i % 2 == 0)
            put(i, 6, i % 2 == 0)
    centres = _alignment(version, size)
    last = len(centres) - 1
    for i, r0 in enumerate(centres):
        for j, c0 in enumerate(centres):
            if (i, j) in ((0, 0), (0, last), (last, 0)):
                continue  # where the finders are
            for r in range(-2, 3):
                for c in range(-2, 3):
                    put(r0 + r, c0 + c, max(abs(r), abs(c)) != 1)
    _information(put, size, version, level)
    order: list[int] = []
    for right in range(size - 1, 0, -2):  # two columns at a time, right to left, zigzag
        if right <= 6:
            right -= 1  # the vertical timing pattern is skipped
        upward = (right + 1) & 2 == 0
        for step in range(size):
            row = size - 1 - step if upward else step
            for col in (right, right - 1):
                at = row * size + col
                if not fixed[at]:
                    order.append(at)
                    dark[at] = (row + col) % 2 == 0  # mask 0 over a 0 bit
    return size, bytes(dark), tuple(order)


def _alignment(version: int, size: int) -> list[int]:
    """Rows (and columns) of the alignment patterns' centres."""
    if version == 1:
        return []
    count = version // 7 + 2
    step = (version * 8 + count * 3 + 5) // (count * 4 - 4) * 2
    return [6, *reversed([size - 7 - i * step for i in range(count - 1)])]


def _information(put: Callable[[int, int, bool], None], size: int, version: int, level: int) -> None:
    """The format information (level and mask, twice), the dark module and, from
    version 7, the version information (twice)."""
    data = _LEVELS[level][0] << 3 | _MASK
    rest = data
    for _ in range(10):
        rest = (rest << 1) ^ ((rest >> 9) * 0x537)
    bits = (data << 10 | rest) ^ 0x5412
    for i in range(15):
        on = bool(bits >> i & 1)
        if i < 6:
            put(i, 8, on)
        elif i < 8:
            put(i + 1, 8, on)
        elif i == 8:
            put(8, 7, on)
        else:
            put(8, 14 - i, on)
        if i < 8:
            put(8, size - 1 - i, on)
        else:
            put(size - 15 + i, 8, on)
    put(size - 8, 8, True)
    if version >= 7:
        rest = version
        for _ in range(12):
            rest = (rest << 1) ^ ((rest >> 11) * 0x1F25)
        bits = version << 12 | rest
        for i in range(18):
            on = bool(bits >> i & 1)
            a, b = size - 11 + i % 3, i // 3
            put(b, a, on)
            put(a, b, on)

"""Stamping: fixed bytes for the same deck, and a fingerprint that tells an edited deck from ours."""

from __future__ import annotations

import io
import zipfile

import pytest

from dnadeck import deck_bytes, load_guide
from dnadeck.write.stamp import recorded_fingerprint, stamp


@pytest.fixture(scope="module")
def deck() -> bytes:
    return deck_bytes(load_guide("compassion"))


def edited(data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            part = src.read(info)
            dst.writestr(
                info, part.replace(b"Compassion", b"Kindness", 1) if info.filename.endswith("slide1.xml") else part
            )
    return out.getvalue()


def test_a_deck_records_the_fingerprint_of_its_parts(deck: bytes) -> None:
    recorded, now = recorded_fingerprint(deck)
    assert recorded is not None and recorded == now
    recorded, now = recorded_fingerprint(edited(deck))
    assert recorded is not None and recorded != now
    assert recorded_fingerprint(b"not a zip") == (None, None)


def test_stamping_is_deterministic_and_keeps_every_part(deck: bytes) -> None:
    again = stamp(deck)
    assert stamp(again) == again
    with zipfile.ZipFile(io.BytesIO(again)) as z:
        names = z.namelist()
        assert names[0] == "[Content_Types].xml"
        assert {i.date_time for i in z.infolist()} == {(2016, 11, 2, 0, 0, 0)}
    with zipfile.ZipFile(io.BytesIO(deck)) as z:
        assert set(z.namelist()) == set(names)

"""Draw assets/helix.png (the title slide's artwork) and assets/qr/ (the
catalogue stories' QR codes).

Run from the repository's root when the artwork should change:
    python tools/make_art.py
Both are shipped rather than drawn at build time: drawing them takes longer
than building the rest of a deck. A story of a guide's own gets its QR code
drawn when the deck is built.
"""

from __future__ import annotations

from pathlib import Path

from dnadeck.catalogue import stories
from dnadeck.images import HELIX_FILE, QR_FOLDER, draw_helix, draw_qr, qr_file

ASSETS = Path(__file__).resolve().parent.parent / "assets"


def main() -> None:
    (ASSETS / HELIX_FILE).write_bytes(draw_helix())
    print(f"wrote {ASSETS / HELIX_FILE}")
    folder = ASSETS / QR_FOLDER
    folder.mkdir(exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    for story in stories().values():
        (folder / qr_file(story.url)).write_bytes(draw_qr(story.url))
    print(f"wrote {len(stories())} QR codes in {folder}")


if __name__ == "__main__":
    main()

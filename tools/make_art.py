"""Draw assets/helix.png, the title slide's double-helix artwork.

Run from the repository's root when the artwork should change:
    python tools/make_art.py
The artwork is shipped rather than drawn at build time: drawing it takes
longer than building the rest of a deck.
"""

from __future__ import annotations

from pathlib import Path

from dnadeck.images import HELIX_FILE, draw_helix

OUT = Path(__file__).resolve().parent.parent / "assets" / HELIX_FILE


def main() -> None:
    OUT.write_bytes(draw_helix())
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()

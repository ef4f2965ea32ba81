"""Write the parts of the documentation that are made from the code.

docs/guide-format.md's table of the keys of a guide file comes from the
guide file's model (each field's docstring), and its table of slide kinds
from the slide models (their ``KEYS`` and ``SHOWS``, and the default
minutes): run this after changing a key or adding or changing a slide kind.
tests/test_schema.py fails while the document and the models disagree.
"""

from __future__ import annotations

from pathlib import Path

from dnadeck.schema import with_tables

GUIDE_FORMAT = Path(__file__).resolve().parent.parent / "docs" / "guide-format.md"


def main() -> None:
    text = GUIDE_FORMAT.read_text(encoding="utf-8")
    made = with_tables(text)
    if made != text:
        GUIDE_FORMAT.write_text(made, encoding="utf-8")
        print(f"wrote {GUIDE_FORMAT.name}")
    else:
        print(f"{GUIDE_FORMAT.name} is up to date")


if __name__ == "__main__":
    main()

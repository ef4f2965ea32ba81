"""The theme: every text colour on its background reaches WCAG's 4.5:1."""

from __future__ import annotations

import pytest

from dnadeck import theme
from dnadeck.layout.template import open_template

BUNDLED = open_template(None)
PAIRS = theme.check_pairs(theme.COLOURS, BUNDLED.colours, BUNDLED.colour_map)


def test_contrast_is_computed_as_wcag_defines_it() -> None:
    assert theme.contrast("000000", "FFFFFF") == pytest.approx(21.0)
    assert theme.contrast("FFFFFF", "FFFFFF") == pytest.approx(1.0)
    assert theme.contrast("767676", "FFFFFF") == pytest.approx(4.54, abs=0.01)


def test_the_bundled_template_has_the_nhs_palette_in_its_theme() -> None:
    assert BUNDLED.colours == theme.BUNDLED_SCHEME, "run python tools/make_template.py"


@pytest.mark.parametrize("pair", PAIRS, ids=lambda p: f"{p.text_role} on {p.background_role}")
def test_every_text_pair_meets_4_5_to_1(pair: theme.PairCheck) -> None:
    assert pair.ratio >= 4.5, pair.describe(BUNDLED.colours, BUNDLED.colour_map)


def test_pairs_cover_every_colour_the_renderer_uses_for_text() -> None:
    assert set(theme.TEXT_ON) == {"title", "text", "muted", "link", "followed", "section_text"}
    assert {b for backgrounds in theme.TEXT_ON.values() for b in backgrounds} == {
        "background",
        "panel",
        "section_background",
    }
    assert theme.colours_for(BUNDLED.colours, BUNDLED.colour_map) == (theme.COLOURS, ())


def test_theme_colour_names_are_declared_once() -> None:
    """Only theme.py lists theme colour names: a second table of them (a set of the slots, a
    map of tx1 to dk1) elsewhere in the library would drift from it."""
    import ast
    from pathlib import Path

    import dnadeck

    names = theme.COLOUR_NAMES
    assert set(theme.SCHEME_SLOTS) | set(theme.STANDARD_MAP) == names
    assert set(theme.STANDARD_MAP.values()) <= set(theme.SCHEME_SLOTS)
    assert list(theme.BUNDLED_SCHEME) == list(theme.SCHEME_SLOTS)
    tables = []
    for path in sorted(Path(dnadeck.__file__).parent.rglob("*.py")):
        if path.name == "theme.py" and path.parent.name == "dnadeck":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.Tuple, ast.List, ast.Set, ast.Dict)):
                items = node.keys if isinstance(node, ast.Dict) else node.elts
                found = {i.value for i in items if isinstance(i, ast.Constant) and i.value in names}
                if len(found) >= 3:
                    tables.append(f"{path.name}:{node.lineno}")
    assert not tables, f"theme colour names listed outside theme.py: {tables}"


def test_on_a_photograph_no_colour_suits_everywhere_the_one_readable_on_most_of_it_is_chosen() -> None:
    """Parchment with a blot of ink: black and white both fail somewhere; black is readable on nearly
    all of it, so the text is black (the best worst case alone chose white, unreadable on parchment)."""
    scheme = {**BUNDLED.colours, "dk1": "000000", "lt1": "FFFFFF"}
    parchment = ("FCEFD3", "F3E2BC", "EAD7A8") * 30 + ("000627",)
    colours, changed = theme.colours_for(scheme, BUNDLED.colour_map, backdrop=parchment)
    assert changed
    for role in ("title", "text"):
        rgb = theme.rgb_of(getattr(colours, role), scheme, BUNDLED.colour_map)
        assert sum(theme.contrast(rgb, u) >= theme.AA for u in parchment) > 0.9 * len(parchment), role


def test_text_on_its_placeholders_own_fill_takes_the_colour_that_reads_on_it() -> None:
    scheme = {**theme.BUNDLED_SCHEME}
    assert theme.colour_on_fill("tx2", (), scheme) == ("tx2", ())  # no fill: as meant
    white, said = theme.colour_on_fill("tx2", ("1F3864",), scheme)  # a navy title bar
    assert white == "bg1" and len(said) == 1 and "title colour (tx2" in said[0] and "#1F3864" in said[0]
    assert theme.colour_on_fill("tx2", ("FFF2CC",), scheme) == ("tx2", ())  # pale: the title's own reads
    assert (
        theme.colour_on_fill("bg1", ("FFF2CC",), scheme, role="section_text")[0] == "tx1"
    )  # a section's white title on a pale bar
    footer, said = theme.colour_on_fill(
        "accent6", ("1F3864",), scheme, role="muted", placeholder="footer"
    )  # a navy band
    assert footer == "bg1" and "muted text colour (accent6" in said[0] and "footer placeholder's own fill" in said[0]

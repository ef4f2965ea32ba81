"""Where dnadeck may draw on a template's layout: a safe area for each role,
on a layout that has a title, inside the slide and clear of furniture."""

from __future__ import annotations

from pathlib import Path

import pytest
from templates_corpus import INK_BLOTS, LINE_RULE_Y, SUN, SUN_BOTTOM, make
from test_layout_template import trust_template

import dnadeck
from dnadeck import theme
from dnadeck.layout import draw
from dnadeck.layout.area import areas_for, candidates
from dnadeck.layout.canvas import EMU_PER_INCH, TextShape
from dnadeck.layout.geometry import Box, design_scale
from dnadeck.layout.template import Template, open_template


@pytest.fixture(scope="module")
def bundled() -> Template:
    return open_template(None)


def test_every_role_has_a_layout_with_a_title_and_room(bundled: Template) -> None:
    areas = areas_for(bundled)
    _, width, height = design_scale(bundled.width, bundled.height)
    assert set(areas) == set(theme.ROLES)
    for role, area in areas.items():
        assert bundled.layouts[area.layout].has_title, role
        assert 0 <= area.left < area.right <= width, role
        assert area.title_top < area.bottom <= area.floor <= height, role
        assert area.content_top < area.bottom, role
        assert area.layout in candidates(bundled, role), role


def test_text_slides_want_a_body_placeholder(bundled: Template) -> None:
    for name in candidates(bundled, "text")[:1]:
        layout = bundled.layouts[name]
        assert layout.placeholder("body", "obj") is not None


def test_the_safe_area_keeps_clear_of_a_trust_templates_band_and_logo(tmp_path: Path) -> None:
    trust = open_template(trust_template(tmp_path))
    for role, area in areas_for(trust).items():
        assert area.avoided, role  # the band and the logo are furniture to keep clear of
        content = Box(area.left, area.content_top, area.width, area.bottom - area.content_top)
        assert area.clear_of(content), role
        assert all(not area.clear_of(furniture) for furniture in area.avoided)


def test_text_keeps_clear_of_ink_on_a_parchment_photograph(tmp_path: Path) -> None:
    """A photograph that black reads on but for a few blots of ink: the blots are kept clear of (the
    sources at the foot of a slide stood on them), and black text reads on everything else."""
    parchment = make("parchment-ink", tmp_path)
    for role, area in areas_for(open_template(parchment)).items():
        assert area.avoided and not area.plain, role
    drawn = draw(dnadeck.plan_deck(dnadeck.load_guide("compassionate-leadership", template=str(parchment))))
    blots = [
        ((x - r) * EMU_PER_INCH, (y - r) * EMU_PER_INCH, (x + r) * EMU_PER_INCH, (y + r) * EMU_PER_INCH)
        for x, y, r in INK_BLOTS
    ]
    on_ink = [
        (n, shape.name)
        for n, slide in enumerate(drawn.slides, 1)
        for shape in slide.shapes
        if isinstance(shape, TextShape)
        and any(
            shape.rect.x < x1
            and x0 < shape.rect.x + shape.rect.w
            and shape.rect.y < y1
            and y0 < shape.rect.y + shape.rect.h
            for x0, y0, x1, y1 in blots
        )
    ]
    assert not on_ink, on_ink
    assert any(shape.name.startswith("Source") for slide in drawn.slides for shape in slide.shapes)


def test_a_rule_drawn_as_a_line_under_the_title_keeps_the_title_above_it(tmp_path: Path) -> None:
    """A line has no height: it was taken for nothing, and a title of two lines ran through it."""
    lined = make("line-rule", tmp_path)
    area = areas_for(open_template(lined))["content"]
    assert area.title_limit is not None and area.title_limit < LINE_RULE_Y < area.content_top
    guide = tmp_path / "g.yaml"
    guide.write_text(
        f"title: Lines\ntemplate: {lined.name}\nslides:\n  - kind: title\n  - kind: text\n"
        "    title: A title long enough that it takes two lines on the slide, to see where it stops\n"
        "    points: [One, Two]\n",
        encoding="utf-8",
    )
    drawn = draw(dnadeck.plan_deck(dnadeck.load_guide(guide)))
    title = next(shape for shape in drawn.slides[1].shapes if shape.name.startswith("Title"))
    assert title.rect.y + title.rect.h <= LINE_RULE_Y * EMU_PER_INCH


def test_on_a_photograph_no_text_colour_reads_on_our_text_stands_on_panels(tmp_path: Path) -> None:
    """Sweets heaped on a pale table: black cannot be read on the dark sweets, white not on the rest.
    The roles are then checked on the panels, and the build says so; a section slide has a background
    of its own, and parchment (black reads on it but for the ink, kept clear of) needs no panels."""
    template = open_template(make("sweets", tmp_path))
    areas = areas_for(template)
    for role, area in areas.items():
        if role == "section":  # on its own background: told only of its own colours
            assert area.panel is None and all("section" in n for n in area.colour_notes), area.colour_notes
            assert not area.notes
            continue
        assert area.panel == "bg1", role
        assert all(c.passes for c in area.drawn_checks if c.background_role == "background"), role
        assert any("dnadeck puts its text on panels of bg1 #FFFFFF" in n for n in area.colour_notes), role
        assert any("gives 1.4:1 on #3C145A in places" in n for n in area.colour_notes), area.colour_notes
    for name in ("parchment-ink", "picture-logo"):
        assert all(a.panel is None for a in areas_for(open_template(make(name, tmp_path))).values()), name
    assert all(a.panel is None for a in areas_for(open_template(None)).values())


def test_a_picture_covering_the_slide_hides_a_slides_own_background(tmp_path: Path) -> None:
    """The section slide's own colour would be drawn under the picture: its area is coloured as any
    other on the picture, and says its background would not show."""
    areas = areas_for(open_template(make("covering-picture", tmp_path)))
    assert not areas["section"].own_background
    assert all(c.passes for c in areas["section"].drawn_checks if c.background_role == "background")
    assert all(a.own_background for a in areas_for(open_template(None)).values())


def test_text_is_coloured_for_a_filled_rectangle_covering_the_slide(tmp_path: Path) -> None:
    """A yellow to orange rectangle over a brown background: the text stands on the rectangle, so its
    colour reads on yellow and orange (black), where on the brown alone white would be chosen and be
    unreadable; the section slide's own colour would lie under the rectangle."""
    template = open_template(make("covering-gradient", tmp_path))
    for name, look in template.looks.items():
        assert look.covered and set(look.backdrop.colours) == set(SUN), name
    for role, area in areas_for(template).items():
        assert not area.own_background, role
        for c in area.drawn_checks:
            if c.background_role == "background":
                assert all(theme.contrast(theme.rgb_of(c.text, template.colours), sun) >= theme.AA for sun in SUN), c


def test_footers_outside_a_shape_covering_the_slide_read_on_what_is_around_it(tmp_path: Path) -> None:
    """The rectangle of sun ends above the footer placeholders, which stand on the brown: the footer
    takes a colour readable there (white), while our text keeps to the rectangle and stays black."""
    template = open_template(make("covering-gradient", tmp_path))
    for role, area in areas_for(template).items():
        assert area.footer and area.footer.box.top >= SUN_BOTTOM, role
        assert area.bottom <= area.floor <= SUN_BOTTOM and area.left > 0.4, role  # our text on the sun
        chosen = dict(area.recolour)
        assert chosen[("ftr", area.colours.muted)] == chosen[("sldNum", area.colours.muted)] == "bg1", role
        assert area.colours.text == "tx1"
        assert any("on the background around the shape covering the slide #813709" in n for n in area.colour_notes)
    bundled = areas_for(open_template(None))
    assert all(not a.recolour for a in bundled.values())

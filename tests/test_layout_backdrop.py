"""What lies beneath a layout's text: colours as PowerPoint works them out
(theme colours through the master's map, modifiers applied), and pictures
measured for the plain colours and busy regions text must keep off."""

from __future__ import annotations

import io

from lxml import etree
from PIL import Image, ImageDraw
from templates_corpus import parchment

from dnadeck import theme
from dnadeck.layout.backdrop import Fill, backdrop, blend, colour_of, fill_colours, measure_picture

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
SCHEME = {"dk1": "000000", "lt1": "FFFFFF", "dk2": "1F4E79", "lt2": "E7E6E6", "accent1": "4472C4"}
MAP = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2"}


def el(xml: str) -> etree._Element:
    return etree.fromstring(f'<root xmlns:a="{A}" xmlns:p="{P}">{xml}</root>')[0]


def test_colours_as_powerpoint_works_them_out() -> None:
    assert colour_of(el('<a:srgbClr val="ff0000"/>'), SCHEME, MAP) == "FF0000"
    assert colour_of(el('<a:schemeClr val="accent1"/>'), SCHEME, MAP) == "4472C4"
    assert colour_of(el('<a:schemeClr val="tx2"/>'), SCHEME, MAP) == "1F4E79"  # through the master's map
    assert colour_of(el('<a:schemeClr val="phClr"/>'), SCHEME, MAP, placeholder="123456") == "123456"
    assert colour_of(el('<a:sysClr val="window" lastClr="FEFEFE"/>'), SCHEME, MAP) == "FEFEFE"
    assert colour_of(el('<a:srgbClr val="FFFFFF"><a:lumMod val="50000"/></a:srgbClr>'), SCHEME, MAP) == "808080"
    assert colour_of(el('<a:srgbClr val="000000"><a:tint val="0"/></a:srgbClr>'), SCHEME, MAP) == "FFFFFF"
    assert colour_of(el('<a:srgbClr val="nothex"/>'), SCHEME, MAP) is None
    assert colour_of(None, SCHEME, MAP) is None


def test_backgrounds_solid_gradient_and_none() -> None:
    def image(_: str) -> bytes | None:
        return None

    assert backdrop(None, SCHEME, MAP, image).colours == ("FFFFFF",)  # bg1 through the map
    solid = backdrop(
        el('<p:bg><p:bgPr><a:solidFill><a:schemeClr val="tx2"/></a:solidFill></p:bgPr></p:bg>'), SCHEME, MAP, image
    )
    assert (solid.kind, solid.colours) == ("solid", ("1F4E79",))
    stops = '<a:gsLst><a:gs pos="0"><a:srgbClr val="000000"/></a:gs><a:gs pos="100000"><a:srgbClr val="FFFFFF"/></a:gs></a:gsLst>'
    gradient = backdrop(el(f"<p:bg><p:bgPr><a:gradFill>{stops}</a:gradFill></p:bgPr></p:bg>"), SCHEME, MAP, image)
    assert (gradient.kind, gradient.colours) == ("gradient", ("000000", "FFFFFF"))  # text must read on each stop


def test_a_picture_is_measured_for_its_plain_colour_and_busy_corner() -> None:
    picture = Image.new("RGB", (400, 300), "#204060")
    draw = ImageDraw.Draw(picture)
    for x in range(300, 400, 4):  # stripes in the top right: busy
        draw.line([(x, 0), (x, 80)], fill="#FFFFFF")
    data = io.BytesIO()
    picture.save(data, "PNG")
    measured = measure_picture(data.getvalue())
    assert measured.kind == "picture" and measured.plain
    assert measured.colours[0] == "204060"
    assert measured.busy and all(left >= 0.6 and top < 0.3 for left, top, _, _ in measured.busy)


def test_a_photograph_or_an_unreadable_picture_counts_as_busy_everywhere() -> None:
    import random

    rng = random.Random(1)
    noise = Image.frombytes("RGB", (120, 90), bytes(rng.randrange(256) for _ in range(120 * 90 * 3)))
    data = io.BytesIO()
    noise.save(data, "PNG")
    assert measure_picture(data.getvalue()).kind == "photo"
    assert not measure_picture(data.getvalue()).plain
    assert measure_picture(data.getvalue()).busy == ()  # no one text colour reads on most of it: no marks
    assert measure_picture(b"not a picture").kind == "photo"
    assert measure_picture(None).kind == "photo"


def test_marks_that_a_photographs_text_colour_cannot_be_read_on_are_busy() -> None:
    """Mottled parchment (a photograph: no one plain colour) with blots of ink in a corner: black reads
    on all of it but the ink, which is a busy region and is not among the colours under the text."""
    measured = measure_picture(parchment())
    assert measured.kind == "photo"
    assert measured.busy and all(left < 0.15 and top > 0.7 for left, top, _, _ in measured.busy)
    assert all(theme.contrast("000000", colour) >= theme.AA for colour in measured.colours)


def test_a_palette_picture_with_transparency_is_measured_quietly() -> None:
    """Such pictures (LibreOffice's own templates have them) are measured as the colours they show,
    with no warning from Pillow on the facilitator's screen (warnings are errors in the tests)."""
    img = Image.new("P", (80, 60), 0)
    img.putpalette([0x1F, 0x49, 0x7D] + [0xFF, 0xFF, 0xFF] * 255)
    buf = io.BytesIO()
    img.save(buf, "PNG", transparency=b"\xff" + b"\x00" * 255)
    measured = measure_picture(buf.getvalue())
    assert measured.colours[0] == "1F497D"


def test_what_is_transparent_in_a_picture_is_measured_as_the_white_beneath() -> None:
    """Transparent pixels keep a stored colour (here black) that no viewer shows."""
    img = Image.new("RGBA", (80, 60), (0, 0, 0, 0))
    ImageDraw.Draw(img).rectangle((0, 0, 9, 9), fill=(0x1F, 0x49, 0x7D, 255))
    buf = io.BytesIO()
    img.save(buf, "PNG")
    measured = measure_picture(buf.getvalue())
    assert "000000" not in measured.colours and "FFFFFF" in measured.colours


def test_a_fills_colours_and_opacity_are_read_as_drawn() -> None:
    ns = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
    solid = etree.fromstring(
        f'<a:solidFill {ns}><a:srgbClr val="ffffff"><a:alpha val="50000"/></a:srgbClr></a:solidFill>'
    )
    assert fill_colours(solid, {}, {}) == ("FFFFFF",) and Fill.read(solid, {}, {}) == Fill(("FFFFFF",), 0.5)
    assert blend("FFFFFF", "4F81BD", 0.5) == "A7C0DE"  # half white over blue: a pale blue, as LibreOffice draws it
    gradient = etree.fromstring(
        f'<a:gradFill {ns}><a:gsLst><a:gs pos="0"><a:srgbClr val="1F3864"/></a:gs>'
        '<a:gs pos="100000"><a:schemeClr val="accent1"/></a:gs></a:gsLst></a:gradFill>'
    )
    stops = ("1F3864", "4F81BD")
    assert fill_colours(gradient, {"accent1": "4F81BD"}, {}) == stops
    assert Fill.read(gradient, {"accent1": "4F81BD"}, {}) == Fill(stops, 1.0)
    assert fill_colours(etree.fromstring(f"<a:noFill {ns}/>"), {}, {}) == () and fill_colours(None, {}, {}) == ()
    assert Fill.read(etree.fromstring(f"<a:noFill {ns}/>"), {}, {}) is None

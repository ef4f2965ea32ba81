"""What the page asks of the server beyond a deck: the template's backgrounds,
shapes, fonts and warnings in the preview's JSON; settings files read back;
the fonts the preview draws with."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from templates_corpus import make
from test_web_app import LOGO, client, fields  # noqa: F401  (client is a fixture)
from test_web_browser import BAND, FAINT, band_template

from dnadeck import load_guide
from dnadeck.catalogue import assets_dir
from dnadeck.deck import layout_deck
from dnadeck.limits import WEB_SETTINGS_MAX_BYTES
from dnadeck.web import page
from dnadeck.web.draw import font_files, plain_warning
from dnadeck.web.form import SettingsProblem, read_settings


def test_the_preview_json_carries_the_templates_band_fonts_and_warnings(
    client: TestClient,  # noqa: F811
    tmp_path: Path,
) -> None:
    template = band_template(tmp_path)
    response = client.post(
        "/api/plan", data={"source": "resilience"}, files={"template": ("ours.pptx", template.read_bytes())}
    )
    assert response.status_code == 200, response.text
    layout = response.json()["layout"]
    used = {s["layout"] for s in layout["slides"]}
    assert used <= set(layout["layouts"])
    for name in used:
        fills = [s["fill"] for s in layout["layouts"][name] if s["type"] == "shape"]
        assert {"type": "solid", "colour": BAND} in fills, name
    heading = layout["fonts"]["heading"]
    assert {k: v for k, v in heading.items() if k != "files"} == {
        "family": "Nowhere Sans Example",
        "drawn_with": "DejaVu Sans",  # what viewers without the font draw, and what the deck was measured with
        "exact": False,
        "same_widths": True,
    }
    assert len(heading["files"]) == 4
    messages = [w["message"] for w in layout["warnings"]]
    assert all(w["field"] == "template" for w in layout["warnings"])
    assert any("‘Nowhere Sans Example’ is not on this server" in m for m in messages), messages
    assert any(f"muted text colour (#{FAINT}) is too faint to read" in m for m in messages), messages
    for message in messages:
        assert "template '" not in message and not re.search(r"\b(tx2|accent6|dk2)\b", message), message
    assert all(s["background"]["type"] == "solid" for s in layout["slides"])
    plain = client.post("/api/plan", data={"source": "resilience"}).json()["layout"]
    assert plain["warnings"] == [] and plain["inexact"] == []
    assert plain["fonts"]["body"]["exact"] is True


def test_a_gradient_background_and_an_ellipse_reach_the_preview(client: TestClient, tmp_path: Path) -> None:  # noqa: F811
    from lxml import etree
    from pptx import Presentation

    prs = Presentation()
    master = prs.slide_master
    ns = 'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" ' + (
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
    )
    background = etree.fromstring(
        f'<p:bg {ns}><p:bgPr><a:gradFill><a:gsLst><a:gs pos="0"><a:srgbClr val="FFFFFF"/></a:gs>'
        '<a:gs pos="100000"><a:schemeClr val="accent1"><a:lumMod val="50000"/></a:schemeClr></a:gs></a:gsLst>'
        '<a:lin ang="5400000"/></a:gradFill><a:effectLst/></p:bgPr></p:bg>'
    )
    csld = master._element.find("{http://schemas.openxmlformats.org/presentationml/2006/main}cSld")
    old = csld.find("{http://schemas.openxmlformats.org/presentationml/2006/main}bg")
    if old is not None:
        csld.remove(old)
    csld.insert(0, background)
    ellipse = etree.fromstring(
        f'<p:sp {ns}><p:nvSpPr><p:cNvPr id="77" name="Dot"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr>'
        '<a:xfrm><a:off x="100" y="200"/><a:ext cx="300" cy="400"/></a:xfrm><a:prstGeom prst="ellipse"><a:avLst/>'
        '</a:prstGeom><a:solidFill><a:srgbClr val="AA0000"/></a:solidFill></p:spPr></p:sp>'
    )
    master.shapes._spTree.insert(2, ellipse)
    out = io.BytesIO()
    prs.save(out)
    response = client.post(
        "/api/plan", data={"source": "compassion"}, files={"template": ("round.pptx", out.getvalue())}
    )
    assert response.status_code == 200, response.text
    layout = response.json()["layout"]
    slide = next(s for s in layout["slides"] if s["background"]["type"] == "gradient")
    accent1 = "4472C4"  # python-pptx's default theme; at half its lightness below
    assert slide["background"]["angle"] == 90
    assert slide["background"]["stops"][0] == [0, "FFFFFF"]
    assert slide["background"]["stops"][1][0] == 100 and slide["background"]["stops"][1][1] != accent1
    dots = [s for s in layout["layouts"][slide["layout"]] if s["type"] == "shape"]
    assert dots == [
        {
            "type": "shape",
            "form": "ellipse",
            "rect": [100, 200, 300, 400],
            "fill": {"type": "solid", "colour": "AA0000"},
        }
    ]


def test_a_settings_file_reads_back_as_the_forms_choices(client: TestClient) -> None:  # noqa: F811
    form = [
        ("source", "compassion"),
        ("story", ""),
        ("story", "stay"),
        ("story", "touch"),
        ("question", ""),
        ("question", "3"),
        ("title", "Compassion: away day"),
        ("date", "2026-12-03"),
    ]
    made = client.post("/api/yaml", data=fields(form), files={"logo": ("our logo.png", LOGO.read_bytes())})
    assert made.status_code == 200, made.text
    back = client.post("/api/settings", files={"settings": ("x.yaml", made.content)})
    assert back.status_code == 200, back.text
    assert back.json() == {
        "source": "compassion",
        "title": "Compassion: away day",
        "date": "2026-12-03",
        "logo": "our logo.png",
        "stories": ["stay", "touch"],
        "questions": ["3"],
    }
    wrong = client.post("/api/settings", files={"settings": ("x.pptx", LOGO.read_bytes())})
    assert wrong.status_code == 422
    assert wrong.json()["problems"] == [
        {"field": "settings", "message": "This is not a settings file. Choose a settings file this page downloaded."}
    ]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("title: x\n", "not for one of the packs here"),
        ("extends: nowhere\n", "not for one of the packs here"),
        ("extends: compassion\nslides: []\n", "has choices the page cannot show (slides)"),
        ("- a list\n", "not for one of the packs here"),
    ],
)
def test_settings_files_the_page_cannot_show_are_refused_plainly(text: str, words: str) -> None:
    with pytest.raises(SettingsProblem, match=re.escape(words)):
        read_settings(text.encode(), ["compassion"])


def test_the_preview_draws_with_the_fonts_the_server_measures_with(client: TestClient) -> None:  # noqa: F811
    fonts = client.post("/api/plan", data={"source": "compassion"}).json()["layout"]["fonts"]
    regular, bold = (client.get("/api/font", params={"key": key}) for key in fonts["body"]["files"][:2])
    assert regular.status_code == 200 and regular.headers["content-type"] == "font/ttf"
    assert regular.content[:4] in (b"\x00\x01\x00\x00", b"OTTO", b"true")
    assert regular.content == (assets_dir() / "fonts" / "LiberationSans-Regular.ttf").read_bytes()
    assert bold.status_code == 200 and bold.content != regular.content
    # Only files named by key: no path, no font name, nothing else on the server.
    for params in ({"key": "0" * 24}, {}, {"key": "../../etc/passwd"}, {"family": "Arial"}):
        assert client.get("/api/font", params=params).status_code == 404


def test_template_warnings_in_plain_words(tmp_path: Path) -> None:
    colour = (
        "template 'ours.pptx': the template's title colour (accent1 #41B6E6) gives 2.3:1 on bg1 #FFFFFF, "
        "below 4.5:1; using tx2 #1F4E79 instead"
    )
    assert plain_warning(colour) == (
        "The template's title colour (#41B6E6) is too faint to read on #FFFFFF (2.3:1, where text needs 4.5:1), "
        "so the deck uses #1F4E79 instead."
    )
    band = (
        "template 'ours.pptx': on 'Title Only': the template's muted text colour (tx2 #1F497D) gives 1.3:1 on its "
        "footer placeholder's own fill #1F3864, below 4.5:1; using bg1 #FFFFFF instead"
    )
    assert plain_warning(band) == (
        "On 'Title Only': the template's muted text colour (#1F497D) is too faint to read on its footer "
        "placeholder's own fill #1F3864 (1.3:1, where text needs 4.5:1), so the deck uses #FFFFFF instead."
    )
    sweets = make("sweets", tmp_path)
    built = layout_deck(load_guide("resilience", template=str(sweets))).warnings
    panels = next(w for w in built if "panels" in w)
    assert plain_warning(panels) == (
        "No text colour can be read on all of the template's background picture (as little as 1.4:1 on #3C145A, "
        "where text needs 4.5:1), so the deck puts its text on panels of #FFFFFF."
    )
    other = "template 'ours.pptx': layout 'Title Only': its title placeholder is off the slide"
    assert plain_warning(other) == "Layout 'Title Only': its title placeholder is off the slide."


def test_every_font_the_preview_names_is_served_with_its_type(client: TestClient) -> None:  # noqa: F811
    fonts = font_files()
    assert fonts
    for key, path in fonts.items():
        answer = client.get("/api/font", params={"key": key})
        assert answer.status_code == 200, key
        assert answer.headers["content-type"] == page.FONT_TYPES[path.suffix.lower()]
        assert answer.content == path.read_bytes()
    assert client.get("/api/font", params={"key": "../../etc/passwd"}).status_code == 404


def test_a_settings_file_too_large_or_missing_is_refused_plainly(client: TestClient) -> None:  # noqa: F811
    big = client.post("/api/settings", files={"settings": ("s.yaml", b"#" * (WEB_SETTINGS_MAX_BYTES + 1))})
    assert big.status_code in (400, 422)
    assert big.json()["problems"][0]["field"] == "settings"
    none = client.post("/api/settings", data={"other": "x"})
    assert none.json() == {"problems": [{"field": "settings", "message": "Choose a settings file."}]}

"""What a template draws behind every slide, for the page's preview: each
layout's background and the master's furniture (a band, a logo), in place."""

from __future__ import annotations

from pathlib import Path

from test_layout_template import trust_template

from dnadeck.layout.template import open_template
from dnadeck.web.backdrop import Backdrop


def test_the_trust_templates_band_and_logo_are_under_every_layout(tmp_path: Path) -> None:
    template = open_template(trust_template(tmp_path))
    sent: list[tuple[int, str]] = []

    def picture(data: bytes, content_type: str) -> str:
        sent.append((len(data), content_type))
        return f"picture{len(sent)}"

    backdrop = Backdrop(template, picture)
    for name in template.layouts:
        drawn = backdrop.layout(name)
        assert drawn["background"] == {"type": "solid", "colour": "FFFFFF"}, name
        band = [s for s in drawn["shapes"] if s["type"] == "shape"]
        assert band == [
            {
                "type": "shape",
                "form": "rect",
                "rect": [0, 6309360, 12191695, 548640],
                "fill": {"type": "solid", "colour": "1F4E79"},
            }
        ]
        logo = [s for s in drawn["shapes"] if s["type"] == "picture"]
        assert len(logo) == 1 and logo[0]["image"].startswith("picture"), name
    assert sent and all(kind == "image/png" and size > 0 for size, kind in sent)
    assert not backdrop.inexact


def test_our_own_template_draws_nothing_behind_the_slides_and_an_unknown_layout_is_empty() -> None:
    template = open_template(None)
    backdrop = Backdrop(template, lambda data, kind: "unused")
    for name in template.layouts:
        assert backdrop.layout(name) == {"background": {"type": "solid", "colour": "FFFFFF"}, "shapes": []}
    assert backdrop.layout("No such layout") == {"background": None, "shapes": []}

"""What dnadeck makes of a template: ``dnadeck template inspect``, and build warnings.

``inspect_template`` reads a template as a build would and reports its
slide size and how it is scaled, the layout each slide kind uses, the
theme fonts (and what measures them on this machine), the theme colours
with the contrast of every text role on its background (and the fallback
chosen where one fails), each layout's safe area, and warnings.
``template_warnings`` is the part a build reports on stderr.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .. import fit, theme
from ..errors import escape, shown
from .area import MARK, SECTION_NOTES, Area, areas_for
from .backdrop import Backdrop
from .canvas import EMU_PER_INCH
from .geometry import design_scale
from .slides import DRAWERS
from .template import Template, open_template

TINY_SCALE = 0.5  # below this, a 20 pt floor shows as under 10 pt
SAMPLE_PACK = "resilience"


def template_warnings(template: Template, fonts: fit.Fonts, by_role: Mapping[str, Area]) -> tuple[str, ...]:
    """What a build on ``template`` should tell its user: what was removed, colour fallbacks, missing fonts,
    odd sizes, furniture left alone (each once)."""
    areas = tuple(by_role.values())
    used = {a.layout for a in areas}
    # A layout only section slides use (drawn on their own background) is told only of section colours.
    others = _unsectioned(by_role) or used
    where: dict[str, dict[str, None]] = {}  # each note, on the layouts of every role that has it
    for area in areas:
        for note in area.colour_notes:
            where.setdefault(note, {})[area.layout] = None
    colour_notes = [
        note
        if set(layouts) >= (used if note.startswith(SECTION_NOTES) else others)
        else f"on {', '.join(shown(n) for n in layouts)}: {note}"
        for note, layouts in where.items()
    ]
    out = [f"template {shown(template.name)}: {w}" for w in (*template.notes, *colour_notes)]
    out.extend(f"template {shown(template.name)}: {line}" for line in font_notes(fonts))
    scale, _, _ = design_scale(template.width, template.height)
    if scale < TINY_SCALE:
        w, h = template.width / EMU_PER_INCH, template.height / EMU_PER_INCH
        out.append(
            f"template {shown(template.name)}: the slide is only {w:.2f} x {h:.2f} in, so text is scaled with it "
            f"(body text {theme.BODY.floor * scale:.1f} to {theme.BODY.largest * scale:.1f} pt); "
            "it looks right shown full screen but small printed"
        )
    seen: set[str] = set()
    for area in areas:
        for note in area.notes:
            line = f"template {shown(template.name)}: layout {shown(area.layout)}: {note}"
            if line not in seen:
                seen.add(line)
                out.append(line)
    return tuple(out)


def _unsectioned(by_role: Mapping[str, Area]) -> set[str]:
    """The layouts of the roles other than section slides (which draw on a background of their own)."""
    return {a.layout for role, a in by_role.items() if role != "section"}


def _by_layout(areas: dict[str, Area]) -> dict[str, Area]:
    """Each layout used, with the area of a role on it: a section slide's only where no other role uses
    the layout."""
    others = _unsectioned(areas)
    return {a.layout: a for role, a in areas.items() if role != "section" or a.layout not in others}


@dataclass(frozen=True)
class TemplateReport:
    """Everything ``dnadeck template inspect`` prints, as data and as text."""

    template: Template
    scale: float
    design: tuple[float, float]
    areas: dict[str, Area]
    fonts: fit.Fonts
    warnings: tuple[str, ...]

    @property
    def portrait(self) -> bool:
        return self.template.height > self.template.width

    def text(self) -> str:
        t = self.template
        w, h = t.width / EMU_PER_INCH, t.height / EMU_PER_INCH
        shape = "portrait" if self.portrait else "landscape"
        lines = [
            f"Template: {escape(t.name)}",
            f"Slide size: {w:.2f} x {h:.2f} in ({shape}); laid out on a {self.design[0]:.2f} x "
            f"{self.design[1]:.2f} in design canvas, scaled by {self.scale:.3f} (text sizes too)",
            f"Layouts ({len(t.layouts)}): {', '.join(shown(n, 80) for n in t.layout_names)}",
            "Slide kinds use:",
        ]
        for kind, drawer in DRAWERS.items():
            area = self.areas[drawer.role]
            body = f" (its {area.body.type} placeholder, idx {area.body.idx}, holds the text)" if area.body else ""
            lines.append(f"  {kind:<10} {shown(area.layout, 80)}{body}")
        lines.append("Fonts:")
        for role, source in (("headings", self.fonts.heading), ("body", self.fonts.body)):
            lines.append(f"  {role:<9} {shown(source.family, 80)}: {_measured(source)}")
        lines.append("Theme colours: " + " ".join(f"{n} #{t.colours[n]}" for n in theme.SCHEME_SLOTS if n in t.colours))
        lines.append(
            f"Contrast of each text role on its background, layout by layout, as renderers draw them "
            f"(WCAG AA needs {theme.AA}:1):"
        )
        for layout, area in _by_layout(self.areas).items():
            look = t.looks[layout]
            lines.append(f"  on {shown(layout, 80)} ({_backdrop(look.backdrop)}):")
            changed = {
                c.text_role
                for c, d in zip(area.checks, area.drawn_checks, strict=True)
                if (c.text, c.background) != (d.text, d.background)
            }
            for check in area.checks:
                verdict = "pass" if check.passes else "FAIL"
                lines.append(f"    {verdict}  {check.describe(t.colours, look.colour_map)}")
            if area.panel:  # every role is drawn on the panels
                changed = {c.text_role for c in area.drawn_checks}
                panel = f"{area.panel} #{theme.rgb_of(area.panel, t.colours, look.colour_map)}"
                lines.append(f"    Used instead, dnadeck's text on panels of {panel}:")
            elif changed:
                lines.append("    Used instead:")
            if changed:
                for check in area.drawn_checks:
                    if check.text_role in changed or check.background_role in changed:
                        verdict = "pass" if check.passes else "FAIL"
                        lines.append(f"    {verdict}  {check.describe(t.colours, look.colour_map)}")
        lines.append("Safe area (design inches; text and pictures stay inside, clear of the template's shapes):")
        for layout, area in _by_layout(self.areas).items():
            below = f" from {area.content_top:.2f}" if area.content_top else ""
            lines.append(
                f"  {shown(layout, 80)}: content {area.left:.2f} to {area.right:.2f} across,{below} down to {area.bottom:.2f}; "
                f"title from {area.title_top:.2f}, {area.title_left:.2f} to {area.title_right:.2f} across"
            )
            footer = [f"{s.type} (idx {s.idx})" for s in (area.footer, area.number, area.date) if s is not None]
            lines.append(
                "    footer: "
                + (f"in the layout's placeholders {', '.join(footer)}" if footer else f"ours, at {area.footer_top:.2f}")
            )
            for box in area.avoided:
                what = MARK if box in area.marks else "a shape"
                lines.append(
                    f"    keeps clear of {what} {box.width:.2f} x {box.height:.2f} at {box.left:.2f}, {box.top:.2f}"
                )
        if self.portrait:
            lines.append("Note: portrait slides put a story's QR code below its synopsis.")
        lines.append("Warnings:" if self.warnings else "Warnings: none")
        lines.extend(f"  {w}" for w in self.warnings)
        return "\n".join(lines) + "\n"


def _backdrop(drawn: Backdrop) -> str:
    if drawn.kind == "solid":
        return f"background #{drawn.colours[0]}"
    if drawn.kind == "gradient":
        return "gradient background, " + " to ".join(f"#{c}" for c in drawn.colours)
    if drawn.kind in ("picture", "photo"):
        what = "a photograph" if drawn.kind == "photo" else "a picture"
        return f"background {what}, {len(drawn.colours)} colours measured under the text"
    return "no background (white)"


def font_notes(fonts: fit.Fonts) -> list[str]:
    """One line for each theme font this machine lacks, saying what measured it in its place."""
    out = []
    sources = {fonts.heading.family: fonts.heading}
    sources.setdefault(fonts.body.family, fonts.body)
    for source in sources.values():
        roles = " and ".join(
            role for role, s in (("heading", fonts.heading), ("body", fonts.body)) if s.family == source.family
        )
        name = shown(source.family, 80)
        if source.how == "substitute":
            out.append(
                f"its {roles} font {name} is not on this machine; text is measured with {source.measured_with}, "
                "which viewers without the font draw in its place"
            )
        elif source.how == "fallback":
            out.append(
                f"its {roles} font {name} is not on this machine; text is measured with {source.measured_with} "
                f"and {round((source.margin - 1) * 100)}% more width in hand, so check the deck on a computer "
                "that has the font"
            )
    return out


def _measured(source: fit.FontSource) -> str:
    if source.how == "bundled":
        return f"measured with the bundled {source.measured_with} (the same widths)"
    if source.how == "installed":
        return f"measured with {source.file(False, False)} (installed here)"
    if source.how == "metric-compatible":
        return f"not installed; measured with {source.measured_with}, which has the same widths"
    if source.how == "substitute":
        return f"not on this machine; measured with {source.measured_with}, which viewers without it draw in its place"
    return (
        f"not on this machine; measured with {source.measured_with} and "
        f"{round((source.margin - 1) * 100)}% more width in hand"
    )


def inspect_template(path: Path | None, where: tuple[str, int | None] = ("", None)) -> TemplateReport:
    """What dnadeck makes of the template at ``path`` (None: the bundled one)."""
    template = open_template(path, where)
    scale, width, height = design_scale(template.width, template.height)
    areas = areas_for(template, where)
    fonts = fit.fonts_for(template.major_font, template.minor_font)
    return TemplateReport(
        template=template,
        scale=scale,
        design=(width, height),
        areas=areas,
        fonts=fonts,
        warnings=template_warnings(template, fonts, areas),
    )

"""The page in a real browser (headless Chromium through Playwright): choose,
see the slides, download; problems next to their fields; keyboard; a phone.

Screenshots go to tests/screenshots/ (not kept in git). Without Chromium
these tests skip, unless DNADECK_REQUIRE_BROWSER=1 (as in CI) makes them fail.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from conftest import ROOT, need
from pptx import Presentation
from test_web_app import LOGO, live_server, serving, titles  # noqa: F401  (live_server is a fixture)
from test_web_server import FORM, heavy_template, one_worker  # noqa: F401  (one_worker is a fixture)

import dnadeck
from dnadeck.limits import WEB_TEXT_MAX

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("DNADECK_CHROMIUM", "/usr/bin/chromium")
REQUIRE = os.environ.get("DNADECK_REQUIRE_BROWSER") == "1"
ARGS = [
    "--headless",
    "--lang=en-GB",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SHOTS = ROOT / "tests" / "screenshots"
WIDE = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
TALL = {"width": 1280, "height": 1400}  # the large slide view whole on the screen
RESILIENCE_STORIES = ["Floristry, perhaps?", "The light on the water", "Just five minutes more"]


def _missing(message: str) -> None:
    if REQUIRE:
        pytest.fail(f"{message}, and DNADECK_REQUIRE_BROWSER=1")
    pytest.skip(message)


class Chromium:
    """The module's Chromium, launched again if it has gone: a browser that crashes fails
    the test it crashed in, not every test after it."""

    def __init__(self, playwright: Any) -> None:
        self.playwright = playwright
        self.browser: Any = None

    def get(self) -> Any:
        if self.browser is None or not self.browser.is_connected():
            self.browser = self.playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        return self.browser


@pytest.fixture(scope="module")
def chromium() -> Iterator[Chromium]:
    if not Path(CHROMIUM).is_file():
        _missing(f"no Chromium at {CHROMIUM} (Debian: apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Playwright for Python is not installed (pip install '.[test]')")
    with sync_playwright() as p:
        launched = Chromium(p)
        yield launched
        if launched.browser is not None and launched.browser.is_connected():
            launched.browser.close()


@pytest.fixture
def browser(chromium: Chromium) -> Any:
    return chromium.get()


@pytest.fixture
def open_page(browser: Any, live_server: str) -> Iterator[Any]:  # noqa: F811
    """Open the page at a screen size; fail the test on any script error."""
    contexts = []
    errors: list[str] = []

    def opener(viewport: dict[str, int] = WIDE, server: str = live_server) -> Any:
        context = browser.new_context(viewport=viewport, locale="en-GB", accept_downloads=True)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.set_default_timeout(30_000)
        page.goto(server)
        page.wait_for_selector("#slides .slide")
        return page

    yield opener
    for context in contexts:
        context.close()
    assert not [e for e in errors if "422" not in e], errors


def settled(page: Any) -> None:
    """Wait for the preview to catch up with the form."""
    page.wait_for_function(
        "() => !document.querySelector('#slides').classList.contains('stale') && document.querySelector('#slides li')"
    )


def status_says(page: Any, words: str) -> None:
    """Wait for the live region to say ``words``."""
    page.wait_for_function("w => document.querySelector('#status').textContent.includes(w)", arg=words)


def shoot(page: Any, name: str) -> Path:
    SHOTS.mkdir(exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


def test_choose_a_pack_cut_it_down_and_download_it(open_page: Any, tmp_path: Path) -> None:
    page = open_page()
    page.get_by_label("Resilience", exact=True).check()
    for title in RESILIENCE_STORIES[:2]:
        page.get_by_label(title, exact=True).uncheck()
    page.get_by_label("Title", exact=True).fill("Resilience: team day")
    page.get_by_label("Presenter").fill("Sam Patel")
    page.get_by_label("Date of the session").fill("2026-12-03")
    page.get_by_label("Logo", exact=True).set_input_files(str(LOGO))
    settled(page)

    # Questions about the stories left out are gone from the list.
    packs = {p["id"]: p for p in page.request.get(f"{page.url}api/packs").json()["packs"]}
    listed = page.locator("#questions input").evaluate_all("boxes => boxes.map(b => Number(b.value))")
    kept = [q["number"] for q in packs["resilience"]["questions"] if q["story"] in (None, "just-five-minutes-more")]
    assert listed == kept
    assert "left out with the stories" in page.locator("#questions-left-out").inner_text()

    preview = page.locator("#slides > li")
    assert "Resilience: team day" in preview.first.inner_text()
    page.evaluate("document.activeElement.blur(); window.scrollTo(0, 0)")
    shoot(page, "page-1280x800")
    page.screenshot(path=str(SHOTS / "page-1280x800-full.png"), full_page=True)

    with page.expect_download() as download:
        page.get_by_role("button", name="Download PowerPoint").click()
    assert download.value.suggested_filename == "Resilience team day.pptx", "named after the title"
    deck = tmp_path / "resilience.pptx"
    download.value.save_as(deck)
    prs = Presentation(str(deck))
    shown = titles(prs)
    assert shown[0] == "Resilience: team day"
    assert [t for t in shown if t in RESILIENCE_STORIES] == ["Just five minutes more"]
    assert any(s.shape_type == 13 for s in prs.slides[0].shapes), "the logo is on the title slide"
    assert preview.count() == len(prs.slides), "the preview shows every slide of the deck"
    assert page.locator("#slide-count").inner_text().startswith(f"({len(prs.slides)} slides, about ")
    status_says(page, "Downloaded Resilience team day.pptx")

    with page.expect_download() as download:
        page.get_by_role("button", name="Download settings file").click()
    settings = tmp_path / download.value.suggested_filename
    download.value.save_as(settings)
    shutil.copy(LOGO, tmp_path / LOGO.name)
    guide = dnadeck.load_guide(settings)
    assert guide.title == "Resilience: team day" and [s.key for s in guide.story_slides()] == ["just-five-minutes-more"]
    assert dnadeck.deck_bytes(guide) == deck.read_bytes()


def test_a_bad_logo_shows_its_problem_next_to_the_field(open_page: Any) -> None:
    page = open_page()
    logo = page.get_by_label("Logo", exact=True)
    logo.set_input_files(files=[{"name": "our-logo.png", "mimeType": "image/png", "buffer": b"not a picture"}])
    message = page.locator("#logo-error")
    message.wait_for(state="visible")
    assert "'our-logo.png' is not an image that can be read; use a PNG or JPEG" in message.inner_text()
    assert logo.get_attribute("aria-invalid") == "true"
    assert "logo-error" in logo.get_attribute("aria-describedby").split()
    status_says(page, "There is a problem: see the list below. The preview shows the last choices that worked.")
    status_says(page, "Logo: 'our-logo.png' is not an image")
    summary = page.locator("#form-error")
    assert "There is a problem" in summary.inner_text()
    shoot(page, "logo-problem")
    summary.get_by_role("link", name="Logo: 'our-logo.png' is not an image").click()
    assert page.evaluate("document.activeElement.id") == "logo"
    page.get_by_role("button", name="Remove the logo").click()
    message.wait_for(state="hidden")
    assert summary.is_hidden()
    assert logo.get_attribute("aria-invalid") is None
    assert page.evaluate("document.activeElement.id") == "logo"
    status_says(page, "Fixed. Preview updated")  # the status line no longer speaks of the problem


def test_keyboard_tab_to_a_story_space_to_leave_it_out_and_move_one(open_page: Any) -> None:
    page = open_page()
    page.get_by_label("Compassion", exact=True).focus()
    page.keyboard.press("Space")
    settled(page)
    before = page.locator("#slides > li").count()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.id")
    assert focused == "story-touch"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "focus is visible"
    page.keyboard.press("Space")
    assert not page.locator("#story-touch").is_checked()
    settled(page)
    assert page.locator("#slides > li").count() < before
    page.keyboard.press("Tab")  # Up: already first
    page.keyboard.press("Tab")  # Down
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Move ‘Touch’ down"
    page.keyboard.press("Enter")
    order = page.locator("#stories > li").evaluate_all("items => items.map(i => i.dataset.story)")
    assert order[1] == "touch"
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") in (
        "Move ‘Touch’ down",
        "Move ‘Touch’ up",
    )
    status_says(page, "‘Touch’ moved down; it is left out of the deck.")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")  # Touch ticked again
    assert page.locator("#story-touch").is_checked()
    page.get_by_label("What do you see?", exact=True).uncheck()
    page.get_by_role("button", name="Move ‘Stay’ down").click()
    status_says(page, "‘Stay’ moved to place 2 of 2")  # only the stories in the deck count


def test_on_a_phone(open_page: Any) -> None:
    page = open_page(PHONE)
    settled(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], "no sideways scrolling"
    jump = page.locator("#to-preview")
    assert jump.is_visible() and "slides and download" in jump.inner_text()
    shoot(page, "page-390x844")
    jump.click()
    page.wait_for_function("() => document.activeElement.id === 'preview'")
    page.get_by_role("button", name="Download PowerPoint").wait_for(state="visible")
    shoot(page, "page-390x844-preview")
    page.screenshot(path=str(SHOTS / "page-390x844-full.png"), full_page=True)


CHECK_PAGE = """() => {
  const out = {unlabelled: [], contrast: [], ids: []};
  const seen = new Set();
  for (const el of document.querySelectorAll('[id]')) {
    if (seen.has(el.id)) out.ids.push(el.id);
    seen.add(el.id);
  }
  for (const el of document.querySelectorAll('input, button, select, textarea, a[href]')) {
    const named = (el.labels && el.labels.length) || el.getAttribute('aria-label') || (el.textContent || '').trim();
    if (!named) out.unlabelled.push(el.outerHTML.slice(0, 80));
  }
  const rgb = (s) => (s.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const c = [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] === 1)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    if (!walker.currentNode.textContent.trim() || el.closest('.frame, .visually-hidden, [hidden]')) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none' || !el.getClientRects().length) continue;
    const [a, b] = [lum(rgb(style.color).slice(0, 3)), lum(background(el))].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05);
    if (ratio < 4.5) out.contrast.push(`${ratio.toFixed(2)}: ${walker.currentNode.textContent.trim().slice(0, 40)}`);
  }
  return out;
}"""


def test_labels_contrast_landmarks_and_headings(open_page: Any) -> None:
    page = open_page()
    page.get_by_label("Logo", exact=True).set_input_files(
        files=[{"name": "bad.png", "mimeType": "image/png", "buffer": b"not a picture"}]
    )
    page.locator("#logo-error").wait_for(state="visible")  # error colours are checked too
    found = page.evaluate(CHECK_PAGE)
    assert found == {"unlabelled": [], "contrast": [], "ids": []}
    assert page.locator("header").count() == 1 and page.locator("main").count() == 1
    assert page.locator("footer").count() == 1
    assert page.locator("h1").count() == 1
    headings = page.locator("h2").all_inner_texts()
    assert [h.split(" ", 1)[1] if h[0].isdigit() else h for h in headings][:5] == [
        "Choose a pack",
        "Stories",
        "Questions for reflection",
        "Title slide",
        "Your logo and template (optional)",
    ]
    assert page.locator("[role=status][aria-live=polite]").count() == 1
    assert page.get_attribute("html", "lang") == "en-GB"
    # The title slide's fields, made by the page: labelled, described and as long as the server allows.
    for label in ("Title", "Subtitle (optional)", "Presenter (optional)", "Organisation (optional)"):
        assert page.get_by_label(label, exact=True).get_attribute("maxlength") == str(WEB_TEXT_MAX)
    presenter = page.get_by_label("Presenter (optional)", exact=True)
    assert presenter.get_attribute("aria-describedby") == "presenter-hint presenter-error"
    assert page.locator("#presenter-hint").inner_text() == "Your name, and your role if you like."


@pytest.fixture(scope="module")
def warm_server(warm_converter: str | None) -> Iterator[str]:
    """The page served with the session's warm converter (live_server starts LibreOffice for each PDF,
    as test_a_progress_bar_moves_while_a_pdf_is_made wants)."""
    with serving(remote_converters=[warm_converter] if warm_converter else []) as url:
        yield url


@pytest.mark.office
def test_true_preview_shows_the_built_deck(open_page: Any, warm_server: str) -> None:
    need("soffice")
    need("pdftoppm")
    page = open_page(server=warm_server)
    page.get_by_label("Resilience", exact=True).check()
    settled(page)
    slides = page.locator("#slides > li").count()
    page.get_by_role("button", name="True preview").click()
    page.locator("#pages > li").first.wait_for(timeout=120_000)
    assert page.locator("#pages > li").count() == slides
    assert page.locator("#slides").is_hidden()
    page.get_by_role("button", name="Quick preview").click()
    assert page.locator("#slides").is_visible()


# -- a template in the quick preview, warnings, problems that block -------------------------------------------

BAND = "1F4E79"  # the test template's dk2 (tx2), the colour of the band on its master
FAINT = "B0B0B0"  # its accent6, too faint for text: dnadeck uses another colour, and says so
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
MB = 1024 * 1024


def band_template(folder: Path) -> Path:
    """python-pptx's default template with a band in the theme's tx2 across the top of its master,
    a heading font no computer has, and a muted colour too faint to read."""
    import re

    from lxml import etree
    from pptx import Presentation as Open
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    prs = Open()
    part = prs.slide_master.part.part_related_by(RT.THEME)
    xml = part.blob.decode("utf-8")
    xml = re.sub(r'(<a:majorFont>\s*<a:latin typeface=")[^"]*', r"\g<1>Nowhere Sans Example", xml)
    for slot, rgb in (("dk2", BAND), ("accent6", FAINT)):
        xml = re.sub(rf"<a:{slot}>.*?</a:{slot}>", f'<a:{slot}><a:srgbClr val="{rgb}"/></a:{slot}>', xml, count=1)
    part._blob = xml.encode("utf-8")
    top, height = 0, 548640  # 0.6 in across the top
    band = (
        f'<p:sp xmlns:p="{P_NS}" xmlns:a="{A_NS}"><p:nvSpPr><p:cNvPr id="90" name="Band"/><p:cNvSpPr/><p:nvPr/>'
        f'</p:nvSpPr><p:spPr><a:xfrm><a:off x="0" y="{top}"/><a:ext cx="{prs.slide_width}" cy="{height}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:schemeClr val="tx2"/></a:solidFill>'
        "</p:spPr></p:sp>"
    )
    prs.slide_master.shapes._spTree.insert(2, etree.fromstring(band))
    path = folder / "our-template.pptx"
    prs.save(str(path))
    return path


def pixels(page: Any, selector: str, name: str) -> Any:
    """A screenshot of one element, as a Pillow image (kept in tests/screenshots/)."""
    from PIL import Image

    SHOTS.mkdir(exist_ok=True)
    path = SHOTS / f"{name}.png"
    element = page.locator(selector).first
    element.evaluate("e => e.scrollIntoView({block: 'center'})")
    page.screenshot(path=str(path), clip=element.bounding_box())
    return Image.open(path).convert("RGB")


def share_of(image: Any, rgb: str, tolerance: int = 12) -> float:
    """The share of an image's pixels within ``tolerance`` of the colour ``rgb``."""
    want = tuple(int(rgb[i : i + 2], 16) for i in (0, 2, 4))
    found = sum(
        count
        for count, colour in image.getcolors(image.width * image.height)
        if all(abs(a - b) <= tolerance for a, b in zip(colour, want, strict=True))
    )
    return float(found) / (image.width * image.height)


def test_the_quick_preview_draws_the_templates_band_and_says_its_warnings(open_page: Any, tmp_path: Path) -> None:
    page = open_page(TALL)
    settled(page)
    assert share_of(pixels(page, "#viewer-frame .frame", "preview-plain"), BAND) < 0.01
    page.get_by_label("PowerPoint template", exact=True).set_input_files(str(band_template(tmp_path)))
    warning = page.locator("#template-warning")
    warning.wait_for(state="visible")
    settled(page)
    text = warning.inner_text()
    assert "‘Nowhere Sans Example’ is not on this server" in text
    assert f"The template's muted text colour (#{FAINT}) is too faint to read" in text
    assert "#" + FAINT in text and "tx2" not in text and "accent6" not in text
    # The band covers the top of every slide: 0.6 of its 7.5 in, in the band's colour.
    image = pixels(page, "#viewer-frame .frame", "preview-band")
    assert share_of(image, BAND) > 0.06
    top = image.crop((0, 2, image.width, int(image.height * 0.07)))
    assert share_of(top, BAND) > 0.9
    thumb = pixels(page, "#slides .frame", "preview-band-thumbnail")
    assert share_of(thumb, BAND) > 0.05
    # The slides are drawn in the fonts the server measures with, fetched from it.
    faces = page.evaluate(
        "() => [...document.fonts].filter(f => f.family.includes('deck')).map(f => [f.family.replaceAll('\"', ''), f.status])"
    )
    assert sorted(set(map(tuple, faces))) == [("deck body", "loaded"), ("deck heading", "loaded")]
    note = page.locator("#preview-note").inner_text()
    assert "heading font ‘Nowhere Sans Example’ is drawn with DejaVu Sans" in note
    # A warning is not a problem: the deck can be downloaded, with the template.
    with page.expect_download() as download:
        page.get_by_role("button", name="Download PowerPoint").click()
    deck = tmp_path / "deck.pptx"
    download.value.save_as(deck)
    assert len(Presentation(str(deck)).slides) == page.locator("#slides > li").count()


def type_date(page: Any, day: str, month: str, year: str) -> None:
    """Type a date into the date field, in the order this browser's date field asks for it
    (found by typing 5 March into a field made for the purpose)."""
    page.evaluate(
        "() => { const p = document.createElement('input'); p.type = 'date'; p.id = 'probe'; "
        "document.body.append(p); p.focus(); }"
    )
    page.keyboard.type("05032026")
    month_first = page.evaluate("() => { const p = document.getElementById('probe'); p.remove(); return p.value; }")
    page.locator("#date").focus()
    page.keyboard.type(f"{month}{day}{year}" if month_first == "2026-05-03" else f"{day}{month}{year}")
    page.locator("#organisation").focus()


def downloads_of(page: Any) -> list[Any]:
    found: list[Any] = []
    page.on("download", lambda download: found.append(download))
    return found


DOWNLOADS = ("/api/deck", "/api/pdf", "/api/yaml", "/api/handout")  # what the download buttons ask for


def blocked(page: Any, button: str = "Download PowerPoint") -> None:
    """Click a download button and see it refused: nothing asked of the server, no file made."""
    got = downloads_of(page)
    asked: list[str] = []

    def record(request: Any) -> None:
        if urlsplit(request.url).path in DOWNLOADS:
            asked.append(request.url)

    page.on("request", record)
    clicked = page.get_by_role("button", name=button)
    clicked.click()
    status_says(page, "was not made: fix the problem first")
    # The click's work is over when the button is enabled again: a file would have been asked for by then.
    clicked.and_(page.locator(":not([aria-disabled=true])")).wait_for()
    page.remove_listener("request", record)
    assert asked == [] and got == [], "no file is made while there is a problem"


def test_an_impossible_or_unfinished_date_is_a_problem_that_blocks_downloads(open_page: Any, tmp_path: Path) -> None:
    page = open_page()
    settled(page)
    type_date(page, "31", "02", "2026")
    message = page.locator("#date-error")
    message.wait_for(state="visible")
    assert "does not exist (such as 31 February)" in message.inner_text()
    assert page.get_attribute("#date", "aria-invalid") == "true"
    assert message.get_attribute("aria-live") == "polite"
    status_says(page, "There is a problem")
    for button in ("Download PowerPoint", "Download session plan", "Download settings file"):
        blocked(page, button)
    page.locator("#date").fill("")
    page.locator("#date").focus()
    page.keyboard.type("03")  # a date only begun
    page.locator("#organisation").focus()
    message.wait_for(state="visible")
    blocked(page)
    page.locator("#date").fill("2026-12-03")
    message.wait_for(state="hidden")
    status_says(page, "Fixed. Preview updated")
    assert page.locator("#form-error").is_hidden()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download PowerPoint").click()
    download.value.save_as(tmp_path / "deck.pptx")
    assert "3 December 2026" in "\n".join(
        s.text_frame.text for s in Presentation(str(tmp_path / "deck.pptx")).slides[0].shapes if s.has_text_frame
    )


def test_an_oversized_or_svg_logo_and_no_stories_block_downloads(open_page: Any) -> None:
    page = open_page()
    settled(page)
    logo = page.get_by_label("Logo", exact=True)
    logo.set_input_files(files=[{"name": "huge.png", "mimeType": "image/png", "buffer": b"\0" * (5 * MB + 1)}])
    message = page.locator("#logo-error")
    message.wait_for(state="visible")
    assert "‘huge.png’ is larger than 5 MB: choose a smaller file." in message.inner_text()
    blocked(page)
    blocked(page, "Download settings file")
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'
    logo.set_input_files(files=[{"name": "logo.svg", "mimeType": "image/svg+xml", "buffer": svg}])
    page.wait_for_function("() => document.querySelector('#logo-error').textContent.includes('SVG')")
    assert "save it as a PNG picture" in message.inner_text()
    blocked(page)
    page.get_by_role("button", name="Remove the logo").click()
    message.wait_for(state="hidden")
    for box in page.locator("#stories input").all():
        box.uncheck()
    stories = page.locator("#story-error")
    stories.wait_for(state="visible")
    assert "Tick at least one story" in stories.inner_text()
    blocked(page)
    page.locator("#stories input").first.check()
    stories.wait_for(state="hidden")
    settled(page)
    assert page.locator("#form-error").is_hidden()


def open_tools(page: Any) -> None:
    """Open the disclosure holding "Open a settings file" and "Start again", if it is closed."""
    if not page.locator("#pack-tools").evaluate("d => d.open"):
        page.get_by_text("Open a settings file, or start again").click()


def start_again(page: Any) -> None:
    open_tools(page)
    page.get_by_role("button", name="Start again with the chosen pack").click()


def choose(page: Any, pack: str, leave_out: str, move_up: str, title: str) -> None:
    """Choose a pack, leave a story out, move another up and give the deck a title."""
    page.get_by_label(pack, exact=True).check()
    page.get_by_label(leave_out, exact=True).uncheck()
    page.get_by_role("button", name=f"Move ‘{move_up}’ up").click()
    page.get_by_label("Title", exact=True).fill(title)


def test_choices_are_kept_per_pack_and_across_a_reload(open_page: Any) -> None:
    page = open_page()
    choose(page, "Resilience", "Floristry, perhaps?", "Just five minutes more", "Resilience: ward 7")
    page.get_by_label("Presenter").fill("Sam Patel")
    page.locator("#questions input").nth(1).uncheck()
    settled(page)
    # Arrowing through the packs shows each one's choices and loses none.
    page.get_by_label("Resilience", exact=True).focus()
    page.keyboard.press("ArrowUp")
    assert page.get_by_label("Improvement and change", exact=True).is_checked()
    assert page.get_by_label("Title", exact=True).input_value() == "Improvement and change"
    page.keyboard.press("ArrowDown")
    assert page.get_by_label("Title", exact=True).input_value() == "Resilience: ward 7"

    def choices() -> dict[str, Any]:
        return {
            "order": page.locator("#stories > li").evaluate_all("items => items.map(i => i.dataset.story)"),
            "ticked": page.locator("#stories input:checked").evaluate_all("boxes => boxes.map(b => b.value)"),
            "questions": page.locator("#questions input:checked").evaluate_all("boxes => boxes.map(b => b.value)"),
            "title": page.get_by_label("Title", exact=True).input_value(),
            "presenter": page.get_by_label("Presenter").input_value(),
        }

    before = choices()
    assert before["order"] == ["floristry-perhaps", "just-five-minutes-more", "the-light-on-the-water"]
    assert before["ticked"] == ["just-five-minutes-more", "the-light-on-the-water"]
    page.reload()
    page.wait_for_selector("#slides .slide")
    assert page.get_by_label("Resilience", exact=True).is_checked()
    assert choices() == before
    settled(page)
    assert "Resilience: ward 7" in page.locator("#slides > li").first.inner_text()
    # Starting again asks first; saying no keeps everything.
    page.once("dialog", lambda dialog: dialog.dismiss())
    start_again(page)
    assert choices() == before
    page.once("dialog", lambda dialog: dialog.accept())
    start_again(page)
    status_says(page, "Started again with ‘Resilience’")
    assert page.get_by_label("Title", exact=True).input_value() == "Resilience"
    assert len(choices()["ticked"]) == 3


def test_a_settings_file_opens_again_and_asks_for_its_logo(open_page: Any, tmp_path: Path) -> None:
    page = open_page()
    choose(page, "Compassion", "Touch", "What do you see?", "Compassion: away day")
    page.get_by_label("Organisation").fill("Example NHS Foundation Trust")
    page.get_by_label("Logo", exact=True).set_input_files(str(LOGO))
    page.get_by_role("button", name="Untick all questions").click()
    page.locator("#questions input").first.check()
    settled(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download settings file").click()
    assert download.value.suggested_filename == "Compassion away day.yaml"
    settings = tmp_path / download.value.suggested_filename
    download.value.save_as(settings)
    wanted = page.locator("#questions input:checked").evaluate_all("boxes => boxes.map(b => b.value)")
    order = page.locator("#stories > li").evaluate_all("items => items.map(i => i.dataset.story)")

    page.once("dialog", lambda dialog: dialog.accept())
    start_again(page)
    page.get_by_label("Resilience", exact=True).check()
    page.get_by_label("Organisation").fill("")
    page.once("dialog", lambda dialog: dialog.accept())  # asked: the Compassion choices are replaced
    open_tools(page)
    page.get_by_label("Open a settings file").set_input_files(str(settings))
    status_says(page, "Opened ‘Compassion away day.yaml’")
    assert page.get_by_label("Compassion", exact=True).is_checked()
    assert page.get_by_label("Title", exact=True).input_value() == "Compassion: away day"
    assert page.get_by_label("Organisation").input_value() == "Example NHS Foundation Trust"
    assert not page.get_by_label("Touch", exact=True).is_checked()
    ticked_order = page.locator("#stories input:checked").evaluate_all("boxes => boxes.map(b => b.value)")
    assert ticked_order == [story for story in order if story != "touch"]
    assert page.locator("#questions input:checked").evaluate_all("boxes => boxes.map(b => b.value)") == wanted
    assert "choose it again" in page.locator("#logo-note").inner_text()
    assert LOGO.name in page.locator("#logo-note").inner_text()


def test_welsh_text_gets_a_welsh_date_and_a_note_on_the_words_left_in_english(open_page: Any, tmp_path: Path) -> None:
    page = open_page()
    language = page.get_by_label("Language of your text")
    note = page.locator("#language-note")
    assert language.input_value() == "en-GB" and note.is_hidden()
    assert language.get_attribute("aria-describedby") == "language-hint language-note language-error"
    page.get_by_label("Title", exact=True).fill("Tosturi: diwrnod tîm")
    page.get_by_label("Date of the session").fill("2026-12-03")
    language.select_option(label="Cymraeg (Welsh)")
    note.wait_for(state="visible")
    settled(page)
    assert note.inner_text() == (
        "The words dnadeck adds to the slides (labels, speaker notes, credits) are in English (en-GB): "
        "this page has no translation of them."
    )
    assert "3 Rhagfyr 2026" in page.locator("#slides > li").first.inner_text()
    shoot(page, "language-welsh")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download settings file").click()
    settings = tmp_path / download.value.suggested_filename
    download.value.save_as(settings)
    assert dnadeck.load_guide(settings).language == "cy"

    page.reload()
    page.wait_for_selector("#slides .slide")
    assert language.input_value() == "cy", "kept in this browser"
    language.select_option("en-GB")
    note.wait_for(state="hidden")
    settled(page)
    assert "3 December 2026" in page.locator("#slides > li").first.inner_text()
    open_tools(page)
    page.once("dialog", lambda dialog: dialog.accept())  # asked: the choices made here are replaced
    page.get_by_label("Open a settings file").set_input_files(str(settings))
    status_says(page, f"Opened ‘{settings.name}’")
    assert language.input_value() == "cy"
    note.wait_for(state="visible")


def test_questions_are_numbered_as_the_deck_numbers_them_and_follow_their_story(open_page: Any) -> None:
    page = open_page()
    page.get_by_label("Resilience", exact=True).check()
    page.get_by_label("Floristry, perhaps?", exact=True).uncheck()
    page.get_by_role("button", name="Move ‘Just five minutes more’ up").click()
    page.get_by_role("button", name="Move ‘Just five minutes more’ up").click()
    settled(page)
    listed = page.locator("#questions li").all_inner_texts()
    assert [line[:2] for line in listed] == [f"{n}." for n in range(1, 9)]
    assert "Just five minutes more" in listed[0], "its questions follow the story moved first"
    page.locator("#questions input").nth(1).uncheck()
    settled(page)
    listed = page.locator("#questions li").all_inner_texts()
    assert sum(line.startswith("–") for line in listed) == 1, "a question not asked has no number"
    packs = {p["id"]: p for p in page.request.get(f"{page.url.split('?')[0]}api/packs").json()["packs"]}
    text = {str(q["number"]): q["text"] for q in packs["resilience"]["questions"]}
    ticked = page.locator("#questions input:checked").evaluate_all("boxes => boxes.map(b => b.value)")
    page_numbers = [
        (int(line.split(".")[0]), text[n])
        for line, n in zip([x for x in listed if x[0].isdigit()], ticked, strict=True)
    ]
    deck_questions = page.evaluate(
        """async (ticked) => {
          const data = new FormData();
          data.append('source', 'resilience');
          data.append('story', '');
          for (const b of document.querySelectorAll('#stories input:checked')) data.append('story', b.value);
          data.append('question', '');
          for (const n of ticked) data.append('question', n);
          const plan = await (await fetch('/api/plan', {method: 'POST', body: data})).json();
          return plan.slides.filter(s => s.kind === 'questions').flatMap(s => s.questions.map(q => [q.number, q.text]));
        }""",
        ticked,
    )
    assert [tuple(q) for q in deck_questions] == page_numbers
    page.once("dialog", lambda dialog: dialog.dismiss())  # asked first: a choice of questions would go
    page.get_by_role("button", name="Untick all questions").click()
    assert page.locator("#questions input:checked").count() == len(ticked)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Untick all questions").click()
    assert page.locator("#questions input:checked").count() == 0
    page.get_by_role("button", name="Tick all questions", exact=True).click()
    assert page.locator("#questions input:not(:checked)").count() == 0


def test_the_large_slide_view_shows_notes_minutes_and_the_sessions_length(open_page: Any) -> None:
    page = open_page()
    settled(page)
    count = page.locator("#slides > li").count()
    assert page.locator("#viewer-title").inner_text() == f"Slide 1 of {count}: Bringing your whole self to work"
    assert "minutes" in page.locator("#slide-count").inner_text() or "hour" in page.locator("#slide-count").inner_text()
    page.get_by_role("button", name="Next slide").click()
    status_says(page, f"Slide 2 of {count}")
    assert page.locator("#viewer-title").inner_text().startswith(f"Slide 2 of {count}: ")
    assert page.locator("#viewer-minutes").inner_text().startswith("About ")
    assert len(page.locator("#viewer-notes").inner_text()) > 20
    page.locator("#slides .show-slide").nth(4).click()
    assert page.locator("#viewer-title").inner_text().startswith(f"Slide 5 of {count}: ")
    assert page.locator("#slides .show-slide").nth(4).get_attribute("aria-current") == "true"
    page.get_by_role("button", name="Previous slide").click()
    assert page.locator("#viewer-title").inner_text().startswith(f"Slide 4 of {count}: ")
    big = page.locator("#viewer-frame .frame").bounding_box()
    small = page.locator("#slides .frame").first.bounding_box()
    assert big["width"] > 2 * small["width"]


def test_the_page_speaks_plainly_and_skips_to_the_downloads(open_page: Any) -> None:
    page = open_page()
    settled(page)
    words = page.evaluate(
        "() => { const copy = document.body.cloneNode(true); copy.querySelectorAll('.frame').forEach(f => f.remove());"
        " return copy.innerText || copy.textContent; }"
    )
    for stale in ("dnadeck show", ".yaml", "the dnadeck command", "Story 10", ".pptx", ".potx", "YYYY"):
        assert stale not in words, stale
    assert page.locator(".brand").evaluate("e => e.tagName") == "SPAN"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to the downloads"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "download-pptx"


@pytest.mark.office
def test_a_progress_bar_moves_while_a_pdf_is_made(open_page: Any, tmp_path: Path) -> None:
    need("soffice")
    page = open_page()
    page.get_by_label("Title", exact=True).fill("Whole self: ward 7")
    settled(page)
    with page.expect_download(timeout=240_000) as download:
        page.get_by_role("button", name="Download PDF").click()
        bar = page.locator("#work-progress")
        bar.wait_for(state="visible")
        assert page.locator("#work label").inner_text() == "Making the PDF"
        first = float(bar.evaluate("b => b.value"))
        page.wait_for_function(
            "v => { const b = document.querySelector('#work-progress'); return b.value > v || b.closest('[hidden]'); }",
            arg=first,
            timeout=240_000,
        )
        assert "second" in page.locator("#work-time").inner_text()
    assert download.value.suggested_filename == "Whole self ward 7.pdf"
    download.value.save_as(tmp_path / "deck.pdf")
    assert (tmp_path / "deck.pdf").read_bytes().startswith(b"%PDF")
    page.locator("#work").wait_for(state="hidden")


# -- axe-core at WCAG 2.2 AA ---------------------------------------------------------------------------

AXE = ROOT / "tests" / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_violations(page: Any) -> list[str]:
    """axe-core's WCAG 2.2 AA violations on the page as it is now (rule: elements)."""
    if not AXE.is_file():
        _missing(f"axe-core is not installed in {AXE.parent.parent} (cd tests && npm install)")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", AXE_TAGS
    )
    return [f"{v['id']}: {[n['target'] for n in v['nodes']][:5]}" for v in found["violations"]]


@pytest.fixture
def axe_page(browser: Any, live_server: str) -> Iterator[Any]:  # noqa: F811
    """Open the page with the content security policy bypassed, so that axe-core can be injected."""
    contexts = []

    def opener(viewport: dict[str, int] = WIDE) -> Any:
        context = browser.new_context(viewport=viewport, locale="en-GB", bypass_csp=True)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(30_000)
        page.goto(live_server)
        page.wait_for_selector("#slides .slide")
        settled(page)
        return page

    yield opener
    for context in contexts:
        context.close()


def test_axe_finds_nothing_in_any_state(axe_page: Any, tmp_path: Path) -> None:
    counts: dict[str, list[str]] = {}
    page = axe_page()
    counts["start, 1280x800"] = axe_violations(page)
    open_tools(page)
    counts["settings file and start again shown"] = axe_violations(page)
    page.get_by_label("PowerPoint template", exact=True).set_input_files(str(band_template(tmp_path)))
    page.locator("#template-warning").wait_for(state="visible")
    settled(page)
    counts["template warnings shown"] = axe_violations(page)
    page.get_by_label("Language of your text").select_option("cy")
    page.locator("#language-note").wait_for(state="visible")
    settled(page)
    counts["a language chosen, its note shown"] = axe_violations(page)
    page.get_by_label("Logo", exact=True).set_input_files(
        files=[{"name": "bad.png", "mimeType": "image/png", "buffer": b"not a picture"}]
    )
    page.locator("#logo-error").wait_for(state="visible")
    page.wait_for_timeout(500)
    counts["an error shown (preview waiting)"] = axe_violations(page)
    type_date(page, "31", "02", "2026")
    page.locator("#date-error").wait_for(state="visible")
    counts["two errors shown"] = axe_violations(page)
    page.get_by_role("button", name="Next slide").click()
    counts["large view on slide 2"] = axe_violations(page)
    phone = axe_page(PHONE)
    counts["start, 390x844"] = axe_violations(phone)
    for box in phone.locator("#stories input").all():
        box.uncheck()
    phone.locator("#story-error").wait_for(state="visible")
    counts["no stories, 390x844"] = axe_violations(phone)
    print("axe-core violations per state:", {state: len(found) for state, found in counts.items()})
    assert counts == {state: [] for state in counts}


def test_leaving_the_page_with_a_logo_chosen_asks_first(open_page: Any) -> None:
    page = open_page()
    page.get_by_label("Logo", exact=True).set_input_files(str(LOGO))
    settled(page)
    asked: list[str] = []

    def answer(dialog: Any) -> None:
        asked.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", answer)
    page.evaluate("document.body.click()")  # a page must have been used before it may ask
    with page.expect_event("dialog"):
        page.close(run_before_unload=True)
    assert asked == ["beforeunload"]
    page.remove_listener("dialog", answer)
    page.close()  # the page stayed (the question was dismissed): closed now, without asking again


def test_a_request_waiting_for_a_busy_server_shows_its_place_then_its_progress(
    browser: Any,
    one_worker: str,  # noqa: F811
    tmp_path: Path,
) -> None:
    import httpx2 as httpx

    context = browser.new_context(viewport=WIDE, locale="en-GB", accept_downloads=True, bypass_csp=True)
    try:
        page = context.new_page()
        page.set_default_timeout(120_000)
        page.goto(one_worker)
        page.wait_for_selector("#slides .slide")
        settled(page)
        template = heavy_template()
        with httpx.Client(base_url=one_worker, timeout=300) as c, ThreadPoolExecutor(2) as others:
            # Two other people's heavy work: the one worker is busy with the first, the second waits.
            busy = [
                others.submit(c.post, "/api/deck", data=FORM, files={"template": ("heavy.pptx", template)})
                for _ in range(2)
            ]
            while c.get("/api/queue").json()["waiting"] < 1 and not all(b.done() for b in busy):
                time.sleep(0.05)
            with page.expect_download(timeout=240_000) as download:
                page.get_by_role("button", name="Download session plan").click()
                page.wait_for_function("() => document.querySelector('#work-label').textContent.startsWith('Waiting:')")
                label = page.locator("#work label").inner_text()
                assert label in ("Waiting: 1 ahead of you", "Waiting: you are next"), label
                assert "server is busy" in page.locator("#work-time").inner_text()
                shoot(page, "work-waiting")
                waiting_axe = axe_violations(page)
                page.wait_for_function(
                    "() => document.querySelector('#work-label').textContent === 'Making the session plan'"
                    " || document.querySelector('#work').hidden"
                )
                assert [b.result().status_code for b in busy] == [200, 200]
        assert download.value.suggested_filename.endswith("session plan.docx")
        page.locator("#work").wait_for(state="hidden")
        assert waiting_axe == []
    finally:
        context.close()

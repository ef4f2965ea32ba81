"""The page in a real browser (headless Chromium through Playwright): choose,
see the slides, download; problems next to their fields; keyboard; a phone.

Screenshots go to tests/screenshots/ (not kept in git). Without Chromium
these tests skip, unless DNADECK_REQUIRE_BROWSER=1 (as in CI) makes them fail.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, need
from pptx import Presentation
from test_web_api import LOGO, live_server, titles  # noqa: F401  (live_server is a fixture)

import dnadeck

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("DNADECK_CHROMIUM", "/usr/bin/chromium")
REQUIRE = os.environ.get("DNADECK_REQUIRE_BROWSER") == "1"
ARGS = [
    "--headless",
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
RESILIENCE_STORIES = ["Floristry, perhaps?", "The light on the water", "Just five minutes more"]


def _missing(message: str) -> None:
    if REQUIRE:
        pytest.fail(f"{message}, and DNADECK_REQUIRE_BROWSER=1")
    pytest.skip(message)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).is_file():
        _missing(f"no Chromium at {CHROMIUM} (Debian: apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Playwright for Python is not installed (pip install '.[test]')")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser: Any, live_server: str) -> Iterator[Any]:  # noqa: F811
    """Open the page at a screen size; fail the test on any script error."""
    contexts = []
    errors: list[str] = []

    def opener(viewport: dict[str, int] = WIDE) -> Any:
        context = browser.new_context(viewport=viewport, locale="en-GB", accept_downloads=True)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.set_default_timeout(30_000)
        page.goto(live_server)
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
    assert download.value.suggested_filename == "resilience.pptx"
    deck = tmp_path / "resilience.pptx"
    download.value.save_as(deck)
    prs = Presentation(str(deck))
    shown = titles(prs)
    assert shown[0] == "Resilience: team day"
    assert [t for t in shown if t in RESILIENCE_STORIES] == ["Just five minutes more"]
    assert any(s.shape_type == 13 for s in prs.slides[0].shapes), "the logo is on the title slide"
    assert preview.count() == len(prs.slides), "the preview shows every slide of the deck"
    assert page.locator("#slide-count").inner_text() == f"({len(prs.slides)} slides)"
    status_says(page, "Downloaded resilience.pptx")

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
    status_says(page, "The preview is not up to date: see below. Logo: 'our-logo.png' is not an image")
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
    status_says(page, "‘Touch’ moved to place 2 of 3")


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


@pytest.mark.office
def test_true_preview_shows_the_built_deck(open_page: Any) -> None:
    need("soffice")
    need("pdftoppm")
    page = open_page()
    page.get_by_label("Resilience", exact=True).check()
    settled(page)
    slides = page.locator("#slides > li").count()
    page.get_by_role("button", name="True preview").click()
    page.locator("#pages > li").first.wait_for(timeout=120_000)
    assert page.locator("#pages > li").count() == slides
    assert page.locator("#slides").is_hidden()
    page.get_by_role("button", name="Quick preview").click()
    assert page.locator("#slides").is_visible()

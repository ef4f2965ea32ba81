"""The facilitator's session plan: a Word document that agrees with its deck."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from conftest import ALL_PACKS, REQUIRE_OFFICE, need, pdf_pages, slide_links, slide_text, slide_title
from docx.document import Document as DocumentType
from docx.oxml.ns import qn
from docx.shared import Mm
from lxml import etree
from pptx import Presentation

import dnadeck
from dnadeck import build as lib
from dnadeck.catalogue import stories, wording
from dnadeck.cli import main
from dnadeck.handout import document_bytes, handout_document, overrun, plan_and_numbers
from dnadeck.plan import DeckPlan
from dnadeck.plan.slides import (
    CreditsPlan,
    Question,
    QuestionsPlan,
    QuotePlan,
    SectionPlan,
    StoryInfo,
    StoryPlan,
    TextPlan,
    TitlePlan,
    WarningPlan,
)
from dnadeck.text import Block, Span, block
from dnadeck.write.office import OfficeError

LICENCE = "CC BY-NC-ND"
NUMBERS = re.compile(r"^(\d+)(?:–(\d+))?$")


# -- helpers ----------------------------------------------------------------


def all_paragraphs(doc: DocumentType) -> list[docx.text.paragraph.Paragraph]:
    """Every paragraph: the body's and those inside table cells, in order."""
    out = []
    for item in doc.iter_inner_content():
        if isinstance(item, docx.table.Table):
            out += [p for row in item.rows for cell in row.cells for p in cell.paragraphs]
        else:
            out.append(item)
    return out


def full_text(doc: DocumentType) -> str:
    return "\n".join(p.text for p in all_paragraphs(doc))


def hyperlinks(doc: DocumentType) -> list[str]:
    return [h.address for p in all_paragraphs(doc) for h in p.hyperlinks]


def run_sheet(doc: DocumentType) -> list[tuple[list[int], str]]:
    """The run sheet's rows: the deck's slide numbers and the slide's title."""
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Slide")
    rows = []
    for row in table.rows[1:]:
        found = NUMBERS.match(row.cells[0].text)
        if not found:  # the total
            continue
        first, last = int(found[1]), int(found[2] or found[1])
        rows.append((list(range(first, last + 1)), row.cells[1].paragraphs[0].text))
    return rows


def headings(doc: DocumentType, level: int) -> list[str]:
    return [p.text for p in doc.paragraphs if p.style is not None and p.style.name == f"Heading {level}"]


def pdf_words(pdf: Path, out: Path) -> list[tuple[int, float, float, list[tuple[str, float, float, float, float]]]]:
    """Each page of a PDF as (number, width, height, words with their boxes), read by pdftotext."""
    need("pdftotext")
    subprocess.run(["pdftotext", "-bbox", str(pdf), str(out)], check=True)
    pages = etree.parse(str(out), etree.HTMLParser(encoding="utf-8")).findall(".//page")
    return [
        (
            n,
            float(page.get("width")),
            float(page.get("height")),
            [
                (w.text or "", *(float(w.get(k)) for k in ("xmin", "ymin", "xmax", "ymax")))
                for w in page.findall("word")
            ],
        )
        for n, page in enumerate(pages, 1)
    ]


def without_writer(exc: OfficeError) -> None:
    """Skip (or, with DNADECK_REQUIRE_OFFICE=1, fail) when LibreOffice has no Writer; else re-raise."""
    if "libreoffice-writer" not in str(exc):
        raise exc
    if REQUIRE_OFFICE:
        pytest.fail(f"{exc} and DNADECK_REQUIRE_OFFICE=1")
    pytest.skip(str(exc))


def docx_pdf(path: Path, to_pdf: Callable[[Path], Path]) -> Path:
    """The handout as a PDF through LibreOffice Writer."""
    try:
        return to_pdf(path)
    except OfficeError as exc:
        without_writer(exc)
        raise


# -- fixtures -----------------------------------------------------------------


@pytest.fixture(scope="session")
def handouts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[DeckPlan, Path]]:
    """Every pack's plan and its session plan, written once: id -> (plan, .docx path)."""
    out = tmp_path_factory.mktemp("handouts")
    made = {}
    for pack in ALL_PACKS:
        plan, numbers = plan_and_numbers(dnadeck.load_guide(pack))
        path = out / f"{pack}-handout.docx"
        path.write_bytes(document_bytes(handout_document(plan, numbers)))
        made[pack] = (plan, path)
    return made


def sample_plan() -> DeckPlan:
    """A small plan with every slide kind, made by hand."""
    licence = "Created by example staff © Example Ltd, CC BY-NC-ND."

    def story(n: int, title: str) -> StoryPlan:
        url = f"https://example.org/stories/{n}"
        info = StoryInfo(
            f"s{n}",
            title,
            url,
            f"What {title} is about.",
            (Span(f"Told by teller {n}", bold=True),),
            f"teller {n}",
            n,
            licence,
            False,
        )
        watch = (Span("Watch: ", bold=True), Span(url, link=url, tip=f"Watch {title}"))
        return StoryPlan(
            position=n, title=title, notes=f"Play {title}.", minutes=12, story=info, watch=watch, qr_target=url
        )

    slides = (
        TitlePlan(position=1, title="Sample", notes="Welcome.", minutes=3, details=("Sam Patel",)),
        TextPlan(position=2, title="Points", notes="Talk.\nAsk.", minutes=3, body=(block("One", "bullet"),)),
        QuotePlan(
            position=3, title="In the words of Someone", notes="Read.", minutes=2.5, text="word " * 40, by="Someone"
        ),
        SectionPlan(position=4, title="Stories", notes="On we go.", minutes=1),
        WarningPlan(
            position=5, title="Before we watch", notes="Read it.", minutes=1, body=(block("Take care of yourself."),)
        ),
        story(6, "First story"),
        QuestionsPlan(
            position=7,
            title="Questions for reflection",
            notes="Pairs.",
            minutes=8,
            questions=(Question(1, 2, "What struck you in ‘First story’?", "s6"), Question(2, 4, "And then?", "s6")),
            summary=(Span("Questions 1–2, about ‘First story’."),),
        ),
        story(8, "Second story"),
        CreditsPlan(
            position=9,
            title="Credits",
            notes="Thanks.",
            minutes=2,
            body=(
                Block((Span("Licence: ", bold=True), Span(licence)), "bullet"),
                block("Sources of the quotations", "heading"),
                Block((Span("Someone: "), Span("https://example.org/q", link="https://example.org/q")), "bullet"),
            ),
        ),
    )
    return DeckPlan(
        id="sample",
        title="Sample",
        subtitle="A hand-made plan",
        presenter="Sam Patel",
        organisation=None,
        date=dt.date(2026, 12, 3),
        language="cy-GB",
        footer="Sample",
        continued="{title} (continued)",
        series="DNA of Care",
        template=None,
        slides=slides,
    )


# deck slides for sample_plan(): the first story carries on to a second slide
SAMPLE_NUMBERS = {1: (1,), 2: (2,), 3: (3,), 4: (4,), 5: (5,), 6: (6, 7), 7: (8,), 8: (9,), 9: (10,)}


# -- the document, from a plan made by hand ------------------------------------


def test_run_sheet_numbers_the_slides_as_the_deck_does() -> None:
    doc = handout_document(sample_plan(), SAMPLE_NUMBERS)
    rows = run_sheet(doc)
    assert [numbers for numbers, _ in rows] == [[1], [2], [3], [4], [5], [6, 7], [8], [9], [10]]
    assert rows[5][1] == "First story"
    table = doc.tables[1]
    assert table.rows[6].cells[0].text == "6–7"
    assert table.rows[-1].cells[1].text == "Total" and table.rows[-1].cells[3].text == "44.5"
    # the run sheet's header row repeats on every page
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert [c.text for c in table.rows[0].cells] == ["Slide", "On the slide", "What to say", "Minutes"]


def test_what_to_say_is_the_notes_and_the_clock_runs() -> None:
    doc = handout_document(sample_plan(), SAMPLE_NUMBERS)
    table = doc.tables[1]
    assert [p.text for p in table.rows[2].cells[2].paragraphs] == ["Talk.", "Ask."]
    assert table.rows[6].cells[3].text.split("\n") == ["12", "at 0:11"]
    assert "(slides 6–7)" in full_text(doc) and "Slides 6–7" in full_text(doc)


def test_every_part_is_there_under_real_headings() -> None:
    doc = handout_document(sample_plan(), SAMPLE_NUMBERS)
    assert headings(doc, 1) == [
        "Before the session",
        "Run sheet",
        "The stories",
        "Questions for reflection",
        "Sources and credits",
    ]
    assert {"Preparation checklist", "The trigger warning", "Timings", "First story", "Second story"} <= set(
        headings(doc, 2)
    )
    for name in ("Heading 1", "Heading 2", "Title"):
        assert doc.styles[name].builtin
    assert doc.paragraphs[1].style.name == "Title" and doc.paragraphs[1].text == "Sample"


def test_stories_have_links_qr_codes_with_alt_text_and_the_licence() -> None:
    doc = handout_document(sample_plan(), SAMPLE_NUMBERS)
    links = hyperlinks(doc)
    for n in (6, 8):
        assert links.count(f"https://example.org/stories/{n}") == 2  # in the checklist and under the story
    assert "https://example.org/q" in links
    pictures = doc.inline_shapes
    assert len(pictures) == 2
    for picture in pictures:
        assert picture._inline.docPr.get("descr", "").startswith("QR code")
    text = full_text(doc)
    assert text.count("Created by example staff © Example Ltd, CC BY-NC-ND.") >= 3  # cover, each story, credits
    assert "Take care of yourself." in text


def test_questions_numbered_as_in_the_deck_with_room_to_write() -> None:
    doc = handout_document(sample_plan(), SAMPLE_NUMBERS)
    paragraphs = doc.paragraphs
    questions = [i for i, p in enumerate(paragraphs) if p.style.name == "Question"]
    assert [paragraphs[i].text for i in questions] == ["1.\tWhat struck you in ‘First story’?", "2.\tAnd then?"]
    for i in questions:
        lines = paragraphs[i + 1 : i + 4]
        assert all(p.style.name == "Write Here" and p.text == "\t" for p in lines)
        assert lines[0].paragraph_format.tab_stops[0].leader is not None
    assert "Slide 8 · Questions 1–2, about ‘First story’." in full_text(doc)


def test_page_language_fonts_and_properties() -> None:
    doc = handout_document(sample_plan(), SAMPLE_NUMBERS)
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert min(section.left_margin, section.right_margin, section.top_margin, section.bottom_margin) >= Mm(15)
    lang = doc.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    assert lang.get(qn("w:val")) == "cy-GB"
    assert doc.core_properties.language == "cy-GB"
    assert doc.core_properties.title.startswith("Sample")
    assert doc.styles["Normal"].font.name == "Arial"


def test_a_plan_without_stories_or_questions_leaves_their_parts_out() -> None:
    plan = sample_plan()
    kept = tuple(s for s in plan.slides if s.kind in ("title", "text", "quote"))
    doc = handout_document(dataclasses.replace(plan, slides=kept))
    assert headings(doc, 1) == ["Before the session", "Run sheet"]
    text = full_text(doc)
    assert "Watch every film" not in text and "choose the questions" not in text
    assert [numbers for numbers, _ in run_sheet(doc)] == [[1], [2], [3]]


def test_the_same_plan_gives_the_same_bytes() -> None:
    one = document_bytes(handout_document(sample_plan(), SAMPLE_NUMBERS))
    two = document_bytes(handout_document(sample_plan(), SAMPLE_NUMBERS))
    assert one == two


def test_overrun_says_by_how_much_and_which_slides_are_longest() -> None:
    plan = sample_plan()
    assert overrun(plan, 44.5, SAMPLE_NUMBERS) is None
    message = overrun(plan, 40, SAMPLE_NUMBERS)
    assert message == (
        "the session runs 44.5 minutes, 4.5 over 40; longest: slides 6–7 ‘First story’ (12 min), "
        "slide 9 ‘Second story’ (12 min), slide 8 ‘Questions for reflection’ (8 min)"
    )


# -- every pack: the handout agrees with the deck -------------------------------


@pytest.mark.parametrize("pack", ALL_PACKS)
def test_pack_handout_matches_its_deck(
    pack: str, packs: dict[str, Path], handouts: dict[str, tuple[DeckPlan, Path]]
) -> None:
    plan, path = handouts[pack]
    doc = docx.Document(str(path))
    prs = Presentation(str(packs[pack]))
    slides = list(prs.slides)
    rows = run_sheet(doc)
    # the same slide numbers as the deck, every one once, in order
    assert [n for numbers, _ in rows for n in numbers] == list(range(1, len(slides) + 1))
    for numbers, title in rows:
        assert slide_title(slides[numbers[0] - 1]) == title
        for n in numbers[1:]:  # continuation slides carry the title on
            assert slide_title(slides[n - 1]).startswith(title)
    text = full_text(doc)
    deck_text = "\n".join(slide_text(s) for s in slides)
    # every question of the deck, numbered as in the deck
    for q in plan.questions():
        assert q.text in deck_text
        assert f"{q.number}.\t{q.text}" in text
    # every story link, as a hyperlink
    links = hyperlinks(doc)
    deck_links = {link for s in slides for link in slide_links(s)}
    for story in plan.stories():
        assert story.url in deck_links and story.url in links
        assert story.title in headings(doc, 2)
    assert wording().series.attribution.rstrip(".") in text and LICENCE in text
    assert {"Before the session", "Run sheet", "The stories", "Questions for reflection"} <= set(headings(doc, 1))


def test_a_one_story_cut_mentions_no_other_story(tmp_path: Path) -> None:
    done = lib.write_handout("resilience", tmp_path / "one.docx", stories=["floristry-perhaps"])
    doc = docx.Document(str(done.path))
    text = full_text(doc)
    assert "Floristry, perhaps?" in text
    others = [s.title for s in stories().values() if s.id != "floristry-perhaps"]
    assert [t for t in others if t in text] == []
    deck = Presentation(str(lib.write_deck("resilience", tmp_path / "one.pptx", stories=["floristry-perhaps"]).path))
    assert done.slides == len(deck.slides)
    assert [n for numbers, _ in run_sheet(doc) for n in numbers] == list(range(1, len(deck.slides) + 1))


def test_the_facade_writes_a_handout(tmp_path: Path) -> None:
    guide = dnadeck.load_guide("compassion", presenter="Sam Patel")
    data = dnadeck.handout_bytes(guide)
    assert data == dnadeck.handout_bytes(guide)  # the same bytes each time
    assert data == dnadeck.handout_bytes(dnadeck.plan_deck(guide))
    path = dnadeck.save_handout(guide, tmp_path / "plan.docx")
    assert path.read_bytes() == data
    assert "Sam Patel" in full_text(docx.Document(str(path)))
    assert {"handout_bytes", "save_handout"} <= set(dnadeck.__all__)


# -- the command ---------------------------------------------------------------


def test_handout_command(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "plan.docx"
    result = runner.invoke(main, ["handout", "resilience", "-o", str(out), "--title", "Resilience: team day"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"wrote {out} (for ")
    doc = docx.Document(str(out))
    assert doc.paragraphs[1].text == "Resilience: team day"


def test_minutes_warns_in_one_line_when_the_session_runs_over(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "plan.docx"
    result = runner.invoke(main, ["handout", "resilience", "-o", str(out), "--minutes", "30"])
    assert result.exit_code == 0
    warning = result.stderr.strip().splitlines()
    assert len(warning) == 1 and warning[0].startswith("dnadeck: warning: the session runs ")
    assert " over 30; longest: slide" in warning[0]
    result = runner.invoke(main, ["handout", "resilience", "-o", str(out), "--minutes", "600"])
    assert result.exit_code == 0 and result.stderr == ""


def test_a_bad_choice_is_one_line_and_writes_nothing(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "plan.docx"
    result = runner.invoke(main, ["handout", "resilience", "-o", str(out), "--story", "stya"])
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "did you mean 'stay'" in result.stderr
    assert not out.exists()


def test_an_edited_handout_is_kept_unless_forced(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "plan.docx"
    assert runner.invoke(main, ["handout", "compassion", "-o", str(out)]).exit_code == 0
    assert runner.invoke(main, ["handout", "compassion", "-o", str(out)]).exit_code == 0  # ours, unchanged
    doc = docx.Document(str(out))
    doc.add_paragraph("Room 4B, second floor")  # a facilitator's own note
    doc.save(str(out))
    edited = out.read_bytes()
    result = runner.invoke(main, ["handout", "compassion", "-o", str(out)])
    assert result.exit_code == 1 and "edited in Word?" in result.stderr and "--force" in result.stderr
    assert out.read_bytes() == edited
    assert runner.invoke(main, ["handout", "compassion", "-o", str(out), "--force"]).exit_code == 0
    assert out.read_bytes() != edited


def test_output_names(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["handout", "compassion", "-o", str(tmp_path / "plan.pptx")])
    assert result.exit_code == 1 and "a .docx or .pdf file" in result.stderr
    result = runner.invoke(main, ["handout", "compassion", "-o", f"{tmp_path}/"])
    assert result.exit_code == 0 and (tmp_path / "compassion-handout.docx").is_file()


def test_a_custom_deck_file(tmp_path: Path, examples: list[Path]) -> None:
    ward7 = next(p for p in examples if p.name == "ward7-away-day.yaml")
    done = lib.write_handout(ward7, tmp_path / "ward7.docx")
    doc = docx.Document(str(done.path))
    text = full_text(doc)
    assert "Sam Patel, Practice Educator" in text and "Example NHS Foundation Trust" in text
    assert doc.inline_shapes[0]._inline.docPr.get("descr")  # the trust's logo, with alt text
    assert headings(doc, 2).count("Stay") == 1 and "Touch" not in headings(doc, 2)


# -- the PDF (LibreOffice Writer) ------------------------------------------------


@pytest.mark.parametrize("pack", ["compassionate-leadership", "resilience"])
@pytest.mark.office
def test_handout_pdf_is_a4_with_nothing_cut_off(
    pack: str, handouts: dict[str, tuple[DeckPlan, Path]], to_pdf: Callable[[Path], Path], tmp_path: Path
) -> None:
    plan, path = handouts[pack]
    pdf = docx_pdf(path, to_pdf)
    need("pdfinfo")
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf)], capture_output=True, text=True, check=True)
    sizes = [line for line in info.stdout.splitlines() if re.match(r"Page\s+\d+ size:", line)]
    assert len(sizes) == pdf_pages(pdf) >= 5
    for line in sizes:  # A4: 210 x 297 mm is 595.3 x 841.9 points
        width, height = (float(x) for x in re.findall(r"([\d.]+) x ([\d.]+) pts", line)[0])
        assert abs(width - 595.28) < 1 and abs(height - 841.89) < 1, line
    margin, edge, slack = Mm(20).pt, Mm(8).pt, 1.5  # text inside the side margins; the footer 10 mm up
    seen = []
    for n, width, height, words in pdf_words(pdf, tmp_path / "bbox.html"):
        for text, x0, y0, x1, y1 in words:
            seen.append(text)
            assert margin - slack <= x0 and x1 <= width - margin + slack, f"page {n}: '{text}' crosses a side margin"
            assert edge - slack <= y0 and y1 <= height - edge + slack, f"page {n}: '{text}' is off the page"
    words = " ".join(seen)
    for q in plan.questions():
        assert " ".join(q.text.split()[-3:]) in words  # each question's last words are there
    for story in plan.stories():
        assert story.url in words


@pytest.mark.office
def test_pdf_beside_the_handout(tmp_path: Path) -> None:
    need("soffice")
    try:
        done = lib.write_handout("compassion", tmp_path / "plan.docx", beside=[".pdf"])
    except OfficeError as exc:
        without_writer(exc)
        raise
    assert done.beside == (tmp_path / "plan.pdf",) and done.beside[0].read_bytes().startswith(b"%PDF-")
    # -o naming a PDF writes the .docx beside it
    result = CliRunner().invoke(main, ["handout", "resilience", "-o", str(tmp_path / "other.pdf")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "other.pdf").is_file() and (tmp_path / "other.docx").is_file()


def test_the_examples_make_handouts(examples: list[Path], tmp_path: Path) -> None:
    for example in examples:
        done = lib.write_handout(example, tmp_path / f"{example.stem}.docx")
        assert docx.Document(str(done.path)).paragraphs[1].text

"""Every PDF dnadeck makes is tagged PDF/UA: checked with pdfua (the
machine-checkable part of PDF/UA-1) and by reading the structure tree."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner
from conftest import ALL_PACKS, OnDemand, need
from pdfua import Severity, validate
from pptx import Presentation
from starlette.testclient import TestClient

from dnadeck import handout_bytes, load_guide, plan_deck, save_deck
from dnadeck.cli import main
from dnadeck.model import Guide
from dnadeck.web import create_app
from dnadeck.write.office import to_pdfs
from dnadeck.write.taggedpdf import DECORATIVE_MARK

pytestmark = pytest.mark.office


@dataclass(frozen=True)
class Made:
    """A deck and its session plan, and their PDFs."""

    guide: Guide
    deck: Path
    plan: Path
    deck_pdf: Path
    plan_pdf: Path


def default_template(folder: Path) -> Path:
    """python-pptx's own default template (4:3, Calibri), as a trust might hand one over."""
    path = folder / "plain-template.pptx"
    Presentation().save(str(path))
    return path


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory, warm_converter: str | None) -> OnDemand[str, Made]:
    """Every pack, a one-story cut and a deck on a template, with their session plans, as PDFs
    (made through the warm converter; test_pdfs_made_by_starting_libreoffice_are_the_same_kind
    checks the other path)."""
    need("soffice")
    folder = tmp_path_factory.mktemp("accessible")
    template = default_template(folder)

    def make(name: str) -> Made:
        if name == "one-story":
            guide = load_guide("resilience", stories=["stay"])
        elif name == "on-a-template":
            guide = load_guide("compassion", template=str(template))
        else:
            guide = load_guide(name)
        deck = save_deck(guide, folder / f"{name}.pptx")
        plan = folder / f"{name}-plan.docx"
        plan.write_bytes(handout_bytes(guide))
        return Made(guide, deck, plan, *to_pdfs([deck, plan], folder / "pdf", warm_converter))

    return OnDemand(make)


def problems(pdf: Path) -> list[str]:
    """pdfua's errors and warnings (its info findings too): one line each."""
    report = validate(str(pdf))
    return [
        f"{f.rule_id} {f.location.describe()}: {f.message}"
        for f in report.findings
        if f.severity in (Severity.ERROR, Severity.WARNING, Severity.INFO)
    ]


NAMES = [*ALL_PACKS, "one-story", "on-a-template"]


@pytest.mark.parametrize("name", NAMES)
def test_pdfua_finds_nothing_in_the_deck_and_session_plan(made: dict[str, Made], name: str) -> None:
    assert problems(made[name].deck_pdf) == []
    assert problems(made[name].plan_pdf) == []


@pytest.mark.parametrize("name", NAMES)
def test_title_language_and_pdfua_mark(made: dict[str, Made], name: str) -> None:
    one = made[name]
    plan = plan_deck(one.guide)
    for pdf_path, title in ((one.deck_pdf, plan.title), (one.plan_pdf, None)):
        with pikepdf.open(pdf_path) as pdf:
            assert str(pdf.Root.Lang) == one.guide.language
            assert pdf.Root.MarkInfo.Marked is True
            assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
            shown = str(pdf.docinfo.Title)
            assert shown == title if title else plan.title in shown
            assert b"pdfuaid:part" in pdf.Root.Metadata.read_bytes()


def _elements(node: pikepdf.Object, page: pikepdf.Object | None = None) -> list[tuple[str, pikepdf.Dictionary, int]]:
    """Every structure element under ``node``, in reading order: (type, element, page number)."""
    found: list[tuple[str, pikepdf.Dictionary, int]] = []
    kids = node.get("/K") if isinstance(node, pikepdf.Dictionary) else None
    for kid in kids if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            where = kid.get("/Pg", page)
            found.append((str(kid.S), kid, -1 if where is None else where.objgen[0]))
            found += _elements(kid, where)
    return found


def _page_order(pdf: pikepdf.Pdf) -> dict[int, int]:
    return {page.obj.objgen[0]: i for i, page in enumerate(pdf.pages)}


@pytest.mark.parametrize("name", NAMES)
def test_every_slide_reads_title_first_and_pictures_are_described(made: dict[str, Made], name: str) -> None:
    """The structure tree as a screen reader walks it: on every page the
    heading (the slide's title) comes first; every figure has alternative
    text; the decorative shapes are artifacts, not figures."""
    one = made[name]
    prs = Presentation(str(one.deck))
    with pikepdf.open(one.deck_pdf) as pdf:
        order = _page_order(pdf)
        assert pdf.Root.StructTreeRoot.K[0].S == "/Document" and len(pdf.Root.StructTreeRoot.K) == 1
        first: dict[int, str] = {}
        for kind, element, page in _elements(pdf.Root.StructTreeRoot):
            if kind in ("/Div", "/H", "/Figure", "/Sect", "/Table"):
                first.setdefault(order[page], kind)
            if kind == "/Figure":
                assert str(element.get("/Alt", "")).strip(), f"page {order[page] + 1}: a figure with no alt text"
        assert len(pdf.pages) == len(prs.slides)
        assert [first.get(i) for i in range(len(pdf.pages))] == ["/H"] * len(pdf.pages)
        assert DECORATIVE_MARK.encode() not in Path(one.deck_pdf).read_bytes()
        artifacts = pdf.pages[0].obj.Contents.read_bytes().count(b"/Artifact BMC")
        assert artifacts >= 1  # the title art, at least


PAINTING = {"f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "Do", "Tj", "TJ", "'", '"', "sh", "EI"}


@pytest.mark.parametrize("name", NAMES)
def test_nothing_is_drawn_outside_the_structure(made: dict[str, Made], name: str) -> None:
    """Every mark on every page is tagged content or an artifact (PDF/UA 7.1;
    pdfua checks only text for this)."""
    for path in (made[name].deck_pdf, made[name].plan_pdf):
        with pikepdf.open(path) as pdf:
            for number, page in enumerate(pdf.pages, 1):
                depth, loose = 0, []
                for item in pikepdf.parse_content_stream(page):
                    op = "EI" if isinstance(item, pikepdf.ContentStreamInlineImage) else str(item.operator)
                    depth += {"BDC": 1, "BMC": 1, "EMC": -1}.get(op, 0)
                    if depth == 0 and op in PAINTING:
                        loose.append(op)
                assert loose == [], f"{path.name} page {number}: drawn outside the structure: {loose}"


@pytest.mark.parametrize("name", NAMES)
def test_every_link_is_in_the_structure(made: dict[str, Made], name: str) -> None:
    """PDF/UA 7.18: each link annotation is the object of a /Link element (in
    the paragraph it covers, or beside the QR code), says what it is, and
    pages with links tab in structure order. pdfua checks only the saying."""
    for path in (made[name].deck_pdf, made[name].plan_pdf):
        with pikepdf.open(path) as pdf:
            parents = pikepdf.NumberTree(pdf.Root.StructTreeRoot.ParentTree)
            for number, page in enumerate(pdf.pages, 1):
                links = [a for a in page.obj.get("/Annots", []) if a.Subtype == "/Link"]
                for annot in links:
                    where = f"{path.name} page {number}: link {annot.get('/Contents')}"
                    assert "/StructParent" in annot, where
                    element = parents[int(annot.StructParent)]
                    assert element.S == "/Link", where
                    kids = element.K if isinstance(element.K, pikepdf.Array) else [element.K]
                    objects = [k.Obj.objgen for k in kids if isinstance(k, pikepdf.Dictionary) and "/Obj" in k]
                    assert annot.objgen in objects, where
                    assert str(annot.get("/Contents", "")).strip() not in ("", "Go to document"), where
                if links and path == made[name].deck_pdf:
                    assert page.obj.get("/Tabs") == "/S", f"{path.name} page {number}"


def test_a_screen_reader_reads_the_slides_in_order(made: dict[str, Made]) -> None:
    """The tagged text as poppler reads it from the structure tree: each
    slide's title, then its text in the slide's order; the footer and
    slide numbers (pagination) and decorative shapes are not read."""
    import subprocess

    one = made["resilience"]
    tree = subprocess.run(
        [need("pdfinfo"), "-struct-text", str(one.deck_pdf)], capture_output=True, text=True, check=True
    ).stdout
    texts = [line.strip()[1:-1] for line in tree.splitlines() if line.strip().startswith('"')]
    prs = Presentation(str(one.deck))
    titles = [s.shapes.title.text_frame.text for s in prs.slides]
    assert [t for t in texts if t in titles] == titles  # every title, in slide order
    assert texts[:2] == ["Resilience", "DNA of Care staff stories"]  # the title before the line above it
    footer = next(sh.text_frame.text for sh in prs.slides[1].shapes if sh.name.startswith("Footer"))
    assert footer not in texts and "2" not in texts
    story = texts.index("Floristry, perhaps?")
    told, synopsis, watch, licence = texts[story + 1 : story + 5]
    assert told.startswith("Told by") and watch.startswith("Watch the story: Floristry, perhaps? (https://")
    assert "CC BY-NC-ND" in licence and synopsis
    assert texts[story + 5 : story + 7] == ["", "Scan to watch"]  # the QR code (its alt text is on the figure)


def test_session_plan_headings_are_not_empty(made: dict[str, Made]) -> None:
    """pdfua's empty-heading rule cannot read Writer's PDFs (it stops on an array),
    so the session plan's headings are checked here: each marks text."""

    def marks(node: pikepdf.Object) -> bool:
        kids = node.get("/K") if isinstance(node, pikepdf.Dictionary) else node
        if kids is None:
            return False
        if isinstance(kids, pikepdf.Array):
            return any(marks(k) for k in kids)
        if isinstance(kids, pikepdf.Dictionary):
            return "/MCID" in kids or marks(kids)
        return True  # an MCID

    with pikepdf.open(made["resilience"].plan_pdf) as pdf:
        headings = [(k, e) for k, e, _ in _elements(pdf.Root.StructTreeRoot) if k.startswith("/H")]
        assert len(headings) > 5
        assert all(marks(e) for _, e in headings)


@pytest.mark.cold_office
def test_build_and_handout_pdf_from_the_command_line(tmp_path: Path) -> None:
    need("soffice")
    runner = CliRunner()
    for args in (["build", "resilience", "--story", "stay"], ["handout", "resilience", "--story", "stay"]):
        result = runner.invoke(main, [*args, "--pdf", "-o", str(tmp_path / f"{args[0]}.pdf")])
        assert result.exit_code == 0, result.output
        assert problems(tmp_path / f"{args[0]}.pdf") == []


@pytest.mark.cold_office
def test_the_pages_pdf_download(tmp_path: Path) -> None:
    need("soffice")
    with TestClient(create_app(), base_url="http://localhost:8000") as client:
        response = client.post("/api/pdf", data={"source": "compassion", "title": "Team day"})
    assert response.status_code == 200, response.text
    pdf = tmp_path / "page.pdf"
    pdf.write_bytes(response.content)
    assert problems(pdf) == []
    with pikepdf.open(pdf) as opened:
        assert str(opened.docinfo.Title) == "Team day"


@pytest.mark.cold_office
def test_pdfs_made_by_starting_libreoffice_are_the_same_kind(made: dict[str, Made], tmp_path: Path) -> None:
    """Without a converter each PDF starts LibreOffice: the same options, the same finishing
    as through the warm converter the other tests' PDFs come from."""
    one = made["one-story"]
    pdfs = to_pdfs([one.deck, one.plan], tmp_path)
    for pdf in pdfs:
        assert problems(pdf) == []
        with pikepdf.open(pdf) as opened:
            assert str(opened.Root.Lang) == one.guide.language
            assert opened.Root.StructTreeRoot.K[0].S == "/Document"
    assert DECORATIVE_MARK.encode() not in pdfs[0].read_bytes()

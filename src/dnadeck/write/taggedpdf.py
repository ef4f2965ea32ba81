"""A tagged PDF finished: what LibreOffice's PDF/UA export leaves to do.

LibreOffice 7.4 reads no decorative flag from a .pptx, writes its own
interface language as an Impress PDF's language, draws slide backgrounds
outside the structure tree and leaves link annotations out of it. The copy
sent to LibreOffice marks decorative shapes (``marked_copy``); ``finish_pdf``
puts the rest right with pikepdf.
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pikepdf

# A decorative shape is sent to LibreOffice with this as its description;
# finish_pdf turns the figure it becomes into an artifact.
DECORATIVE_MARK = "dnadeck-decorative-artifact"
PAGINATION = ("ftr", "sldNum", "dt")  # placeholder types of a slide's footer, number and date
NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "adec": "http://schemas.microsoft.com/office/drawing/2017/decorative",
}


def document_language(path: Path) -> str | None:
    """The language a .pptx or .docx declares (``dc:language`` in its core
    properties), or None."""
    try:
        with zipfile.ZipFile(path) as z:
            core = z.read("docProps/core.xml")
    except (OSError, KeyError, zipfile.BadZipFile):
        return None
    from lxml import etree

    found = etree.fromstring(core).find("{http://purl.org/dc/elements/1.1/}language")
    text = (found.text or "").strip() if found is not None else ""
    return text or None


def marked_copy(deck: Path, folder: Path) -> Path:
    """``deck`` as LibreOffice is given it: in a .pptx, each decorative shape
    (PowerPoint's decorative flag) and each slide's footer, date and number
    (pagination, which PDF/UA makes artifacts) described as DECORATIVE_MARK."""
    copy = folder / deck.name
    if deck.suffix.lower() not in (".pptx", ".potx"):
        shutil.copyfile(deck, copy)
        return copy
    from lxml import etree

    out = io.BytesIO()
    with zipfile.ZipFile(deck) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if re.fullmatch(r"ppt/slides/slide\d+\.xml", info.filename):
                root = etree.fromstring(data)
                for props in root.iterfind(".//p:cNvPr", NS):
                    flag = props.find("a:extLst/a:ext/adec:decorative", NS)
                    kind = props.find("../p:nvPr/p:ph", NS)
                    if (flag is not None and flag.get("val", "1") in ("1", "true")) or (
                        kind is not None and kind.get("type") in PAGINATION
                    ):
                        props.set("descr", DECORATIVE_MARK)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            dst.writestr(info, data)
    copy.write_bytes(out.getvalue())
    return copy


def finish_pdf(path: Path, language: str | None) -> None:
    """What LibreOffice's export leaves to do: each figure described as
    DECORATIVE_MARK becomes an artifact (out of the structure tree, its
    content marked /Artifact), so does anything drawn outside the structure,
    and the catalogue's /Lang is the document's language (Impress writes
    its own interface language there)."""
    import pikepdf

    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        tree = pdf.Root.get("/StructTreeRoot")
        if tree is not None:
            gone: dict[tuple[int, int], set[int]] = {}
            _drop_decorative(tree, None, gone)
            for page in pdf.pages:
                mcids = gone.get(page.obj.objgen, set())
                _content_as_artifact(pdf, page, mcids)
                if mcids:
                    _unparent(tree, page, mcids)
            _one_document(pdf, tree)
            for page in pdf.pages:
                _links_in_structure(pdf, tree, page)
        if language:
            pdf.Root.Lang = pikepdf.String(language)
        pdf.save(path)


def _links_in_structure(pdf: pikepdf.Pdf, tree: pikepdf.Object, page: pikepdf.Page) -> None:
    """Impress leaves link annotations out of the structure tree: each goes in
    as a /Link element, in the paragraph whose text it covers (or beside the
    picture it covers, described as the picture is), so a screen reader finds
    it where it is on the slide. The page's tab order follows the structure."""
    import pikepdf

    links = [a for a in page.obj.get("/Annots", []) if a.get("/Subtype") == "/Link" and "/StructParent" not in a]
    key = page.obj.get("/StructParents")
    if not links or key is None or "/ParentTree" not in tree:
        return
    parents = pikepdf.NumberTree(tree.ParentTree)
    owners = parents.get(int(key))
    places = _text_places(page)
    here = page.obj.objgen
    figures = [
        (e, box)
        for e in _walk(tree)
        if e.get("/S") == pikepdf.Name.Figure and "/Pg" in e and e.Pg.objgen == here and (box := _bbox(e)) is not None
    ]
    next_key = max([int(k) for k, _ in parents.items()] + [int(tree.get("/ParentTreeNextKey", 0)) - 1]) + 1
    for annot in links:
        x1, y1, x2, y2 = (float(v) for v in annot.Rect)
        mcid = next((m for m, (x, y) in places if x1 - 1 <= x <= x2 + 1 and y1 - 3 <= y <= y2 + 3), None)
        element = pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.Link, Pg=page.obj)
        element.K = pikepdf.Array([pikepdf.Dictionary(Type=pikepdf.Name.OBJR, Obj=annot, Pg=page.obj)])
        link = pdf.make_indirect(element)
        figure = next((f for f, box in figures if _covers(box, (x1, y1, x2, y2))), None)
        if isinstance(owners, pikepdf.Array) and mcid is not None and mcid < len(owners) and owners[mcid] is not None:
            owner = owners[mcid]
            _add_kid(owner, link, len(_kids(owner)))
        elif figure is not None:
            owner = figure.P
            _add_kid(owner, link, next(i for i, k in enumerate(_kids(owner)) if k.objgen == figure.objgen) + 1)
            if "/Alt" in figure:
                annot.Contents = pikepdf.String(str(figure.Alt))
        else:
            owner = tree.K[0] if isinstance(tree.K, pikepdf.Array) else tree.K
            _add_kid(owner, link, len(_kids(owner)))
        link.P = owner
        annot.StructParent = next_key
        parents[next_key] = link
        next_key += 1
    tree.ParentTreeNextKey = next_key
    page.obj.Tabs = pikepdf.Name.S


def _text_places(page: pikepdf.Page) -> list[tuple[int, tuple[float, float]]]:
    """Where each marked text starts a line: (MCID, (x, y)), from each text object's Td."""
    import pikepdf

    places: list[tuple[int, tuple[float, float]]] = []
    stack: list[int] = []
    for item in pikepdf.parse_content_stream(page):
        operator = "EI" if isinstance(item, pikepdf.ContentStreamInlineImage) else str(item.operator)
        if operator in ("BDC", "BMC"):
            stack.append(_mcid(item.operands) if operator == "BDC" else -1)
        elif operator == "EMC" and stack:
            stack.pop()
        elif operator == "Td" and stack and stack[-1] >= 0:
            places.append((stack[-1], (float(item.operands[0]), float(item.operands[1]))))
    return places


def _bbox(element: pikepdf.Object) -> pikepdf.Object | None:
    """A structure element's /BBox, from its layout attributes."""
    import pikepdf

    attributes = element.get("/A")
    listed = list(attributes) if isinstance(attributes, pikepdf.Array) else [attributes]
    return next((a.BBox for a in listed if isinstance(a, pikepdf.Dictionary) and "/BBox" in a), None)


def _covers(box: pikepdf.Object, rect: tuple[float, float, float, float]) -> bool:
    bx1, by1, bx2, by2 = (float(v) for v in box)
    cx, cy = (rect[0] + rect[2]) / 2, (rect[1] + rect[3]) / 2
    return bx1 <= cx <= bx2 and by1 <= cy <= by2


def _kids(element: pikepdf.Object) -> list[pikepdf.Object]:
    import pikepdf

    kids = element.get("/K")
    return list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]


def _add_kid(element: pikepdf.Object, kid: pikepdf.Object, at: int) -> None:
    import pikepdf

    kids = _kids(element)
    kids.insert(at, kid)
    element.K = pikepdf.Array(kids)


def _walk(node: pikepdf.Object) -> list[pikepdf.Object]:
    """Every structure element under ``node``."""
    import pikepdf

    found = []
    for kid in _kids(node):
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            found += [kid, *_walk(kid)]
    return found


def _one_document(pdf: pikepdf.Pdf, tree: pikepdf.Object) -> None:
    """Impress puts every slide's elements straight under the structure tree's
    root; they go under one /Document element, as Writer does and readers expect."""
    import pikepdf

    kids = tree.get("/K")
    listed = list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
    if len(listed) == 1 and listed[0].get("/S") == pikepdf.Name.Document:
        return
    document = pdf.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.Document, P=tree, K=pikepdf.Array(listed))
    )
    for kid in listed:
        if isinstance(kid, pikepdf.Dictionary):
            kid.P = document
    tree.K = pikepdf.Array([document])


def _drop_decorative(node: pikepdf.Object, page: pikepdf.Object | None, gone: dict[tuple[int, int], set[int]]) -> None:
    """Remove the elements described as DECORATIVE_MARK under ``node``, noting their marked content (page -> MCIDs) in ``gone``."""
    import pikepdf

    kids = node.get("/K")
    if kids is None:
        return
    listed = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
    kept = []
    for kid in listed:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            kid_page = kid.get("/Pg", page)
            if str(kid.get("/Alt", "")) == DECORATIVE_MARK:
                _note_content(kid, kid_page, gone)
                continue
            _drop_decorative(kid, kid_page, gone)
        kept.append(kid)
    if len(kept) != len(listed):
        node.K = pikepdf.Array(kept)


def _note_content(
    element: pikepdf.Dictionary, page: pikepdf.Object | None, gone: dict[tuple[int, int], set[int]]
) -> None:
    """Note every MCID of ``element`` and the elements in it (integers or marked-content references) by page."""
    import pikepdf

    kids = element.get("/K")
    listed = list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
    for kid in listed:
        if isinstance(kid, pikepdf.Dictionary) and "/MCID" in kid:
            where = kid.get("/Pg", page)
            if where is not None:
                gone.setdefault(where.objgen, set()).add(int(kid.MCID))
        elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            _note_content(kid, kid.get("/Pg", page), gone)
        elif not isinstance(kid, pikepdf.Dictionary) and page is not None:
            gone.setdefault(page.objgen, set()).add(int(kid))


# Content-stream operators that start and end a graphics object (PDF 32000-1, 8.2).
_STARTS = {"m", "re", "BT", "Do", "sh"}
_ENDS = {"f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "n", "ET", "Do", "sh"}


def _content_as_artifact(pdf: pikepdf.Pdf, page: pikepdf.Page, mcids: set[int]) -> None:
    """On ``page``, each ``/Figure <</MCID n>> BDC`` with n in ``mcids`` becomes
    ``/Artifact BMC``, and every graphics object outside any marked content
    (LibreOffice paints the slide's background so) is wrapped as an artifact."""
    import pikepdf

    artifact = pikepdf.ContentStreamInstruction([pikepdf.Name.Artifact], pikepdf.Operator("BMC"))
    end = pikepdf.ContentStreamInstruction([], pikepdf.Operator("EMC"))
    instructions: list[pikepdf.ContentStreamInstruction | pikepdf.ContentStreamInlineImage] = []
    depth, wrapping = 0, False
    for item in pikepdf.parse_content_stream(page):
        operator = "EI" if isinstance(item, pikepdf.ContentStreamInlineImage) else str(item.operator)
        if operator == "BDC" and _mcid(item.operands) in mcids:
            instructions.append(artifact)
            depth += 1
            continue
        if operator in ("BDC", "BMC"):
            depth += 1
        elif operator == "EMC":
            depth -= 1
        elif depth == 0 and not wrapping and (operator in _STARTS or operator == "EI"):
            instructions.append(artifact)
            wrapping = True
        instructions.append(item)
        if wrapping and (operator in _ENDS or operator == "EI"):
            instructions.append(end)
            wrapping = False
    page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(instructions))


def _mcid(operands: Any) -> int:
    """The MCID of a BDC instruction's operands, or -1."""
    import pikepdf

    if len(operands) == 2 and isinstance(operands[1], pikepdf.Dictionary):
        return int(operands[1].get("/MCID", -1))
    return -1


def _unparent(tree: pikepdf.Object, page: pikepdf.Page, mcids: set[int]) -> None:
    """The parent tree no longer names a structure element for the artifacts' MCIDs."""
    import pikepdf

    key = page.obj.get("/StructParents")
    parents = tree.get("/ParentTree")
    if key is None or parents is None:
        return
    found = pikepdf.NumberTree(parents).get(int(key))
    if isinstance(found, pikepdf.Array):
        for mcid in mcids:
            if mcid < len(found):
                found[mcid] = pikepdf.Object.parse(b"null")

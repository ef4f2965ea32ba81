"""Every limit is declared once, in dnadeck.limits; the web's derive from the
library's; messages quote the limit that refused the input."""

from __future__ import annotations

import ast
import re
import zipfile
from pathlib import Path

import pytest
from pydantic import TypeAdapter, ValidationError

from dnadeck import limits
from dnadeck.errors import GuideError
from dnadeck.images import ImageProblem, logo
from dnadeck.inputs import FileProblem, check_package
from dnadeck.layout.template import open_template
from dnadeck.limits import size_text
from dnadeck.model import GuideFile
from dnadeck.web.app import LIMITS
from dnadeck.web.form import TEXT_FIELDS

SRC = Path(limits.__file__).parent
LIMIT_NAME = re.compile(r"(^|_)(MAX|MIN|LIMITS?|CAP)(_|$)")
# Whole numbers named like limits that are not limits on what dnadeck reads.
NOT_LIMITS = {
    ("errors.py", "SHOWN_MAX"): "characters of a value quoted in a message",
    ("errors.py", "LINE_MAX"): "characters of a message line",
}
UNIT = re.compile(r"^\s*(MB|MiB|KB|KiB)\s*=|1024\s*\*\s*1024|2\s*\*\*\s*20", re.MULTILINE)


def _whole_number(node: ast.expr) -> bool:
    """A literal whole number, or arithmetic on literals and names (``5 * MB``)."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, int) and not isinstance(node.value, bool)
    if isinstance(node, ast.BinOp):
        parts = (node.left, node.right)
        return all(_whole_number(p) or isinstance(p, ast.Name) for p in parts) and any(map(_whole_number, parts))
    return False


def test_no_limit_is_declared_outside_limits() -> None:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        name = path.relative_to(SRC).as_posix()
        if name == "limits.py":
            continue
        text = path.read_text(encoding="utf-8")
        found += [f"{name}: {m.group().strip()}" for m in UNIT.finditer(text)]
        for node in ast.parse(text).body:
            if isinstance(node, ast.Assign) and _whole_number(node.value):
                found += [
                    f"{name}: {target.id} = {ast.unparse(node.value)}"
                    for target in node.targets
                    if isinstance(target, ast.Name)
                    and LIMIT_NAME.search(target.id)
                    and (name, target.id) not in NOT_LIMITS
                ]
    assert not found, "declare these in dnadeck/limits.py: " + "; ".join(found)


def test_sizes_are_shown_in_binary_units() -> None:
    assert limits.MiB == 2**20 and limits.KiB == 2**10
    assert size_text(5 * limits.MiB) == "5 MB"
    assert size_text(3 * limits.MiB + limits.MiB // 10) == "3.1 MB"
    assert size_text(256 * limits.KiB) == "256 KB"


def test_the_web_accepts_no_more_than_a_build() -> None:
    assert LIMITS == {
        "logo": limits.WEB_LOGO_MAX_BYTES,
        "template": limits.WEB_TEMPLATE_MAX_BYTES,
        "request": limits.WEB_REQUEST_MAX_BYTES,
        "text": limits.WEB_TEXT_MAX,
    }
    assert limits.WEB_TEXT_MAX <= limits.TITLE_MAX
    assert limits.WEB_LOGO_MAX_BYTES <= limits.LOGO_MAX_BYTES
    assert limits.WEB_TEMPLATE_MAX_BYTES <= limits.TEMPLATE_MAX_BYTES
    assert limits.WEB_REQUEST_MAX_BYTES >= limits.WEB_TEMPLATE_MAX_BYTES + limits.WEB_LOGO_MAX_BYTES
    assert limits.TEMPLATE_MAX_PART <= limits.TEMPLATE_MAX_UNPACKED


@pytest.mark.parametrize("field", TEXT_FIELDS)
def test_a_web_text_field_is_as_long_as_the_guide_allows(field: str) -> None:
    adapter = TypeAdapter(GuideFile.model_fields[field].annotation)
    adapter.validate_python("a" * limits.WEB_TEXT_MAX)
    with pytest.raises(ValidationError):
        adapter.validate_python("a" * (limits.WEB_TEXT_MAX + 1))


@pytest.mark.parametrize("field", ["stories", "questions"])
def test_the_web_form_chooses_no_more_than_a_guide_may(field: str) -> None:
    adapter = TypeAdapter(GuideFile.model_fields[field].annotation)
    adapter.validate_python([str(n) for n in range(1, limits.WEB_CHOICES_MAX + 1)])


def test_a_logo_over_the_limit_is_refused_quoting_it(tmp_path: Path) -> None:
    big = tmp_path / "big.png"
    big.write_bytes(b"\0" * (limits.LOGO_MAX_BYTES + 1))
    with pytest.raises(ImageProblem, match=f"at most {size_text(limits.LOGO_MAX_BYTES)}"):
        logo(big)
    at_limit = tmp_path / "at-limit.png"
    at_limit.write_bytes(b"\0" * limits.LOGO_MAX_BYTES)
    with pytest.raises(ImageProblem, match="not an image"):  # read in full, then found not to be a picture
        logo(at_limit)


def test_both_template_readers_refuse_one_part_too_many(tmp_path: Path) -> None:
    many = tmp_path / "many.pptx"
    with zipfile.ZipFile(many, "w") as z:
        for n in range(limits.TEMPLATE_MAX_PARTS + 1):
            z.writestr(f"ppt/media/p{n}.bin", b"")
    with pytest.raises(FileProblem, match=f"at most {limits.TEMPLATE_MAX_PARTS}"):
        check_package(many)
    with pytest.raises(GuideError, match=f"the limit is {limits.TEMPLATE_MAX_PARTS}"):
        open_template(many)


def test_the_page_states_the_web_limits() -> None:
    html = (SRC / "web" / "static" / "index.html").read_text(encoding="utf-8")
    stated = dict(re.findall(r'<span data-limit="(\w+)">([^<]*)</span>', html))
    assert stated == {key: size_text(LIMITS[key]) for key in ("logo", "template")}

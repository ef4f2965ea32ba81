"""The web app's work as a worker runs it: the form written as a custom deck
in the job's folder, built, and nothing of the server's paths in the answer."""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
import pytest
from conftest import DATA, slide_title
from pptx import Presentation

from dnadeck.errors import GuideError
from dnadeck.web import jobs
from dnadeck.web.form import DeckForm, Upload


def test_a_deck_from_the_form_with_its_logo(tmp_path: Path) -> None:
    logo = Upload("logo", "trust logo.png", (DATA / "example-trust-logo.png").read_bytes())
    form = DeckForm("resilience", text={"title": "Team day"}, uploads={"logo": logo})
    name, data = jobs.deck(tmp_path, form)
    assert name == "resilience"
    prs = Presentation(io.BytesIO(data))
    assert slide_title(prs.slides[0]) == "Team day"
    assert (tmp_path / "trust logo.png").read_bytes() == logo.data
    assert (tmp_path / "resilience.yaml").read_text(encoding="utf-8") == form.to_yaml()


def test_a_session_plan_and_a_check(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    name, data = jobs.handout(tmp_path / "a", DeckForm("compassion"))
    assert name == "compassion"
    assert any("Compassion" in p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    (tmp_path / "b").mkdir()
    with pytest.raises(GuideError, match="stya"):
        jobs.checked(tmp_path / "b", DeckForm("compassion", stories=["stya"]))


def test_the_plan_names_no_path_of_the_server(tmp_path: Path) -> None:
    logo = Upload("logo", "logo.png", (DATA / "example-trust-logo.png").read_bytes())
    plan = jobs.plan(tmp_path, DeckForm("resilience", uploads={"logo": logo}))
    text = json.dumps(plan)
    assert str(tmp_path) not in text and "site-packages" not in text and "/src/dnadeck" not in text
    assert plan["source"] == "my-resilience.yaml"
    assert plan["layout"]["slides"] and len(plan["slides"]) <= len(plan["layout"]["slides"])

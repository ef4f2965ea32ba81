"""The deck's writer: the plan's deck as bytes, and a deck changed with python-pptx written back the same."""

from __future__ import annotations

import io

from pptx import Presentation

from dnadeck import deck_bytes, load_guide, plan_deck
from dnadeck.write import WRITERS, Job
from dnadeck.write.pptx import WRITER, presentation_bytes
from dnadeck.write.stamp import recorded_fingerprint


def test_the_writer_makes_the_decks_bytes_and_keeps_what_it_drew() -> None:
    plan = plan_deck(load_guide("resilience"))
    job = Job(plan, ".pptx", "resilience.pptx", WRITERS)
    data = job.bytes(".pptx")
    assert WRITERS[".pptx"] is WRITER and data == deck_bytes(plan)
    assert job.rendered is not None and job.rendered.slides == len(Presentation(io.BytesIO(data)).slides)


def test_a_deck_changed_with_python_pptx_is_written_the_same_each_time_with_its_fingerprint() -> None:
    prs = Presentation(io.BytesIO(deck_bytes(load_guide("compassion"))))
    prs.slides[0].shapes.title.text = "Compassion: team day"
    first = presentation_bytes(prs)
    assert presentation_bytes(prs) == first
    recorded, now = recorded_fingerprint(first)
    assert recorded is not None and recorded == now
    assert Presentation(io.BytesIO(first)).slides[0].shapes.title.text == "Compassion: team day"

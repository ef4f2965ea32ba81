"""Every limit dnadeck sets on what it reads, in one place.

Sizes are bytes, as plain integers, written with ``KiB`` (2**10) and ``MiB``
(2**20). Messages show them with ``size_text`` as "KB" and "MB" in those same
binary units, as file managers on Windows do: a "5 MB" limit is 5 * 2**20
bytes. Lengths are characters; other limits are counts. The web app's limits
derive from the library's, so the page never accepts what a build refuses.
"""

from __future__ import annotations

KiB = 2**10
MiB = 2**20

# -- guide files (source, load) ---------------------------------------------
GUIDE_MAX_BYTES = 2 * MiB  # the biggest pack is about 20 KB
GUIDE_MAX_DEPTH = 20  # a guide nests 5 deep
GUIDE_MAX_VALUES = 100_000  # a guide has a few hundred
GUIDE_MAX_EXTENDS = 20  # guides extending guides: a real chain is two or three long
MAX_PROBLEMS = 100  # problems reported from one file before "N more"

# -- fields of a guide (model) -------------------------------------------------
LINK_MAX = 2000  # characters: longer web addresses do not work in every browser
QR_MAX_BYTES = 2331  # a story's link as its QR code holds it (qr.payload): the most a code holds at level M
TITLE_MAX = 300  # characters: a title longer than this cannot fit a slide
TEXT_MAX = 20_000  # characters: about ten slides of prose
ID_MAX = 100  # characters
ITEMS_MAX = 100  # points or questions on one slide, stories chosen
CHOICES_MAX = 1000  # questions chosen
WORD_MAX = 1000  # characters without a space: longer runs cannot be broken across lines in good time

# -- a whole deck (load) ---------------------------------------------------------
# Enough for any real session (the longest pack has 30 slides and 7,000
# characters) and for the benchmark's 2000 slides (390,000 characters),
# while a build stays well inside the promise of 10 seconds whatever the
# input: 600,000 characters of text that fills its slides (1,000 characters
# of points on each) take about 3 s, where 1.5 million took 7.5 s.
DECK_MAX_SLIDES = 2500
DECK_MAX_CHARS = 600_000  # characters on slides, notes not counted
# A long text is paginated, which costs far more per character than short
# ones (a 20,000-character body takes about 0.3 s): their total is kept lower.
LONG_TEXT = 1_000  # characters after which a text counts as long
DECK_MAX_LONG_CHARS = 200_000  # characters of long texts beyond their first LONG_TEXT

# -- templates (files, layout.template) ------------------------------------------
TEMPLATE_MAX_BYTES = 100 * MiB  # the file: a trust template with its pictures and fonts
TEMPLATE_MAX_UNPACKED = 200 * MiB  # all parts unpacked: what a build holds in memory
TEMPLATE_MAX_PART = 50 * MiB  # one part unpacked
TEMPLATE_MAX_PARTS = 2000  # parts in the package

# -- pictures (images, layout.backdrop) --------------------------------------------
LOGO_MAX_BYTES = 5 * MiB
LOGO_MAX_PIXELS = 16_000_000  # decoded in full: 64 MB as RGBA
LOGO_MAX_PIXELS_JPEG = 50_000_000  # decoded at 1/8 size (draft)
LOGO_MAX_SIDE = 30_000  # pixels
BACKDROP_MAX_PIXELS = 40_000_000  # larger template pictures are not decoded (taken as photographs)

# -- what dnadeck writes (save, write.ooxml) ---------------------------------------
DECK_READ_MAX_BYTES = 300 * MiB  # an existing deck bigger than this unpacked is not one of ours
PROPERTY_MAX_CHARS = 255  # characters in a document property

# -- the web app: the library's limits, or less ----------------------------------------
WEB_LOGO_MAX_BYTES = LOGO_MAX_BYTES
WEB_TEMPLATE_MAX_BYTES = 15 * MiB  # a shared server takes less than a build on one's own computer
WEB_REQUEST_MAX_BYTES = WEB_TEMPLATE_MAX_BYTES + WEB_LOGO_MAX_BYTES  # everything sent with one form
WEB_FIELD_MAX_BYTES = 64 * KiB  # one form field that is not a file
WEB_SETTINGS_MAX_BYTES = 256 * KiB  # a settings file to load into the page is a few hundred bytes
WEB_TEXT_MAX = TITLE_MAX  # characters: the form's text fields are the guide's one-line titles and names
WEB_CHOICES_MAX = ITEMS_MAX  # story or question fields in one form
WEB_SECONDS = 120.0  # seconds for one request's work, waiting for a worker included
WEB_IDLE_SECONDS = 5.0  # seconds to send a request's line and headers, and between requests on one connection
# The fork server's Unix socket sits in a folder it makes in the temporary folder, and a socket's
# path may be at most 107 bytes: under a longer temporary folder than this, each worker starts afresh.
WEB_FORKSERVER_TEMP_MAX_BYTES = 64


def size_text(n: int) -> str:
    """``n`` bytes as a message shows them: "5 MB", "3.2 MB", "256 KB" (binary units)."""
    if n >= MiB:
        value = n / MiB
        return f"{value:.0f} MB" if value.is_integer() else f"{value:.1f} MB"
    return f"{n / KiB:.0f} KB"

"""Languages: Babel's lists, months and date pattern for a guide's language.

The wording file holds English defaults for the words that join lists and
write dates; for a guide in another language Babel (which knows Welsh and
most others) supplies them, unless the guide gives its own. Formatting
itself (``join`` here, ``formatting.long_date``) uses the wording, so a guide
in a language Babel does not know can still give every word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from babel import Locale, UnknownLocaleError

from .model import Guide, Words

_TOKEN = re.compile(r"'([^']*)'|d+|M+|L+|y+")


def same_language(a: str, b: str) -> bool:
    """Whether two BCP 47 tags name the same language (en-GB and en-US do)."""
    return a.split("-")[0].lower() == b.split("-")[0].lower()


def untranslated(guide: Guide, parts: Sequence[str] = ("labels",)) -> str | None:
    """The language of the fixed words (the wording's ``parts``: a deck's slide labels; a
    session plan's labels and headings) where it is not the deck's own: a guide in Welsh
    with the shipped English wording, or a wording file that left some of them in English.
    None when every one of them is in the deck's language."""
    for part in parts:
        words = getattr(guide.wording, part)
        for name in type(words).model_fields:
            if not isinstance(getattr(words, name), str | list):
                continue  # a number (the lines left for answers) is in no language
            language = guide.wording_languages.get(f"{part}.{name}", guide.wording.language)
            if not same_language(language, guide.language):
                return language
    return None


@cache
def babel_words(language: str) -> dict[str, object]:
    """Babel's list patterns, month names and long date pattern for ``language``
    (as Words keys), or nothing when Babel does not know it."""
    try:
        locale = Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return {}
    lists = locale.list_patterns["standard"]
    months = locale.months["format"]["wide"]

    def token(m: re.Match[str]) -> str:
        if m.group(1) is not None:
            return m.group(1)
        return {"d": "{day}", "M": "{month}", "L": "{month}", "y": "{year}"}[m.group(0)[0]]

    return {
        "list_two": lists["2"],
        "list_start": lists["start"],
        "list_middle": lists["middle"],
        "list_end": lists["end"],
        "months": [months[i] for i in range(1, 13)],
        "date": _TOKEN.sub(token, locale.date_formats["long"].pattern),
    }


def join(items: Sequence[str], words: Words) -> str:
    """‘A’, ‘B’ and ‘C’, in the wording's (or Babel's) patterns."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    if len(items) == 2:
        return words.list_two.format(items[0], items[1])
    text = words.list_start.format(items[0], items[1])
    for item in items[2:-1]:
        text = words.list_middle.format(text, item)
    return words.list_end.format(text, items[-1])

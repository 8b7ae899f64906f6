"""Normalising Vietnamese text: one stored form (NFC) and one search form (no marks, lower case)."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")
# Đ/đ is a letter of its own, not a D with a combining mark: NFD leaves it alone.
_STROKED = str.maketrans({"đ": "d", "Đ": "d"})


def clean(value: object) -> str:
    """Composed Unicode, no stray or repeated whitespace; None and blanks become ""."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value))
    return _SPACES.sub(" ", text).strip()


def fold(value: object) -> str:
    """The search form: "Nguyễn Văn Đức" → "nguyen van duc", so typing without accents finds it."""
    decomposed = unicodedata.normalize("NFD", clean(value).translate(_STROKED))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()

"""Name keys for look-up: "Zoë" and "zoe" and "ZOE" find the same patron, by prefix."""

import unicodedata

# Letters that Unicode does not decompose into a base letter and an accent.
_FOLD = str.maketrans({"đ": "d", "ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ı": "i", "þ": "th", "ð": "d"})


def name_key(value: str) -> str:
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.translate(_FOLD).split())

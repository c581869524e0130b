"""Name keys for look-up: "Zoë" and "zoe" and "ZOE" find the same patron, by prefix; so do
"O’Brien", "O'Brien" and "OBrien", and "Smith-Jones" and "Smith Jones"."""

import unicodedata

# Letters that Unicode does not decompose into a base letter and an accent.
_FOLD = str.maketrans({"đ": "d", "ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ı": "i", "þ": "th", "ð": "d"})

# Marks inside a word, however they were typed: dropped ("O’Brien", "St. John").
_INSIDE_A_WORD = {"'", "’", "‘", "ʼ", "`", "´", "."}


def name_key(value: str) -> str:
    marks_dropped = "".join(ch for ch in value if ch not in _INSIDE_A_WORD)
    decomposed = unicodedata.normalize("NFKD", marks_dropped.casefold()).translate(_FOLD)
    kept = []
    for ch in decomposed:
        if unicodedata.combining(ch):
            continue
        # Other punctuation, symbols and spaces separate words ("Smith-Jones", "Lee/Park").
        kept.append(" " if unicodedata.category(ch)[0] in "PSZC" else ch)
    return " ".join("".join(kept).split())

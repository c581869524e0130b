"""The principles of a version as plain text, so that the Director edits a new version in one
text box rather than in a form per sentence:

    # Customer service principles

    Treat every patron with equal respect and every request with equal importance.
    Why: Patrons trust a library that serves everyone alike.
    Where: Desk log
    Key: equal-respect

A line starting with "# " is a section heading; a block of lines is one principle: its text,
then "Why:" (required: staff must be able to explain it), "Where:" (optional) and "Key:"
(optional: the name checklist items link to, kept when the sentence is reworded). Blank
lines separate principles."""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from policy.models import APPLIES_IN_MAX_LENGTH, KEY_MAX_LENGTH

HEADING = "# "
WHY = "why:"
WHERE = "where:"
KEY = "key:"
KEY_FORMAT = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
LABELS = {WHY: ("rationale", "Why:"), WHERE: ("applies_in", "Where:"), KEY: ("key", "Key:")}


@dataclass
class Draft:
    section: str
    text: str
    rationale: str = ""
    applies_in: str | None = None
    key: str = ""
    line: int = 0


def principles_as_text(principles) -> str:
    blocks, section = [], None
    for principle in principles:
        if principle.section != section:
            section = principle.section
            blocks.append(f"{HEADING}{section}")
        block = [principle.text, f"Why: {principle.rationale}"]
        if principle.applies_in:
            block.append(f"Where: {principle.applies_in}")
        if principle.key:
            block.append(f"Key: {principle.key}")
        blocks.append("\n".join(block))
    return "\n\n".join(blocks) + "\n"


def _short(text: str) -> str:
    return text if len(text) <= 60 else f"{text[:57]}…"


def parse_principles(text: str) -> list[Draft]:
    """The drafts in order; every mistake at once, each naming its line and what to fix."""
    drafts: list[Draft] = []
    errors: list[str] = []
    section, section_line, section_count = None, 0, 0
    current: Draft | None = None
    field = None  # the part of `current` that a line without a prefix continues

    def close_section() -> None:
        if section is not None and section_count == 0:
            errors.append(f"Line {section_line}: the section “{section}” has no principles: add some under it, or remove the heading.")

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        lowered = line.lower()
        if not line:
            current, field = None, None
        elif line.startswith(HEADING.strip()):
            close_section()
            section, section_line, section_count = line.lstrip("#").strip(), number, 0
            current, field = None, None
            if not section:
                errors.append(f"Line {number}: a “#” line is a section heading: write the section's name after it.")
                section = None
        elif lowered.startswith(tuple(LABELS)):
            name, label = next(LABELS[prefix] for prefix in LABELS if lowered.startswith(prefix))
            value = line[len(label):].strip()
            if current is None:
                errors.append(f"Line {number}: “{label}” belongs under a principle: put it right after the principle's text.")
            elif getattr(current, name):
                errors.append(f"Line {number}: “{_short(current.text)}” has two “{label}” lines: keep one.")
            elif not value:
                errors.append(f"Line {number}: “{label}” is empty: write it after the colon.")
            else:
                setattr(current, name, value)
                field = name
        elif current is not None:
            setattr(current, field or "text", f"{getattr(current, field or 'text')} {line}")
        elif section is None:
            errors.append(f"Line {number}: start with a section heading, e.g. “# Teamwork”, before the first principle.")
            current, field = Draft(section="", text=line, line=number), None
        else:
            current, field = Draft(section=section, text=line, line=number), None
            drafts.append(current)
            section_count += 1
    close_section()

    keys: dict[str, Draft] = {}
    for draft in drafts:
        if draft.key:
            if not KEY_FORMAT.fullmatch(draft.key) or len(draft.key) > KEY_MAX_LENGTH:
                errors.append(
                    f"Line {draft.line}: the key of “{_short(draft.text)}” is a short name of lower-case letters, "
                    f"digits and hyphens (at most {KEY_MAX_LENGTH}), e.g. “follow-up”."
                )
            elif draft.key in keys:
                errors.append(
                    f"Line {draft.line}: “{_short(draft.text)}” has the key “{draft.key}” of "
                    f"“{_short(keys[draft.key].text)}”: give each principle its own key."
                )
            keys.setdefault(draft.key, draft)
        if not draft.rationale:
            errors.append(f"Line {draft.line}: “{_short(draft.text)}” has no rationale: add a line starting “Why:” under it.")
        if draft.applies_in and len(draft.applies_in) > APPLIES_IN_MAX_LENGTH:
            errors.append(
                f"Line {draft.line}: where “{_short(draft.text)}” applies is longer than "
                f"{APPLIES_IN_MAX_LENGTH} characters: say it shorter."
            )
    if not drafts and not errors:
        errors.append("There are no principles: a policy needs at least one, under a “# Section” heading.")
    if errors:
        raise ValidationError(errors)
    return drafts

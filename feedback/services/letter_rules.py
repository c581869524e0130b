"""What every letter to a patron must be before it is sent or printed as final, whichever
workflow sends it (a complaint's response, a review's letters, a comment card's reply), and
what a letter says comes after it.

A template's instructions in square brackets ("[What we found, what we have done, and what
happens next.]") are for the person writing, never for the patron; and a template that is only
a frame for the sender's own answer says nothing when sent as it stands. A patron once had
both by e-mail (issue 15)."""

import re
from collections.abc import Iterable

from django.core.exceptions import ValidationError

from feedback.models import ReplyTemplate
from feedback.services.notify import reply_template

# The templates that are only a frame for the sender's own words (an acknowledgment, or a
# decision letter filled with the recorded decision and reasons, is complete as drafted).
ANSWER_KINDS = (ReplyTemplate.Kind.COMPLAINT_RESPONSE, ReplyTemplate.Kind.CARD_REPLY)

# "[...]": a template's instruction to the writer. "{name}": a placeholder nothing filled.
INSTRUCTION = re.compile(r"\[[^\[\]]+\]")
UNFILLED = re.compile(r"\{[a-z_]+\}")


def _lines(text: str) -> str:
    """The text as a reader sees it: spaces at line ends and runs of blank lines do not count."""
    lines = [" ".join(line.split()) for line in text.strip().splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines))


def _as_pattern(template: str) -> re.Pattern:
    """A template as a pattern a letter matches when only its placeholders were filled (with
    anything, by anyone, on any day) and its instructions at most deleted."""
    parts = UNFILLED.split(_lines(INSTRUCTION.sub("", template)))
    return re.compile("[^\n]*".join(re.escape(part) for part in parts))


def unwritten(body: str, *, templates: Iterable[str] = ()) -> str:
    """Why `body` cannot go to the patron yet, in words that say what to write; "" when it
    can. `templates` are the bodies of the answer templates it must not merely repeat."""
    instruction = INSTRUCTION.search(body) or UNFILLED.search(body)
    if instruction:
        return (
            f"Write the part that still says “{instruction.group()}”: replace it with what the patron "
            "should read. A letter does not go out with the template's instructions in it."
        )
    if any(_as_pattern(template).fullmatch(_lines(body)) for template in templates):
        return (
            "This is still the template word for word: write your answer to the patron in it "
            "before it is sent or printed."
        )
    return ""


def require_written(body: str, *, field: str, templates: Iterable[str] = ()) -> None:
    """Refuse a letter that is not written yet: the one rule every send and final print uses."""
    problem = unwritten(body, templates=templates)
    if problem:
        raise ValidationError({field: problem})


def answer_templates(*kinds: str) -> list[str]:
    """The bodies of the library's answer templates among `kinds`, as saved now."""
    return [reply_template(kind).body for kind in kinds if kind in ANSWER_KINDS]


# What comes after a letter, by who sends it and at which step ({next_step} in a template).
# The customer service policy refers a complaint "when necessary ... to the Director" and
# names no step beyond the Director: a letter from the Director, or giving the Director's
# decision, says it is final and offers nothing further.
REFER_TO_DIRECTOR = (
    "If you are not satisfied with this response, you may ask for it to be referred to the Library Director."
)
DIRECTORS_RESPONSE = (
    "This response is from the Library Director, and it is the library's final answer to your complaint."
)
DIRECTORS_DECISION = (
    "This response gives the Library Director's decision, which is the library's final answer to your complaint."
)
APPEAL_TO_DIRECTOR = (
    "If you disagree with this decision, you may appeal to the Library Director in writing by {appeal_by}."
)
ASK_DIRECTOR_AGAIN = (
    "This decision was made by the Library Director. If you disagree with it, you may ask us in writing, by "
    "{appeal_by}, to reconsider it, saying why; the decision on that request will be final."
)

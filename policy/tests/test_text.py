"""The principles as text, as the Director edits them for a new version."""

import pytest
from django.core.exceptions import ValidationError

from policy.text import parse_principles, principles_as_text


def messages(text: str) -> list[str]:
    with pytest.raises(ValidationError) as error:
        parse_principles(text)
    return error.value.messages


def test_the_installed_policy_reads_back_as_it_was(current):
    principles = list(current.principles.order_by("position"))
    drafts = parse_principles(principles_as_text(principles))
    assert [(d.section, d.text, d.rationale, d.applies_in) for d in drafts] == [
        (p.section, p.text, p.rationale, p.applies_in) for p in principles
    ]


def test_headings_rationales_and_where_it_applies():
    drafts = parse_principles(
        "# Teamwork\n\nBe flexible.\nWhy: Needs change.\nWhere: Desk opening\n\nBe punctual.\nwhy: Colleagues wait.\n"
        "# Phone\nAnswer promptly.\nWhy: Callers wait.\n"
    )
    assert [(d.section, d.text, d.rationale, d.applies_in) for d in drafts] == [
        ("Teamwork", "Be flexible.", "Needs change.", "Desk opening"),
        ("Teamwork", "Be punctual.", "Colleagues wait.", None),
        ("Phone", "Answer promptly.", "Callers wait.", None),
    ]


def test_a_line_break_inside_a_principle_or_a_rationale_continues_it():
    (draft,) = parse_principles("# Teamwork\nBe mutually\nsupportive.\nWhy: A team\nhelps.\n")
    assert (draft.text, draft.rationale) == ("Be mutually supportive.", "A team helps.")


def test_a_principle_without_a_rationale_is_refused_with_its_line():
    assert messages("# Teamwork\n\nBe flexible.\n") == [
        "Line 3: “Be flexible.” has no rationale: add a line starting “Why:” under it."
    ]


def test_a_principle_before_any_heading_is_refused():
    assert messages("Be flexible.\nWhy: Needs change.\n") == [
        "Line 1: start with a section heading, e.g. “# Teamwork”, before the first principle."
    ]


def test_an_empty_section_and_a_stray_why_are_refused_together():
    errors = messages("# Empty\n# Teamwork\nWhy: nothing above\n\nBe flexible.\nWhy: Needs change.\nWhy: twice\n")
    assert errors == [
        "Line 1: the section “Empty” has no principles: add some under it, or remove the heading.",
        "Line 3: “Why:” belongs under a principle: put it right after the principle's text.",
        "Line 7: “Be flexible.” has two “Why:” lines: keep one.",
    ]


def test_no_principles_at_all_is_refused():
    assert messages("   \n") == ["There are no principles: a policy needs at least one, under a “# Section” heading."]


def test_where_it_applies_is_kept_short():
    assert "say it shorter" in messages(f"# T\nBe flexible.\nWhy: x\nWhere: {'a' * 201}\n")[0]

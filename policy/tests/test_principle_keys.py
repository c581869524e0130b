"""Principles keep a key across versions, so that checklist items stay linked to them
however a sentence is reworded."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from policy.models import ChecklistItem
from policy.services import policy_publish
from policy.text import parse_principles, principles_as_text


def test_every_shipped_checklist_item_names_a_principle_of_the_shipped_policy(current):
    keys = set(current.principles.exclude(key="").values_list("key", flat=True))
    assert set(ChecklistItem.objects.values_list("principle_key", flat=True)) <= keys
    assert current.principles.get(key="follow-up").text == "Ask follow-up questions to make sure their needs have been met."


def test_keys_travel_in_the_text_and_survive_a_reworded_sentence(policy, current, director):
    text = principles_as_text(current.principles.order_by("position"))
    assert "Key: follow-up" in text
    text = text.replace(
        "Ask follow-up questions to make sure their needs have been met.",
        "Ask a follow-up question to make sure the patron's need was met.",
    )
    version = policy_publish(
        policy=policy,
        by=director,
        based_on=1,
        effective_on=timezone.localdate(),
        body=current.body,
        rationale=current.rationale,
        principles=text,
        changes="Follow-up reworded.",
    )
    assert version.principles.get(key="follow-up").text.startswith("Ask a follow-up question")


@pytest.mark.parametrize(
    "text, message",
    [
        ("# S\nBe kind.\nWhy: x\nKey: Be Kind\n", "lower-case letters, digits and hyphens"),
        ("# S\nBe kind.\nWhy: x\nKey: kind\n\nBe nice.\nWhy: y\nKey: kind\n", "give each principle its own key"),
        ("# S\nBe kind.\nWhy: x\nKey: kind\nKey: nice\n", "has two “Key:” lines"),
    ],
)
def test_a_bad_key_says_what_to_fix(text, message):
    with pytest.raises(ValidationError) as error:
        parse_principles(text)
    assert any(message in text for text in error.value.messages)


def test_a_key_is_optional():
    assert parse_principles("# S\nBe kind.\nWhy: x\n")[0].key == ""

"""The data migration loads the shipped Customer Service Policy: every sentence of it a
principle in its section. The expected counts are read from the text itself, here, with a
simpler reading than the migration's."""

import re
from collections import Counter
from importlib import import_module
from pathlib import Path

from django.apps import apps
from django.conf import settings

from policy.models import Principle

SOURCE = Path(settings.BASE_DIR) / "policy" / "default" / "customer-service-policy.txt"
# A sentence ends at . ! or ? (perhaps inside a closing quote) before a capital, an opening
# quote or the end of the bullet; not after "e.g".
SENTENCE_END = re.compile(r"(?<!e\.g)[.!?]”?(?=\s+[A-Z“]|\s*$)")
migration = import_module("policy.migrations.0002_load_customer_service_policy")


def sentences_per_section() -> Counter:
    counts, section = Counter(), None
    for line in SOURCE.read_text(encoding="utf-8").splitlines():
        text = line.strip().removeprefix("•").strip()
        if not re.search(r"[.!?]”?$", text):
            section = text or section  # a heading: no sentence ends on it
        elif line.strip().startswith("•"):
            counts[section] += len(SENTENCE_END.findall(text))
    return counts


def test_the_shipped_text_is_the_one_in_the_shared_folder():
    assert SOURCE.read_text(encoding="utf-8").startswith("Customer Service Policy\n")


def test_every_sentence_of_the_policy_is_a_principle_in_its_section(current):
    loaded = Counter(current.principles.values_list("section", flat=True))
    assert loaded == sentences_per_section()
    assert loaded == {
        "Customer service principles": 8,
        "Ethics/confidentiality guidelines": 4,
        "Positive operating procedures": 33,
        "Teamwork": 12,
    }


def test_sections_keep_the_order_of_the_text(current):
    sections = list(dict.fromkeys(current.principles.order_by("position").values_list("section", flat=True)))
    assert sections == [
        "Customer service principles",
        "Ethics/confidentiality guidelines",
        "Positive operating procedures",
        "Teamwork",
    ]


def test_a_bullet_of_two_sentences_is_two_principles(current):
    texts = list(current.principles.order_by("position").values_list("text", flat=True))
    first = texts.index("Do not offer personal opinions or advice; refer patrons to authoritative sources instead.")
    assert texts[first + 1] == "Use common sense and diplomacy in discussion of Board decisions and library policies."
    assert "Find ways to say “yes.”" in texts
    assert "Avoid saying “I don’t know;” use “I can find out!”" in texts


def test_the_heading_inside_the_ethics_list_is_not_a_principle(current):
    assert not current.principles.filter(text__icontains="Positive operating procedures").exists()
    assert current.principles.filter(section="Positive operating procedures").order_by("position").first().text == (
        "Smile to greet approaching patrons."
    )


def test_the_introduction_and_the_closing_line_are_not_principles(current):
    assert current.body.startswith("The Library’s mission requires excellent customer service.")
    assert "All other library policies should be interpreted in light of the principles outlined below." in current.body
    assert current.closing == "Our patrons are not an interruption of our work, they are our work."
    assert not Principle.objects.filter(text__icontains="not an interruption").exists()
    assert not Principle.objects.filter(text__icontains="mission requires").exists()
    assert not Principle.objects.filter(text__icontains="Last Updated").exists()


def test_every_principle_has_a_one_sentence_rationale(current):
    for principle in current.principles.all():
        assert principle.rationale.strip(), principle.text
        assert principle.rationale != principle.text


def test_where_it_applies_is_given_where_the_app_asks_for_it(current):
    invited = current.principles.get(text="Invite patrons to return for additional assistance.")
    assert invited.applies_in == "Desk form: invited to return"
    assert current.principles.get(text="Smile to greet approaching patrons.").applies_in is None


def test_the_installed_version_is_in_effect_and_published_by_no_one(current):
    assert current.number == 1
    assert current.published_by is None
    assert current.rationale


def test_e_g_does_not_end_a_sentence():
    assert migration.sentences("Say where, e.g. Desk form. Then Go on.") == ["Say where, e.g. Desk form.", "Then Go on."]


def test_loading_again_changes_nothing(current):
    before = Principle.objects.count()
    migration.load_policy(apps, None)
    assert Principle.objects.count() == before

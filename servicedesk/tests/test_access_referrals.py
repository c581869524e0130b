"""Every scope and predicate of staff/access/referrals.py, on its own, for each standing
persona, and the interaction rule it adds (roles.md: "ones they logged, or that were referred
to them"). A question `desk` referred from Main to `desk2`; one `eastdesk` referred at
Eastside to `desk`; a department kept by Main."""

import pytest

from desk.models import Expert, Referral
from desk.tests.factories_referrals import ExpertFactory, PlaceFactory, ReferralFactory
from interactions.models import Interaction
from interactions.tests.factories import InteractionFactory
from staff import access

PERSONAS = ["desk", "desk2", "eastdesk", "supervisor", "director", "itadmin"]


def row(desk, desk2, eastdesk, supervisor, director, itadmin):
    return dict(zip(PERSONAS, [desk, desk2, eastdesk, supervisor, director, itadmin]))


@pytest.fixture
def records(desk, desk2, eastdesk, reference_desk, east_desk, main_branch):
    to_desk2 = ExpertFactory(user=desk2, subjects=["Technology"])
    to_desk = ExpertFactory(user=desk, subjects=["Genealogy"])
    east_question = InteractionFactory(service_point=east_desk, staff=eastdesk, note="census")
    return {
        "main": ReferralFactory(service_point=reference_desk, referred_by=desk, referred_to=to_desk2),
        "east": ReferralFactory(service_point=east_desk, referred_by=eastdesk, referred_to=to_desk, interaction=east_question),
        "east_interaction": east_question,
        "desk2_entry": to_desk2,
        "department": PlaceFactory(branch=main_branch),
    }


def _in(model, scope, record) -> bool:
    return model.objects.filter(scope, pk=record.pk).exists()


def _check(request, persona, records, question, expected):
    user = request.getfixturevalue(persona)
    assert question(user, records) == expected[persona], f"{persona}: roles.md says {expected[persona]}"


CASES = {
    # Main's referral, desk -> desk2: (in scope, may see it, may answer it, may pass it on)
    "main_referral": (
        lambda u, r: (
            _in(Referral, access.referral_scope(u), r["main"]),
            access.may_see_referral(u, r["main"]),
            access.may_answer_referral(u, r["main"]),
            access.may_pass_on_referral(u, r["main"]),
        ),
        row(
            desk=(True, True, False, False),
            desk2=(True, True, True, True),
            eastdesk=(False, False, False, False),
            supervisor=(True, True, False, True),
            director=(True, True, False, True),
            itadmin=(False, False, False, False),
        ),
    ),
    # Eastside's referral, eastdesk -> desk: Main's supervisor does not oversee it.
    "east_referral": (
        lambda u, r: (
            _in(Referral, access.referral_scope(u), r["east"]),
            access.may_see_referral(u, r["east"]),
            access.may_answer_referral(u, r["east"]),
            access.may_pass_on_referral(u, r["east"]),
        ),
        row(
            desk=(True, True, True, True),
            desk2=(False, False, False, False),
            eastdesk=(True, True, False, False),
            supervisor=(False, False, False, False),
            director=(True, True, False, True),
            itadmin=(False, False, False, False),
        ),
    ),
    # Reminded of Main's referral when it waits too long: Main's supervisor and the Director.
    "reminder": (
        lambda u, r: (_in(Referral, access.referral_reminder_scope(u), r["main"]), _in(Referral, access.referral_reminder_scope(u), r["east"])),
        row(
            desk=(False, False), desk2=(False, False), eastdesk=(False, False),
            supervisor=(True, False), director=(True, True), itadmin=(False, False),
        ),
    ),
    # The interaction eastdesk logged at Eastside, whose question is referred to desk: desk
    # sees it and reads its patron and note; Main's supervisor does not.
    "referred_interaction": (
        lambda u, r: (
            _in(Interaction, access.interaction_scope(u), r["east_interaction"]),
            access.may_read_interaction_confidential(u, r["east_interaction"]),
            access.was_referred_to(u, r["east_interaction"]),
        ),
        row(
            desk=(True, True, True),
            desk2=(False, False, False),
            eastdesk=(True, True, False),
            supervisor=(False, False, False),
            director=(True, True, False),
            itadmin=(False, False, False),
        ),
    ),
    # The directory: (sees desk2's entry, may edit desk2's entry, may edit Main's department,
    # may add a department, keeps an entry of their own)
    "directory": (
        lambda u, r: (
            _in(Expert, access.directory_scope(u), r["desk2_entry"]),
            access.may_edit_directory_entry(u, r["desk2_entry"]),
            access.may_edit_directory_entry(u, r["department"]),
            access.may_add_directory_place(u),
            access.may_keep_own_entry(u),
        ),
        row(
            desk=(True, False, False, False, True),
            desk2=(True, True, False, False, True),
            eastdesk=(True, False, False, False, True),
            supervisor=(True, False, True, True, True),
            director=(True, False, True, True, True),
            itadmin=(False, False, False, False, False),
        ),
    ),
    "may_refer": (
        lambda u, r: access.may_refer(u),
        row(desk=True, desk2=True, eastdesk=True, supervisor=True, director=True, itadmin=False),
    ),
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("case", sorted(CASES))
def test_each_rule_matches_roles_md(request, case, persona, records):
    question, expected = CASES[case]
    _check(request, persona, records, question, expected)


def test_passing_it_on_moves_who_reads_the_interaction(desk, desk2, records):
    referral = records["east"]
    interaction = records["east_interaction"]
    referral.assigned_to = desk2
    referral.save()
    interaction = Interaction.objects.get(pk=interaction.pk)
    assert access.may_read_interaction_confidential(desk2, interaction)
    assert not access.may_read_interaction_confidential(desk, interaction)
    assert not _in(Interaction, access.interaction_scope(desk), interaction)


def test_an_interaction_without_a_referral_is_not_referred_to_anyone(desk, records, reference_desk, desk2):
    interaction = InteractionFactory(service_point=reference_desk, staff=desk2)
    assert not access.was_referred_to(desk, interaction)

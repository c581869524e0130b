"""The referrals section against a hand-counted fortnight (2 to 15 March 2026, UTC).

| # | referred         | where             | subject       | reminder at     | answered                      |
| 1 | Mon 2 Mar 10:00  | Main, reference   | Genealogy     | 14:00           | 12:30 by phone (on time)      |
| 2 | Mon 2 Mar 11:00  | Main, reference   | Genealogy     | 15:00           | Tue 11:00 by e-mail (late)    |
| 3 | Tue 3 Mar 09:00  | Main, circulation | Local history | 13:00           | open, past its reminder now   |
| 4 | Wed 4 Mar 10:00  | Main, reference   | —             | 14:00           | 10:20 in person (on time)     |
| 5 | Mon 2 Mar 10:00  | Eastside          | Job search    | 14:00           | 16:00 by phone (late)         |
| 6 | Thu 12 Mar 16:00 | Main, circulation | Genealogy     | tomorrow        | open, not yet reminded        |
and one outside the period: Sun 1 Mar 23:00 at Main's reference desk, answered.

Every branch: 6 referred, 4 answered, 2 of them by the reminder time (50%); 2 open, 1 past its
reminder. Time to answer: 20 min, 2 h 30, 6 h, 24 h: the median (percentile_cont, between the
2nd and the 3rd) is 4 h 15 min. Main: 5 referred."""

import datetime

import pytest
from django.utils import timezone

from desk.models import Referral
from desk.tests.factories_referrals import ExpertFactory, ReferralFactory, SubjectFactory
from reports.filters import Filters
from reports.sections import build, sections_for
from reports.tests.conftest import PERIOD
from reports.tests.test_interactions_report import csv_rows, tables_of

Status, By = Referral.Status, Referral.AnsweredBy


def at(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2026, 3, day, hour, minute, tzinfo=datetime.UTC)


@pytest.fixture
def referrals(desk, desk2, eastdesk, reference_desk, circulation_desk, east_desk):
    expert = ExpertFactory(user=desk2)
    genealogy = SubjectFactory(name="Genealogy")
    local, jobs = SubjectFactory(name="Local history"), SubjectFactory(name="Job search")
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    rows = [
        (at(2, 10), reference_desk, genealogy, at(2, 14), at(2, 12, 30), By.PHONE),
        (at(2, 11), reference_desk, genealogy, at(2, 15), at(3, 11), By.EMAIL),
        (at(3, 9), circulation_desk, local, at(3, 13), None, ""),
        (at(4, 10), reference_desk, None, at(4, 14), at(4, 10, 20), By.IN_PERSON),
        (at(2, 10), east_desk, jobs, at(2, 14), at(2, 16), By.PHONE),
        (at(12, 16), circulation_desk, genealogy, tomorrow, None, ""),
        (at(1, 23), reference_desk, genealogy, at(2, 3), at(2, 1), By.PHONE),
    ]
    return [
        ReferralFactory(
            referred_at=referred, service_point=point, subject=subject, remind_at=remind, answered_at=answered,
            answered_by=how, status=Status.ANSWERED if answered else Status.OPEN, referred_to=expert,
            referred_by=eastdesk if point == east_desk else desk, answer="Try the 1920 census." if answered else "",
        )
        for referred, point, subject, remind, answered, how in rows
    ]


def test_every_count_of_the_director(director_client, referrals):
    tables = tables_of(director_client.get("/reports/", PERIOD), "referrals")
    assert tables["_figures"] == {
        "Questions referred": "6",
        "Answered": "4",
        "Answered by the reminder time (of those answered)": "50.0%",
        "Still open": "2",
        "Open past the reminder now": "1",
        "Median time to answer": "4 h 15 min",
    }
    assert tables["by-subject"].rows == [
        ["Genealogy", 3, 1, 1, 1], ["Job search", 1, 0, 1, 0], ["Local history", 1, 0, 0, 1],
        ["No subject given", 1, 1, 0, 0],
    ]
    assert tables["by-subject"].summary == "The most referred subject was Genealogy: 3 of 6 questions."
    assert tables["by-service-point"].rows == [
        ["Eastside — Eastside desk", 1, 0, 1, 0, 0],
        ["Main — Circulation desk", 2, 0, 0, 2, 1],
        ["Main — Reference desk", 3, 2, 1, 0, 0],
    ]
    assert tables["answered-by"].rows == [["In person", 1, 25.0], ["Phone", 2, 50.0], ["E-mail", 1, 25.0]]


def test_a_supervisor_counts_their_branch_only(supervisor_client, referrals):
    tables = tables_of(supervisor_client.get("/reports/", PERIOD), "referrals")
    assert tables["_figures"]["Questions referred"] == "5"
    assert "Job search" not in [row[0] for row in tables["by-subject"].rows]
    assert [row[0] for row in tables["by-service-point"].rows] == ["Circulation desk", "Reference desk"]


def test_desk_staff_count_their_service_points_not_only_their_own_referrals(desk2_client, eastdesk_client, referrals):
    """desk2 referred none of them: the report counts the desks' work, not the person's."""
    assert tables_of(desk2_client.get("/reports/", PERIOD), "referrals")["_figures"]["Questions referred"] == "5"
    assert tables_of(eastdesk_client.get("/reports/", PERIOD), "referrals")["_figures"]["Questions referred"] == "1"


def test_subjects_beyond_the_twelfth_are_one_row(director_client, referrals, desk, reference_desk):
    for n in range(12):
        ReferralFactory(referred_at=at(5, 10), service_point=reference_desk, referred_by=desk,
                        subject=SubjectFactory(name=f"Topic {n:02d}"), referred_to=referrals[0].referred_to)
    rows = tables_of(director_client.get("/reports/", PERIOD), "referrals")["by-subject"].rows
    assert len(rows) == 14
    assert rows[:4] == [
        ["Genealogy", 3, 1, 1, 1], ["Job search", 1, 0, 1, 0], ["Local history", 1, 0, 0, 1], ["Topic 00", 1, 0, 0, 1],
    ]
    assert rows[-2:] == [["3 other subjects", 3, 0, 0, 3], ["No subject given", 1, 1, 0, 0]]


def test_the_by_subject_csv_holds_no_question_patron_or_answer(director_client, referrals):
    response = director_client.get("/reports/referrals/by-subject.csv", PERIOD)
    assert csv_rows(response) == [
        ["Subject", "Referred", "Answered by the reminder time", "Answered after it", "Still open"],
        ["Genealogy", "3", "1", "1", "1"],
        ["Job search", "1", "0", "1", "0"],
        ["Local history", "1", "0", "0", "1"],
        ["No subject given", "1", "1", "0", "0"],
    ]
    content = response.content.decode()
    assert "census" not in content and "Bergström" not in content and "555-0171" not in content


def test_the_page_never_shows_the_question_or_the_patron(director_client, referrals):
    page = director_client.get("/reports/", PERIOD).content.decode()
    assert "census" not in page and "Bergström" not in page and "555-0171" not in page


def test_an_empty_period_says_so(director_client, referrals):
    tables = tables_of(director_client.get("/reports/", {"period": "custom", "start": "2025-01-01", "end": "2025-01-31"}),
                       "referrals")
    assert tables["_figures"]["Median time to answer"] == "—"
    assert tables["by-subject"].summary == "No question was referred in this period."
    assert tables["answered-by"].summary == "No referred question was answered in this period."


def test_the_section_counts_in_a_constant_number_of_queries(director, referrals, desk, reference_desk,
                                                            django_assert_max_num_queries):
    filters = Filters(start=datetime.date(2026, 3, 2), end=datetime.date(2026, 3, 15))
    section = {item.slug: item for item in sections_for(director)}["referrals"]
    build(section, viewer=director, filters=filters)  # the roles' and settings' first reads
    for day in range(5, 12):
        ReferralFactory(referred_at=at(day, 10), service_point=reference_desk, referred_by=desk,
                        subject=SubjectFactory(name=f"Topic {day}"), referred_to=referrals[0].referred_to,
                        remind_at=at(day, 14), status=Status.ANSWERED, answered_at=at(day, 11), answered_by=By.LETTER)
    # Its own four, and the library's settings when their cache was just renewed.
    with django_assert_max_num_queries(5):
        build(section, viewer=director, filters=filters)

"""servicedesk/lib/counts.py: a queue's counts and its pages stop counting at a bound, in one query."""

from django.db.models import Q

from feedback.models import Complaint
from feedback.tests.factories import ComplaintFactory
from servicedesk.lib.counts import AtLeast, BoundedPaginator, bounded_counts


def test_counts_up_to_the_bound_and_says_so_beyond_it(db, django_assert_num_queries):
    ComplaintFactory.create_batch(4)
    ComplaintFactory(status=Complaint.Status.CLOSED)
    with django_assert_num_queries(1):
        counts = bounded_counts(
            Complaint.objects.all(), {"all": Q(), "closed": Q(status=Complaint.Status.CLOSED), "none": Q(pk=0)}, bound=3
        )
    assert counts == {"all": 3, "closed": 1, "none": 0}
    assert isinstance(counts["all"], AtLeast) and str(counts["all"]) == "3+"
    assert str(counts["closed"]) == "1"


def test_the_queue_shows_a_bounded_count_as_more_than(director_client, monkeypatch):
    monkeypatch.setattr(bounded_counts, "__defaults__", (2,))
    ComplaintFactory.create_batch(3)
    response = director_client.get("/complaints/")
    assert "Open: <strong>2+</strong>" in response.content.decode()


def test_the_counting_query_is_built_once_and_still_counts_what_is_there_now(db):
    ComplaintFactory()
    buckets = {"all": Q(), "closed": Q(status=Complaint.Status.CLOSED)}
    assert bounded_counts(Complaint.objects.all(), buckets) == {"all": 1, "closed": 0}
    ComplaintFactory(status=Complaint.Status.CLOSED)
    assert bounded_counts(Complaint.objects.all(), buckets) == {"all": 2, "closed": 1}
    assert bounded_counts(Complaint.objects.filter(status=Complaint.Status.CLOSED), buckets) == {"all": 1, "closed": 1}
    assert bounded_counts(Complaint.objects.all(), {"all": Q(), "closed": Q(status=Complaint.Status.NEW)}) == {"all": 2, "closed": 1}


def test_the_paginator_counts_to_the_bound_or_the_page_asked_for_and_no_further(db, django_assert_num_queries):
    ComplaintFactory.create_batch(5)
    complaints = Complaint.objects.order_by("pk")
    oldest = list(complaints.values_list("pk", flat=True)[:2])

    with django_assert_num_queries(2) as captured:
        first = BoundedPaginator(complaints, 2, bound=3).get_page(1)
        assert [complaint.pk for complaint in first] == oldest
    assert "LIMIT 4" in captured.captured_queries[0]["sql"]
    assert (str(first.paginator.count), str(first.paginator.num_pages)) == ("3+", "2+")
    assert first.has_next() and not first.has_previous()

    second = BoundedPaginator(complaints, 2, bound=3).get_page("2")
    assert (str(second.paginator.count), str(second.paginator.num_pages), second.has_next()) == ("4+", "3+", True)

    last = BoundedPaginator(complaints, 2, bound=3).get_page(3)
    assert (last.paginator.count, last.paginator.num_pages, last.has_next(), len(last)) == (5, 3, False, 1)
    assert BoundedPaginator(complaints, 2, bound=3).get_page(9).number == 3
    assert BoundedPaginator(complaints, 2, bound=3).get_page("x").number == 1

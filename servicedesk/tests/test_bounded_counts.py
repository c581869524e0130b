"""servicedesk/lib/counts.py: a queue's counts stop at a bound, in one query."""

from django.db.models import Q

from feedback.models import Complaint
from feedback.tests.factories import ComplaintFactory
from servicedesk.lib.counts import AtLeast, bounded_counts


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

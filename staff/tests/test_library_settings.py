"""The library's settings are read on many pages and by every deadline: cached for everyone
until they are saved."""

from staff.models import LibrarySettings


def test_read_once_then_from_the_cache(db, django_assert_num_queries):
    LibrarySettings.objects.get_or_create(pk=1)
    LibrarySettings.current()
    with django_assert_num_queries(0):
        assert LibrarySettings.current().complaint_resolve_days == 10


def test_a_saved_change_is_read_at_once(db):
    library = LibrarySettings.current()
    library.complaint_resolve_days = 7
    library.save()
    assert LibrarySettings.current().complaint_resolve_days == 7

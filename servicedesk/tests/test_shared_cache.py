"""servicedesk/lib/shared_cache.py through its first user: the checklists' items, the same
for everyone, are read once and read again after any change to a checklist, item or version."""

from policy.checklists import INTERACTION_CHECKLISTS, checklist_items_edit, items_for
from policy.models import Checklist, ChecklistItem


def test_checklist_items_are_read_once_then_cached(db, django_assert_num_queries):
    items_for(*INTERACTION_CHECKLISTS)
    with django_assert_num_queries(0):
        assert items_for(*INTERACTION_CHECKLISTS)


def test_a_saved_item_is_seen_at_once(db):
    item = items_for(*INTERACTION_CHECKLISTS)[0]
    saved = ChecklistItem.objects.get(pk=item.pk)
    saved.label = "Asked whether that answered the question"
    saved.save()
    assert items_for(*INTERACTION_CHECKLISTS)[0].label == "Asked whether that answered the question"


def test_an_edit_by_the_director_is_seen_at_once(director, db):
    checklist = Checklist.objects.get(key=Checklist.Key.INTERACTION)
    item = items_for(*INTERACTION_CHECKLISTS)[0]
    checklist_items_edit(checklist=checklist, by=director, version=checklist.version, changes={item.pk: {"active": False}})
    assert item.pk not in [each.pk for each in items_for(*INTERACTION_CHECKLISTS)]


def test_the_quick_log_buttons_are_cached_until_a_kind_is_saved(db, django_assert_num_queries):
    from interactions.models import InteractionKind
    from interactions.selectors import quick_log_kinds

    before = quick_log_kinds()
    with django_assert_num_queries(0):
        quick_log_kinds()
    InteractionKind.objects.create(name="Local history", counts_as_reference=True)
    assert [kind.name for kind in quick_log_kinds()] != [kind.name for kind in before]
    assert "Local history" in [kind.name for kind in quick_log_kinds()]

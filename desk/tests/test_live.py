"""The console's live lists: a fragment the console loads, which refreshes itself."""

import re

from django.urls import reverse

LIVE = reverse("desk:live")

# The fragment's queries, whatever the number of records in its lists: the session, the
# user, the roles, the branches, the service point, then one per list: the handover notes,
# the waiting patrons, the callbacks, the referrals; a supervisor's also the referrals
# waiting too long. Each part's test shows its list adds no query per row.
LIVE_QUERIES = 9
LIVE_QUERIES_SUPERVISOR = 10


def test_the_console_loads_the_live_lists(desk_at_reference):
    html = desk_at_reference.get(reverse("interactions:desk")).content.decode()
    assert f'hx-get="{LIVE}" hx-trigger="load"' in html


def test_the_fragment_refreshes_itself_and_is_not_cached(desk_at_reference):
    response = desk_at_reference.get(LIVE, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert 'id="live-desk"' in response.content.decode()
    assert 'hx-trigger="every 15s"' in response.content.decode()
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def test_without_a_service_point_staff_are_sent_to_choose_one(desk_client):
    response = desk_client.get(LIVE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("choose_service_point"))


def test_the_administrator_is_refused(itadmin_client):
    assert itadmin_client.get(LIVE).status_code == 403


def test_the_live_desks_main_actions_have_shortcuts_listed_in_the_help(desk_at_reference):
    """Adding a waiting patron, scheduling a callback, referring a question and leaving a
    handover note each have an Alt+Shift key, and every key of the console and its live lists
    is in the list "?" opens."""
    console = desk_at_reference.get(reverse("interactions:desk")).content.decode()
    live = desk_at_reference.get(LIVE, HTTP_HX_REQUEST="true").content.decode()
    keys = dict(re.findall(r'data-shortcut="(\w)"[^>]*>([^<]+)<', console + live))
    assert {keys.get(key) for key in "fwbn"} == {
        "Refer a question", "Add a waiting patron", "Schedule a callback", "Leave a handover note"
    }
    help_list = console[console.index('id="shortcuts-help"'):]
    for key in keys:
        assert f"<kbd>{key.upper()}</kbd>" in help_list, f"Alt+Shift+{key.upper()} is not in the list of shortcuts"

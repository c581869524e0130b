import re

from django.urls import reverse

from patrons.models import Patron
from patrons.selectors import find_patrons
from patrons.tests.factories import PatronFactory


def edit_url(patron):
    return reverse("patrons:edit", args=[patron.pk])


def opened(client, patron, card=None):
    """The update page with the patron at the desk: their card scanned (desk staff need it)."""
    return client.post(edit_url(patron), {"presented_card": patron.card_number if card is None else card})


def as_posted(response, **changes) -> dict:
    """The edit form as the browser would post it back, with what the user changed."""
    form = response.context["form"]
    data = {name: form[name].value() for name in form.fields}
    data = {name: "" if value is None else value for name, value in data.items()}
    data["birth_date"] = form.instance.birth_date.isoformat() if form.instance.birth_date else ""
    html = response.content.decode()
    data["version"] = re.search(r'name="version" value="(\d+)"', html).group(1)
    proof = re.search(r'name="presence" value="([^"]+)"', html)
    if proof:
        data["presence"] = proof.group(1)
    data.update(changes)
    return data


def test_desk_staff_see_the_current_details_on_the_edit_page(desk_client, zoe):
    response = opened(desk_client, zoe)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Update patron details ·" in html
    for value in ('value="zoe.private@example.org"', 'value="555-010-4242"', "12 Hidden Lane", 'value="30000000000042"'):
        assert value in html
    assert f'name="version" value="{zoe.version}"' in html


def test_desk_staff_update_a_patron(desk_client, zoe):
    form = opened(desk_client, zoe)
    response = desk_client.post(edit_url(zoe), as_posted(form, last_name="Quist-Ødegård", phone="555-010-9999"))
    assert response.status_code == 302
    assert response["Location"] == reverse("patrons:detail", args=[zoe.pk])
    zoe.refresh_from_db()
    assert zoe.last_name == "Quist-Ødegård" and zoe.phone == "555-010-9999"
    assert zoe.version == 2
    assert "Changes saved" in desk_client.get(response["Location"]).content.decode()


def test_the_new_name_is_found_by_look_up(desk_client, desk, zoe):
    form = opened(desk_client, zoe)
    desk_client.post(edit_url(zoe), as_posted(form, first_name="Chloé"))
    assert find_patrons(viewer=desk, query="chloe quist").patrons == [zoe]
    assert find_patrons(viewer=desk, query="zoe quist").patrons == []


def test_two_tabs_the_second_save_is_refused_and_keeps_what_was_typed(desk_client, desk2_client, zoe):
    first_tab = opened(desk_client, zoe)
    second_tab = opened(desk2_client, zoe)
    assert desk_client.post(edit_url(zoe), as_posted(first_tab, phone="555-010-1111")).status_code == 302

    stale = as_posted(second_tab, phone="555-010-2222", address="99 Other Street")
    response = desk2_client.post(edit_url(zoe), stale)
    html = response.content.decode()
    assert response.status_code == 409
    assert "Someone else saved a change to this patron" in html
    assert 'value="555-010-2222"' in html and "99 Other Street" in html  # what they typed
    assert "555-010-1111" in html  # what is saved now
    zoe.refresh_from_db()
    assert zoe.phone == "555-010-1111" and zoe.address.startswith("12 Hidden Lane")
    assert f'name="version" value="{zoe.version}"' in html

    # Saving again from this page is a decision, and then it is saved.
    again = desk2_client.post(edit_url(zoe), {**stale, "version": zoe.version})
    assert again.status_code == 302
    zoe.refresh_from_db()
    assert zoe.phone == "555-010-2222"


def test_a_missing_or_garbled_version_is_a_conflict_not_a_blind_overwrite(desk_client, zoe):
    data = as_posted(opened(desk_client, zoe), phone="555-010-3333", version="x")
    assert desk_client.post(edit_url(zoe), data).status_code == 409
    zoe.refresh_from_db()
    assert zoe.phone == "555-010-4242"


def test_bad_input_says_what_to_fix_and_keeps_the_version_and_what_was_typed(desk_client, zoe):
    data = as_posted(opened(desk_client, zoe), email="not-an-address", first_name="Zoey")
    html = desk_client.post(edit_url(zoe), data).content.decode()
    assert "Type the whole e-mail address" in html
    assert 'value="not-an-address"' in html and 'value="Zoey"' in html
    assert f'name="version" value="{zoe.version}"' in html
    zoe.refresh_from_db()
    assert zoe.first_name == "Zoë"


def test_another_patrons_card_number_is_refused(desk_client, zoe):
    other = PatronFactory(card_number="30000000000099")
    data = as_posted(opened(desk_client, zoe), card_number=other.card_number)
    html = desk_client.post(edit_url(zoe), data).content.decode()
    assert "This card number already belongs to another patron" in html
    assert Patron.objects.get(pk=zoe.pk).card_number == "30000000000042"


def test_the_administrator_is_refused(itadmin_client, zoe):
    assert itadmin_client.get(edit_url(zoe)).status_code == 403
    assert itadmin_client.post(edit_url(zoe), {"first_name": "Hacked", "version": 1}).status_code == 403
    zoe.refresh_from_db()
    assert zoe.first_name == "Zoë"


def test_a_patron_that_does_not_exist_is_404(desk_client, db):
    assert desk_client.get(reverse("patrons:edit", args=[999999])).status_code == 404
    assert desk_client.post(reverse("patrons:edit", args=[999999]), {"version": 1}).status_code == 404

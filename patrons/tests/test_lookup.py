import pytest
from django.test import Client
from django.urls import reverse

from patrons.tests.factories import PatronFactory


def lookup_url():
    return reverse("patrons:lookup")


def search(client, query, **headers):
    return client.post(lookup_url(), {"query": query}, **headers)


def found(response):
    return response.context["matches"].patrons


def test_the_empty_form_is_a_post_form_with_one_focused_box(desk_client):
    response = desk_client.get(lookup_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert 'method="post"' in html
    assert 'hx-post="/patrons/"' in html and 'hx-push-url="false"' in html
    assert 'name="query"' in html and "autofocus" in html
    assert "Card number or name" in html
    assert 'aria-live="polite"' in html


def test_exact_card_number_finds_the_patron_and_only_them(desk_client, zoe):
    PatronFactory(card_number="30000000000420")
    response = search(desk_client, "3000 0000 0000 42")
    assert found(response) == [zoe]
    assert reverse("patrons:detail", args=[zoe.pk]) in response.content.decode()


def test_a_card_number_is_not_matched_by_prefix(desk_client, zoe):
    assert found(search(desk_client, "3000000000004")) == []


def test_name_prefix_is_case_insensitive(desk_client, zoe):
    PatronFactory(first_name="Adam", last_name="Brown")
    assert found(search(desk_client, "qui")) == [zoe]
    assert found(search(desk_client, "QUIST")) == [zoe]


def test_accents_do_not_matter_either_way(desk_client, main_branch):
    accented = PatronFactory(first_name="Zoë", last_name="Adams")
    plain = PatronFactory(first_name="Zoe", last_name="Baker")
    assert found(search(desk_client, "zoe")) == [accented, plain]
    assert found(search(desk_client, "ZOË")) == [accented, plain]


def test_first_and_last_name_in_either_order(desk_client):
    john_smith = PatronFactory(first_name="John", last_name="Smith")
    PatronFactory(first_name="John", last_name="Brown")
    PatronFactory(first_name="Jane", last_name="Smith")
    assert found(search(desk_client, "John Sm")) == [john_smith]
    assert found(search(desk_client, "smith jo")) == [john_smith]


def test_a_comma_means_last_name_then_first(desk_client):
    john_smith = PatronFactory(first_name="John", last_name="Smith")
    PatronFactory(first_name="Smith", last_name="Johnson")
    assert found(search(desk_client, "Smith, John")) == [john_smith]


def test_results_are_ordered_by_last_then_first_name(desk_client):
    c = PatronFactory(first_name="Anna", last_name="Cole")
    b = PatronFactory(first_name="Zack", last_name="Able")
    a = PatronFactory(first_name="Anna", last_name="Able")
    assert found(search(desk_client, "a")) == [a, b, c]


def test_results_show_name_status_and_branch_but_no_contact_details_even_to_the_director(director_client, zoe):
    response = search(director_client, "Zoe")
    html = response.content.decode()
    assert "Quist, Zoë" in html
    assert "Active" in html and "Main" in html
    for secret in ("zoe.private@example.org", "555-010-4242", "Hidden Lane"):
        assert secret not in html


def test_staff_of_any_branch_may_look_patrons_up(eastdesk_client, zoe):
    assert found(search(eastdesk_client, "Quist")) == [zoe]


def test_the_query_never_goes_into_the_url(desk_client, zoe):
    response = search(desk_client, "Quist")
    assert response.request["PATH_INFO"] == "/patrons/"
    assert response.request["QUERY_STRING"] == ""
    # A link with a name in it does not search: GET shows the empty form.
    response = desk_client.get(lookup_url(), {"query": "Quist"})
    assert response.context["matches"] is None
    assert "Quist" not in response.content.decode()


def test_an_empty_query_says_what_to_type(desk_client):
    response = search(desk_client, "   ")
    assert response.status_code == 422
    assert "Nothing to search for yet" in response.content.decode()
    assert "type a card number or the start of a name" in response.content.decode()


def test_punctuation_alone_says_what_to_type_and_keeps_the_text(desk_client):
    response = search(desk_client, "-- !")
    html = response.content.decode()
    assert "no letters or digits to search for" in html
    assert 'value="-- !"' in html


def test_a_too_long_query_says_so_and_keeps_the_text(desk_client):
    typed = "Quist" * 21
    response = search(desk_client, typed)
    html = response.content.decode()
    assert response.status_code == 422
    assert "at most 100 characters" in html
    assert f'value="{typed}"' in html


def test_with_htmx_only_the_results_come_back(desk_client, zoe):
    response = search(desk_client, "Quist", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Quist, Zoë" in html
    assert "<html" not in html and "<form" not in html and "<h1" not in html


def test_with_htmx_a_bad_query_brings_its_message_into_the_results(desk_client):
    response = search(desk_client, "", HTTP_HX_REQUEST="true")
    assert response.status_code == 200  # htmx swaps in 2xx answers only
    assert "Nothing to search for yet" in response.content.decode()
    assert "<form" not in response.content.decode()


def test_no_match_offers_to_register(desk_client):
    html = search(desk_client, "Nobody").content.decode()
    assert "No patron found" in html
    assert reverse("patrons:register") in html


def test_more_than_fifty_asks_to_refine(desk_client, django_assert_max_num_queries):
    PatronFactory.create_batch(51, last_name="Smith")
    # The session, the user, the roles, the search, and the policy banner's acknowledgments
    # (the versions in effect are cached after the first page).
    search(desk_client, "smith")
    with django_assert_max_num_queries(5):
        response = search(desk_client, "smith")
    html = response.content.decode()
    assert len(found(response)) == 50
    assert response.context["matches"].has_more
    assert "More than 50 patrons match" in html and "Refine your search" in html
    assert html.count('<th scope="row"') == 50


def test_fifty_results_need_no_more_queries_than_one(desk_client, django_assert_max_num_queries):
    PatronFactory.create_batch(50, last_name="Smith")
    # The session, the user, the roles, the search, and the policy banner's acknowledgments
    # (the versions in effect are cached after the first page).
    search(desk_client, "smith")
    with django_assert_max_num_queries(5):
        response = search(desk_client, "smith")
    assert len(found(response)) == 50
    assert not response.context["matches"].has_more
    assert "50 patrons found" in response.content.decode()


def test_the_administrator_is_refused(itadmin_client, zoe):
    assert itadmin_client.get(lookup_url()).status_code == 403
    response = search(itadmin_client, "Quist")
    assert response.status_code == 403
    assert "Quist" not in response.content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(db):
    response = Client().post(lookup_url(), {"query": "Quist"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("method", ["put", "delete"])
def test_other_methods_are_not_allowed(desk_client, method):
    assert getattr(desk_client, method)(lookup_url()).status_code == 405


def test_the_box_is_drawn_in_the_bootstrap_markup_with_its_message_tied_to_it(desk_client):
    html = search(desk_client, "  ").content.decode()
    assert '<div class="input-group">' in html
    assert (
        '<input type="text" name="query" value="  " autofocus autocomplete="off" spellcheck="false" '
        'class="textinput form-control is-invalid" required aria-invalid="true" '
        'aria-describedby="id_query_helptext id_query_error" id="id_query">'
    ) in html
    assert '<div id="id_query_error">' in html
    assert '<p id="error_1_id_query" class="text-danger mb-0"><small><strong>Nothing to search for yet:' in html
    assert '<div id="id_query_helptext" class="form-text">A card number' in html
    assert 'class="form-label requiredField">Card number or name<span class="asteriskField">*</span></label>' in html

import pytest
from django.http import Http404

from patrons.selectors import find_patrons, get_patron_for, lookup_terms
from patrons.tests.factories import PatronFactory


def test_digits_with_spaces_are_a_card_number():
    assert lookup_terms(" 3000 0000 0000 42 ").card_number == "30000000000042"


def test_one_word_is_a_first_or_a_last_name_prefix():
    assert set(lookup_terms("Zo").name_pairs) == {("zo", ""), ("", "zo")}


def test_two_words_are_one_name_or_first_and_last_in_either_order():
    assert set(lookup_terms("John Sm").name_pairs) == {
        ("john sm", ""),
        ("", "john sm"),
        ("john", "sm"),
        ("sm", "john"),
    }


def test_a_comma_means_last_then_first():
    assert lookup_terms("Smith, John").name_pairs == (("john", "smith"),)
    assert lookup_terms("Smith,").name_pairs == (("", "smith"),)


def test_names_of_several_words_are_tried_at_every_split():
    pairs = set(lookup_terms("Mary Ann Smith").name_pairs)
    assert ("mary ann", "smith") in pairs and ("mary", "ann smith") in pairs


def test_nothing_but_punctuation_is_nothing_to_search_for():
    assert not lookup_terms("- , !")
    assert not lookup_terms("")


def test_several_word_names_are_found(db):
    mary = PatronFactory(first_name="Mary Ann", last_name="van der Berg")
    PatronFactory(first_name="Mary", last_name="Smith")
    assert find_patrons(viewer=_director(), query="mary ann van").patrons == [mary]
    assert find_patrons(viewer=_director(), query="van der Berg, Mary").patrons == [mary]


def test_a_name_of_several_words_is_found_alone(db):
    mary = PatronFactory(first_name="Mary Ann", last_name="van der Berg")
    assert find_patrons(viewer=_director(), query="van der Berg").patrons == [mary]
    assert find_patrons(viewer=_director(), query="Mary Ann").patrons == [mary]


@pytest.mark.parametrize("typed", ["O'Brien", "O’Brien", "obrien", "O'Brien-Kelly", "OBrien Kelly", "o'brien, siob"])
def test_apostrophes_and_hyphens_find_the_name_however_they_are_typed(db, typed):
    siobhan = PatronFactory(first_name="Siobhán", last_name="O’Brien-Kelly")
    PatronFactory(first_name="Brian", last_name="Kelly")
    assert find_patrons(viewer=_director(), query=typed).patrons == [siobhan]


def test_nobody_without_a_serving_role_finds_or_fetches_a_patron(itadmin, zoe):
    assert find_patrons(viewer=itadmin, query="Zoe").patrons == []
    with pytest.raises(Http404):
        get_patron_for(itadmin, zoe.pk)


def _director():
    from staff import roles
    from staff.tests.factories import UserFactory

    return UserFactory(username="director", roles=[roles.DIRECTOR])

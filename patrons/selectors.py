"""Reads of patrons, each starting from what the viewer may see (staff/access/)."""

import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import CharField, Q, QuerySet, Value
from django.db.models.functions import Concat

from patrons.models import Patron
from patrons.names import name_key
from staff import access
from staff.confidential import get_visible_or_404
from staff.models import AccessRecord

# Look-up shows this many patrons at most; one more is fetched to know there are more.
LOOKUP_LIMIT = 50
LOOKUP_QUERY_MAX_LENGTH = 100


def patrons_visible_to(viewer: User) -> QuerySet[Patron]:
    """Every patron the viewer may look up (staff.access.patron_scope)."""
    return Patron.objects.filter(access.patron_scope(viewer))


def patron_by_card(viewer: User, card_number: str) -> Patron | None:
    """Exact card-number match, as a barcode scanner types it."""
    return patrons_visible_to(viewer).filter(card_number=card_number.strip()).first()


def get_patron_for(viewer: User, pk: int) -> Patron:
    """The patron page's patron, if the viewer may look patrons up; otherwise 404, exactly as
    for one that does not exist, so that scope never reveals existence (roles.md)."""
    return get_visible_or_404(
        viewer, patrons_visible_to(viewer).select_related("home_branch"), pk, branch="home_branch_id", message="No patron here."
    )


@dataclass(frozen=True)
class LookupTerms:
    """A look-up query, understood: a card number, or name prefixes (name keys)."""

    card_number: str = ""
    # Each pair is (first-name prefix, last-name prefix); "" means "any".
    name_pairs: tuple[tuple[str, str], ...] = ()

    def __bool__(self):
        return bool(self.card_number or self.name_pairs)


def lookup_terms(query: str) -> LookupTerms:
    """Read what staff typed in the look-up box.

    All digits (spaces allowed, as printed on the card), or anything in the library's card
    number format: a card number. Otherwise names, as
    people say them: one word is the start of a first or a last name; "John Sm" and
    "Smith John" are first and last name in either order; "Smith, John" is last, first.
    Several words are tried as one name ("van der Berg", "Mary Ann") and at every split.
    Punctuation folds as in names.name_key ("O'Brien" finds "O’Brien"). Nothing to search
    for (empty, only punctuation) gives empty terms.
    """
    compact = "".join(query.split())
    if (compact.isdigit() and compact.isascii()) or re.fullmatch(settings.PATRON_CARD_NUMBER_PATTERN, compact):
        return LookupTerms(card_number=compact)
    if "," in query:
        last, _, first = query.partition(",")
        first_key, last_key = name_key(first), name_key(last)
        if not (first_key or last_key):
            return LookupTerms()
        return LookupTerms(name_pairs=((first_key, last_key),))
    words = name_key(query).split()
    if not words:
        return LookupTerms()
    # The whole of it as one name ("Zo", "van der Berg", "Smith-Jones"), then every split.
    whole = " ".join(words)
    pairs = [(whole, ""), ("", whole)]
    for split in range(1, len(words)):
        head, tail = " ".join(words[:split]), " ".join(words[split:])
        pairs += [(head, tail), (tail, head)]
    return LookupTerms(name_pairs=tuple(dict.fromkeys(pairs)))


def _name_filter(terms: LookupTerms) -> Q:
    match = Q(pk__in=[])
    for first, last in terms.name_pairs:
        pair = Q()
        if first:
            pair &= Q(first_name_key__startswith=first)
        if last:
            pair &= Q(last_name_key__startswith=last)
        match |= pair
    return match


@dataclass(frozen=True)
class PatronMatches:
    patrons: list[Patron]
    has_more: bool


# Sorting by an expression rather than the column keeps PostgreSQL from walking the whole
# last-name index in order and filtering, which it picks for a LIMIT and which reads every
# patron when the prefix is rare or late in the alphabet (74 ms for "nowa" of 100,000 patrons;
# EXPLAIN in benchmarks/RESULTS.md): the two prefix indexes find the matches, which are sorted.
_NOT_BY_INDEX_ORDER = Concat("last_name_key", Value(""), output_field=CharField())


def find_patrons(*, viewer: User, query: str, limit: int = LOOKUP_LIMIT) -> PatronMatches:
    """Patron look-up by card number or name, for everyone who serves patrons (roles.md:
    "patron look-up by card number or name (name, card status)").

    Only what look-up shows is read: name, card status and home branch, never the
    registration details ("All interactions between a patron and the library are
    confidential ... including registration information"). At most `limit` patrons, ordered
    by last then first name; `has_more` says the query should be refined.
    """
    terms = lookup_terms(query[:LOOKUP_QUERY_MAX_LENGTH])
    if not terms:
        return PatronMatches(patrons=[], has_more=False)
    patrons: QuerySet[Patron] = patrons_visible_to(viewer)
    if terms.card_number:
        patrons = patrons.filter(card_number=terms.card_number)
    else:
        patrons = patrons.filter(_name_filter(terms))
    found = list(
        patrons.select_related("home_branch")
        .only("first_name", "last_name", "status", "home_branch__name")
        .order_by(_NOT_BY_INDEX_ORDER, "first_name_key", "pk")[: limit + 1]
    )
    return PatronMatches(patrons=found[:limit], has_more=len(found) > limit)


DETAILS_READS_SHOWN = 20


def details_reads(*, viewer: User, patron: Patron) -> list[AccessRecord]:
    """Who has read this patron's registration details, newest first, as far as the viewer
    may see the access record: "who looked at my record?" """
    return list(
        access.access_records_visible_to(viewer)
        .filter(record_type="patron", record_id=patron.pk, action=AccessRecord.Action.READ_PATRON_DETAILS)
        .select_related("actor")[:DETAILS_READS_SHOWN]
    )

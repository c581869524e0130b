"""Proof that the patron is at the desk (roles.md: desk staff see registration details
"updating with the patron present (their card scanned or typed)").

Scanning or typing the patron's card on the update page is the proof. The form that page
then shows carries a signed proof (which patron, which staff member, when), so that saving
the update needs no second scan; it holds for PRESENT_FOR, and for that patron and that
staff member only. The edit URL alone, bookmarked or reopened, asks for the card again.
"""

import datetime
import hmac

from django.core import signing

# The proof's field on the update form.
FIELD = "presence"
# Long enough to go through the form with the patron, short enough not to outlive the visit.
PRESENT_FOR = datetime.timedelta(minutes=20)
_SALT = "patrons.presence"


def card_number_as_typed(typed: str) -> str:
    """A card number as look-up and registration read it: printed groups ("2000 1234 ...") joined."""
    return "".join(typed.split())


def is_patrons_card(patron, typed: str) -> bool:
    """Whether what was scanned or typed is this patron's card number."""
    return hmac.compare_digest(card_number_as_typed(typed).encode(), patron.card_number.encode())


def presence_proof(*, viewer, patron) -> str:
    """The proof the update form carries once the patron's card has been presented."""
    return signing.dumps({"patron": patron.pk, "by": viewer.pk}, salt=_SALT)


def is_present(*, viewer, patron, proof: str) -> bool:
    """Whether `proof` was made for this patron and this staff member within PRESENT_FOR.
    A forged, altered, expired or borrowed proof is no proof."""
    try:
        made_for = signing.loads(proof, salt=_SALT, max_age=PRESENT_FOR)
    except signing.BadSignature:
        return False
    return made_for == {"patron": patron.pk, "by": viewer.pk}

"""Patrons' part of the demo library (`manage.py seed_demo`): 200 demo patrons whose names
show what look-up must cope with (accents, apostrophes, two-part names), and patrons added in
bulk for benchmarks.

Made from fixed seeds, so that two runs, or two developers' machines, show the same people.
The names and addresses come from the lists below rather than from Faker: Faker is a
development-only requirement, its output changes between its versions, and a million rows
would take it far longer. All e-mail addresses are at example.* domains (RFC 2606), so that
nothing in the demo can write to a real person.
"""

import datetime
import random

from django.db import reset_queries, transaction
from django.db.models import Max

from patrons.models import Patron
from patrons.names import name_key
from staff.demo import DEMO_SEED
from staff.models import Branch

DEMO_PATRONS = 200
# Demo cards are "29" and 12 random digits; cards made for benchmarks are "20" and a sequence.
DEMO_CARD_PREFIX = "29"
BULK_CARD_PREFIX = "20"

# (weight, preferred language and how often they prefer it, first names, last names).
# Accents are there on purpose: look-up finds "Zoë" by "zoe" and "Nguyễn" by "nguyen".
NAME_POOLS = [
    (58, "en", 0, (
        "Olivia", "Liam", "Emma", "Noah", "Ava", "Oliver", "Sophia", "Elijah", "Isabella", "James",
        "Mia", "William", "Charlotte", "Benjamin", "Amelia", "Lucas", "Harper", "Henry", "Evelyn",
        "Theodore", "Abigail", "Jack", "Emily", "Samuel", "Ella", "Owen", "Grace", "Daniel", "Chloe",
        "Matthew", "Zoë", "Renée", "Margaret", "Robert", "Dorothy", "George", "Ruth", "Frank",
        "Aaliyah", "Jamal", "Keisha", "DeShawn", "Siobhán", "Seán", "Niamh",
    ), (
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson",
        "Taylor", "Thomas", "Moore", "Jackson", "Martin", "Thompson", "White", "Harris", "Clark",
        "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Hill", "Green",
        "Adams", "Baker", "O'Brien", "O'Connor", "McAllister", "Brontë", "Smith-Jones", "Washington",
    )),
    (14, "es", 45, (
        "José", "María", "Sofía", "Mateo", "Lucía", "Santiago", "Valentina", "Andrés", "Inés",
        "Jesús", "Camila", "Diego", "Ximena", "Raúl", "Martín", "Ana", "Carlos", "Guadalupe",
    ), (
        "García", "Martínez", "Rodríguez", "López", "Hernández", "González", "Pérez", "Sánchez",
        "Ramírez", "Torres", "Flores", "Núñez", "Peña", "Ibáñez", "Jiménez", "Gómez", "Díaz", "Cruz",
    )),
    (4, "fr", 40, (
        "François", "Chloé", "Hélène", "Théo", "Léa", "Anaïs", "Jérôme", "Élodie", "Noël", "Amélie",
    ), (
        "Lefèvre", "Dubois", "Lemaître", "Girard", "Bélanger", "Côté", "Gagné", "Bouchard", "Roy",
    )),
    (6, "vi", 50, (
        "Thu", "Minh", "Anh", "Linh", "Huy", "Trang", "Quân", "Phương", "Dũng", "Hương",
    ), (
        "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ",
    )),
    (6, "zh", 50, (
        "Wei", "Jing", "Li", "Xiaoming", "Mei", "Hao", "Yan", "Jun", "Ling", "Chen",
    ), (
        "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou",
    )),
    (4, "ar", 50, (
        "Omar", "Fatima", "Youssef", "Layla", "Ahmed", "Nour", "Hassan", "Mariam", "Karim", "Rania",
    ), (
        "Haddad", "Khalil", "Mansour", "Nasser", "Saleh", "Al-Sayed", "Farouk", "Hamdan", "Aziz",
    )),
    (8, "other", 10, (
        "Björn", "Søren", "Jürgen", "Zoë", "Łukasz", "Małgorzata", "Ingrid", "Åsa", "Jiří",
        "Katarzyna", "Mehmet", "Ayşe", "Priya", "Arjun", "Olumide", "Chidi",
    ), (
        "Müller", "Schröder", "Ørsted", "Nowak", "Kowalski", "Dvořák", "Novák", "Andersson",
        "Yılmaz", "Öztürk", "Patel", "Sharma", "Adeyemi", "Okonkwo", "Weiß",
    )),
]

# The first demo patrons, so that the look-up demo works the same on every machine.
ANCHOR_PATRONS = [
    ("Zoë", "Müller", "other"),
    ("José", "García", "es"),
    ("Thu", "Nguyễn", "vi"),
    ("Renée", "Lefèvre", "fr"),
    ("Zoe", "Mueller", "en"),
    ("Siobhán", "O'Brien", "en"),
    ("Jürgen", "Schröder", "other"),
    ("María José", "Peña Núñez", "es"),
]

STREETS = (
    "Maple Street", "Oak Avenue", "Mill Road", "Church Lane", "River Drive", "Elm Street",
    "Station Road", "Park Avenue", "Orchard Way", "Hillcrest Road", "Lakeview Drive", "Cedar Court",
    "Franklin Boulevard", "Market Street", "Willow Lane", "Library Way",
)
TOWNS = ("Springfield 45501", "Springfield 45502", "Springfield 45503", "Eastside 45520", "Riverton 45530")


def _pick_weighted(rng: random.Random, pools):
    return rng.choices(pools, weights=[pool[0] for pool in pools])[0]


def patron_rows(
    rng: random.Random, card_numbers, branches: dict[str, Branch], today: datetime.date
) -> list[Patron]:
    """Unsaved patrons, one for each card number; the first take the anchor names when the
    card numbers are the demo ones. Name keys are set here: bulk_create skips save()."""
    patrons = []
    for index, card_number in enumerate(card_numbers):
        if card_number.startswith(DEMO_CARD_PREFIX) and index < len(ANCHOR_PATRONS):
            first, last, language = ANCHOR_PATRONS[index]
        else:
            _, pool_language, percent_preferring, firsts, lasts = _pick_weighted(rng, NAME_POOLS)
            first, last = rng.choice(firsts), rng.choice(lasts)
            language = pool_language if rng.randrange(100) < percent_preferring or pool_language == "en" else "en"
        registered_days_ago = rng.randint(0, 15 * 365)
        status = rng.choices(
            [Patron.Status.ACTIVE, Patron.Status.EXPIRED, Patron.Status.BLOCKED], weights=[91, 6, 3]
        )[0]
        if status == Patron.Status.EXPIRED:
            registered_days_ago = max(registered_days_ago, 3 * 365 + rng.randint(1, 365))
        age_days = rng.choices([(4, 12), (13, 19), (20, 64), (65, 95)], weights=[15, 10, 55, 20])[0]
        birth_date = (
            today - datetime.timedelta(days=rng.randint(age_days[0] * 365, age_days[1] * 365))
            if rng.random() < 0.9
            else None
        )
        registered_on = today - datetime.timedelta(days=registered_days_ago)
        if birth_date and registered_on < birth_date:  # a child's card is newer than the child
            registered_on = birth_date + datetime.timedelta(days=rng.randint(0, (today - birth_date).days))
        email_name = _ascii(f"{name_key(first)}.{name_key(last)}")
        patrons.append(
            Patron(
                card_number=card_number,
                first_name=first,
                last_name=last,
                first_name_key=name_key(first),
                last_name_key=name_key(last),
                email=f"{email_name}{rng.randint(1, 99)}@example.{rng.choice(['com', 'net', 'org'])}"
                if rng.random() < 0.8
                else "",
                phone=f"555-{rng.randint(200, 999)}-{rng.randint(0, 9999):04d}" if rng.random() < 0.85 else "",
                address=f"{rng.randint(1, 2999)} {rng.choice(STREETS)}\n{rng.choice(TOWNS)}"
                if rng.random() < 0.95
                else "",
                birth_date=birth_date,
                home_branch=branches["main"] if rng.random() < 0.75 else branches["east"],
                registered_on=registered_on,
                status=status,
                preferred_language=language,
            )
        )
    return patrons


# Letters that Unicode does not decompose into a base letter and an accent.
_ASCII_LETTERS = str.maketrans({"đ": "d", "ł": "l", "ø": "o", "æ": "ae", "ı": "i", "ß": "ss"})


def _ascii(value: str) -> str:
    """An e-mail-friendly form of a name key: "nguyễn.đặng" -> "nguyen.dang"."""
    value = value.translate(_ASCII_LETTERS)
    return "".join(ch for ch in value if ch.isascii() and (ch.isalnum() or ch in ".-"))


def demo_card_numbers(rng: random.Random, count: int) -> list[str]:
    numbers: dict[str, None] = {}  # a set that keeps its order
    while len(numbers) < count:
        numbers[f"{DEMO_CARD_PREFIX}{rng.randrange(10**12):012d}"] = None
    return list(numbers)


def demo_patrons():
    """The demo patrons (not those added for benchmarks)."""
    return Patron.objects.filter(card_number__in=demo_card_numbers(random.Random(DEMO_SEED), DEMO_PATRONS))


def ensure_demo_patrons(branches, today: datetime.date) -> int:
    """The 200 demo patrons; only the missing ones are made. How many were added."""
    rng = random.Random(DEMO_SEED)
    card_numbers = demo_card_numbers(rng, DEMO_PATRONS)
    # The whole list is always drawn, so that a missing patron comes back the same.
    patrons = patron_rows(rng, card_numbers, branches, today)
    existing = set(Patron.objects.filter(card_number__in=card_numbers).values_list("card_number", flat=True))
    missing = [patron for patron in patrons if patron.card_number not in existing]
    Patron.objects.bulk_create(missing)
    return len(missing)


def next_bulk_card_number() -> int:
    """The sequence number after the highest benchmark card, so that runs never collide."""
    highest = (
        Patron.objects.filter(card_number__regex=rf"^{BULK_CARD_PREFIX}[0-9]{{12}}$")
        .aggregate(highest=Max("card_number"))["highest"]
    )
    return int(highest[len(BULK_CARD_PREFIX):]) + 1 if highest else 1


def bulk_card_numbers(start: int, count: int) -> list[str]:
    return [f"{BULK_CARD_PREFIX}{number:012d}" for number in range(start, start + count)]


def add_patrons(*, count: int, branches, today: datetime.date, batch_size: int, progress) -> int:
    """`count` more patrons for benchmarks, with card numbers after the highest earlier
    benchmark card; each batch in its own transaction. `progress(done)` after each batch."""
    start = next_bulk_card_number()
    rng = random.Random(f"seed_demo bulk patrons from {start}")
    done = 0
    while done < count:
        size = min(batch_size, count - done)
        patrons = patron_rows(rng, bulk_card_numbers(start + done, size), branches, today)
        with transaction.atomic():
            Patron.objects.bulk_create(patrons)
        reset_queries()  # with DEBUG on, Django keeps every query's SQL: megabytes a batch
        done += size
        progress(done)
    return done

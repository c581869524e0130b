"""What a library's day looks like, for the demo interactions (interactions/demo.py): how busy
each hour, day, desk and branch is, and the mix of kinds, effort, outcomes, channels and notes.
Relative weights, taken from what public libraries report of their desks."""

from interactions.models import Interaction
from staff.models import ServicePoint

Channel = Interaction.Channel
Outcome = Interaction.Outcome
Alternative = Interaction.Alternative

# How busy each opening hour is: a late-morning and a mid-afternoon peak on weekdays, a long
# busy Saturday. Relative weights per hour; Saturday's are higher per hour, as libraries see.
WEEKDAY_HOURS = {9: 55, 10: 85, 11: 125, 12: 110, 13: 90, 14: 105, 15: 130, 16: 120, 17: 95, 18: 75, 19: 50}
SATURDAY_HOURS = {10: 130, 11: 170, 12: 160, 13: 150, 14: 160, 15: 130, 16: 90}
DAY_WEIGHTS = {0: 105, 1: 100, 2: 95, 3: 100, 4: 85, 5: 100}

# Service point kind -> weight. Circulation is the busiest desk.
POINT_WEIGHTS = {
    ServicePoint.Kind.CIRCULATION: 34,
    ServicePoint.Kind.REFERENCE: 18,
    ServicePoint.Kind.CHILDRENS: 12,
    ServicePoint.Kind.PHONE: 12,
    ServicePoint.Kind.CHAT: 6,
}
# A smaller branch is less busy than the main library.
BRANCH_WEIGHTS = {"main": 1.0, "east": 0.7}

# The kinds of the seed migration, by name, as profiles of what such a question is like.
# A kind the library added is treated like reference if it counts as one, else like "other".
PROFILE_BY_KIND_NAME = {
    "directional": "directional",
    "reference": "reference",
    "circulation/account": "circulation",
    "technology": "technology",
    "policy/complaint": "policy",
    "other": "other",
}
KIND_WEIGHTS = {"directional": 30, "circulation": 30, "reference": 17, "technology": 13, "policy": 3, "other": 5}
ADDED_KIND_WEIGHT = 3
# Each desk's own mix: a multiplier on the kind weights.
DESK_MIX = {
    ServicePoint.Kind.CIRCULATION: {"circulation": 2.0, "reference": 0.4, "technology": 0.7},
    ServicePoint.Kind.REFERENCE: {"reference": 2.5, "technology": 1.4, "circulation": 0.3},
    ServicePoint.Kind.CHILDRENS: {"reference": 1.4, "directional": 1.2, "technology": 0.6},
    ServicePoint.Kind.PHONE: {"circulation": 1.4, "directional": 1.2, "technology": 0.5},
    ServicePoint.Kind.CHAT: {"reference": 1.5, "technology": 1.5, "directional": 0.5},
}

# READ effort 1..6 by profile.
EFFORT_WEIGHTS = {
    "directional": (88, 11, 1, 0, 0, 0),
    "circulation": (55, 33, 10, 2, 0, 0),
    "reference": (8, 32, 34, 17, 7, 2),
    "technology": (20, 40, 27, 11, 2, 0),
    "policy": (30, 42, 20, 7, 1, 0),
    "other": (55, 32, 10, 3, 0, 0),
}
# Minutes, by effort (glossary: 3 is about 10 minutes, 4 up to about 30).
DURATION_RANGE = {1: (1, 3), 2: (2, 7), 3: (5, 15), 4: (12, 35), 5: (25, 60), 6: (45, 120)}
# A one-click quick log records no duration.
NO_DURATION_SHARE = 0.3

OUTCOME_WEIGHTS = {  # answered, referred, alternative, callback, could not help
    "directional": (95, 4, 0, 0, 1),
    "circulation": (85, 5, 4, 3, 3),
    "reference": (74, 10, 9, 4, 3),
    "technology": (78, 8, 4, 4, 6),
    "policy": (60, 25, 5, 6, 4),
    "other": (85, 6, 3, 3, 3),
}
OUTCOMES = (Outcome.ANSWERED, Outcome.REFERRED, Outcome.ALTERNATIVE_OFFERED, Outcome.CALLBACK, Outcome.COULD_NOT_HELP)
REMOTE_CALLBACK_FACTOR = 3  # callbacks are mostly promised on the phone, by e-mail or chat

ALTERNATIVE_WEIGHTS = {
    "reference": {Alternative.INTERLIBRARY_LOAN: 40, Alternative.E_RESOURCE: 30, Alternative.PURCHASE_SUGGESTION: 15,
                  Alternative.ANOTHER_BRANCH: 10, Alternative.OTHER: 5},
    "circulation": {Alternative.ANOTHER_BRANCH: 40, Alternative.INTERLIBRARY_LOAN: 25,
                    Alternative.PURCHASE_SUGGESTION: 20, Alternative.E_RESOURCE: 10, Alternative.OTHER: 5},
    "technology": {Alternative.E_RESOURCE: 30, Alternative.ANOTHER_BRANCH: 30, Alternative.OTHER: 40},
    "default": {Alternative.INTERLIBRARY_LOAN: 25, Alternative.E_RESOURCE: 25, Alternative.PURCHASE_SUGGESTION: 20,
                Alternative.ANOTHER_BRANCH: 20, Alternative.OTHER: 10},
}

# Walk-up desks: mostly in person, a few contacts by other channels.
DESK_CHANNELS = {Channel.IN_PERSON: 86, Channel.PHONE: 7, Channel.EMAIL: 4, Channel.CHAT: 3}
CHANNEL_OF_POINT = {ServicePoint.Kind.PHONE: Channel.PHONE, ServicePoint.Kind.CHAT: Channel.CHAT}

# How often staff attach the patron: an account question needs them, "where is" does not.
# About 15% overall with the default kinds.
PATRON_SHARE = {"directional": 0.02, "circulation": 0.32, "reference": 0.12, "technology": 0.08,
                "policy": 0.40, "other": 0.10}
HOME_BRANCH_SHARE = 0.85
NOTE_SHARE = 0.04
NOTES = {
    "directional": ["Asked for the quiet study room.", "Looking for the meeting room for the book club."],
    "circulation": [
        "Card renewed and address updated.",
        "Hold on a book-club set; will call when it is in.",
        "Asked about a fine on a late DVD; explained the grace period.",
    ],
    "reference": [
        "Local history of the mill district; showed the archive index.",
        "Needed the state tax forms; printed them.",
        "Genealogy: census records, showed the database.",
        "Wants books on starting a small business.",
    ],
    "technology": ["Set up the e-book app on a tablet.", "Printing from a phone; showed the print release."],
    "policy": [
        "Unhappy about the replacement charge for a damaged book; explained the policy.",
        "Noise in the quiet area; asked staff to walk through.",
    ],
    "other": ["Returned an umbrella left last week.", "Asked whether we take book donations."],
}

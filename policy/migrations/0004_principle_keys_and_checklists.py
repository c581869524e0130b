"""The shipped principles that checklists name get their keys, and the checklists start with
the items of the policy's own words (product.md, "Policy as checklists"). The Director edits
the items afterwards at /policies/checklists/.

The keys are set on every version of the shipped policy that holds the sentence, so that a
version published before this migration keeps its link too."""

from django.db import migrations

POLICY_TITLE = "Customer Service Policy"

# principle key -> the sentence of the shipped policy it names.
KEYS = {
    "greet": "Smile to greet approaching patrons.",
    "follow-up": "Ask follow-up questions to make sure their needs have been met.",
    "invite-to-return": "Invite patrons to return for additional assistance.",
    "offer-alternative": "If you are unable to comply with a request, offer an alternative.",
    "desk-staffed": "During all hours of operation, a staff member should be at the service desk.",
    "neat-service-area": "Eliminate clutter and present an organized, neat service area.",
    "no-food-or-drink": "Confine food and drink to staff areas.",
    "answer-phone": "Answer the telephone in a timely manner.",
    "name-tag": "Wear your name tag at all times, so patrons know who can be approached for help.",
    "welcome-new-borrowers": "Welcome new borrowers and give them all the time and information they may need.",
    "tour-and-come-back": (
        "Encourage them to come back often – if there is time for a brief tour and they are interested, give one."
    ),
    "listen-to-complaints": "If a patron has a complaint, listen attentively in a non-judgmental manner.",
    "refer-to-policy": "Refer to the appropriate library policy, and when necessary refer the patron to the Director.",
    "positive-experience": (
        "A friendly, helpful attitude ensures a positive experience even when the message you must convey "
        "is not a pleasant one."
    ),
    "identify-the-library": "Use a friendly tone and identify the library.",
    "offer-callback": "If you are unable to work on a caller’s request immediately, offer to call them back.",
}

OPENING_ITEMS = [
    ("desk-staffed", "Desk staffed"),
    ("neat-service-area", "Service area neat and free of clutter"),
    ("no-food-or-drink", "No food or drink at the desk"),
    ("answer-phone", "Phone on and answered"),
    ("name-tag", "Name tag on"),
]
CLOSING_ITEMS = [
    ("desk-staffed", "Desk staffed until closing"),
    ("neat-service-area", "Service area left neat and free of clutter"),
    ("no-food-or-drink", "No food or drink left at the desk"),
    ("answer-phone", "Phone answered until closing"),
    ("name-tag", "Name tag worn all day"),
]

# key, title, where it applies, [(principle key, label, ticked unless unticked, only when)]
CHECKLISTS = [
    (
        "interaction",
        "Interaction",
        "The desk form, for every interaction",
        [
            ("greet", "Greeted with a smile", True, ""),
            ("follow-up", "Follow-up question asked", False, ""),
            ("invite-to-return", "Invited to return", False, ""),
            ("offer-alternative", "Offered an alternative", True, "needs_alternative"),
        ],
    ),
    (
        "phone",
        "Phone",
        "The desk form, for phone calls",
        [
            ("identify-the-library", "Library named, with a friendly greeting", False, "phone"),
            ("offer-callback", "Callback offered, if the request could not be worked on at once", False, "phone"),
        ],
    ),
    (
        "desk_opening",
        "Desk opening",
        "Choosing the service point when the desk opens",
        [(key, label, False, "") for key, label in OPENING_ITEMS],
    ),
    (
        "desk_closing",
        "Desk closing",
        "“Close the desk” on the desk console",
        [(key, label, False, "") for key, label in CLOSING_ITEMS],
    ),
    (
        "welcome",
        "New borrower welcome",
        "Registering a patron",
        [
            ("welcome-new-borrowers", "Card and services explained", False, ""),
            ("tour-and-come-back", "Tour offered", False, ""),
            ("tour-and-come-back", "Invited to come back often", False, ""),
        ],
    ),
    (
        "complaint",
        "Complaint handling",
        "The complaint page: how it was handled",
        [
            ("listen-to-complaints", "Listened without judgment", False, ""),
            ("refer-to-policy", "The relevant policy referred to", False, ""),
            ("refer-to-policy", "Referral to the Director considered", False, ""),
            ("positive-experience", "Patron told what happens next", False, ""),
        ],
    ),
]


def key_principles(apps, schema_editor):
    Principle = apps.get_model("policy", "Principle")
    for key, text in KEYS.items():
        Principle.objects.filter(version__policy__title=POLICY_TITLE, text=text, key="").update(key=key)


def unkey_principles(apps, schema_editor):
    Principle = apps.get_model("policy", "Principle")
    Principle.objects.filter(version__policy__title=POLICY_TITLE, key__in=KEYS).update(key="")


def seed_checklists(apps, schema_editor):
    Policy = apps.get_model("policy", "Policy")
    Checklist = apps.get_model("policy", "Checklist")
    ChecklistItem = apps.get_model("policy", "ChecklistItem")
    policy = Policy.objects.filter(title=POLICY_TITLE).first()
    if policy is None:
        return
    for position, (key, title, applies_in, items) in enumerate(CHECKLISTS, start=1):
        checklist, created = Checklist.objects.get_or_create(
            key=key, defaults={"title": title, "applies_in": applies_in, "policy": policy, "position": position}
        )
        if not created:
            continue
        ChecklistItem.objects.bulk_create(
            ChecklistItem(
                checklist=checklist,
                principle_key=principle_key,
                label=label,
                default_ticked=default_ticked,
                only_when=only_when,
                position=item_position,
            )
            for item_position, (principle_key, label, default_ticked, only_when) in enumerate(items, start=1)
        )


def remove_checklists(apps, schema_editor):
    apps.get_model("policy", "Checklist").objects.filter(key__in=[key for key, *_ in CHECKLISTS]).delete()


class Migration(migrations.Migration):
    dependencies = [("policy", "0003_checklists")]

    operations = [
        migrations.RunPython(key_principles, unkey_principles),
        migrations.RunPython(seed_checklists, remove_checklists),
    ]

"""What the 403 page says when a section is outside a person's roles. roles.md: "a whole section
outside the role answers 403 with a page that says who can help and offers the nearest thing
the person may do" (the policy: "if you are unable to comply with a request, offer an
alternative")."""

from django.urls import reverse

from staff import roles
from staff.access import has_role

WHO = {
    roles.DESK: "desk staff",
    roles.SUPERVISOR: "supervisors",
    roles.DIRECTOR: "the Director",
    roles.ADMINISTRATOR: "the IT administrator",
}

# The sections someone may be sent to instead, first the nearest; each with who may open it.
ALTERNATIVES = [
    ("interactions:desk", "Log interactions at the desk", roles.SERVING),
    ("patrons:lookup", "Look up a patron", roles.SERVING),
    ("reports:index", "See the reports", roles.SERVING),
    ("admin:index", "Manage accounts and settings in the administration site", (roles.ADMINISTRATOR,)),
    ("locked_accounts", "Unlock a locked sign-in", (roles.SUPERVISOR, roles.DIRECTOR, roles.ADMINISTRATOR)),
    ("access_record", "See the access record", (roles.SUPERVISOR, roles.DIRECTOR, roles.ADMINISTRATOR)),
    ("outbox", "See the e-mail the desk sends", (roles.SUPERVISOR, roles.DIRECTOR, roles.ADMINISTRATOR)),
]


def plain_list(items: list[str]) -> str:
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def who_can_help(allowed: tuple[str, ...]) -> str:
    if roles.DESK in allowed:
        return "A colleague at the desk can help the patron."
    if roles.SUPERVISOR in allowed:
        return "Your branch supervisor can do this for you or with you."
    if roles.DIRECTOR in allowed:
        return "Ask the Director, who decides this for the library."
    return "The IT administrator can help."


def roles_come_from_it(user) -> bool:
    """Whether "the IT administrator can change which roles your account holds" is true for
    this person: not for the administrator, who never grants a role to their own account
    (roles.md), and would be sent to themselves."""
    return not has_role(user, roles.ADMINISTRATOR)


def refusal(user, section: str, allowed: tuple[str, ...]) -> dict:
    return {
        "roles_come_from_it": roles_come_from_it(user),
        "section": section,
        "allowed": plain_list([WHO[name] for name in roles.ALL if name in allowed]),
        "who_can_help": who_can_help(allowed),
        "alternatives": [(reverse(url), label) for url, label, names in ALTERNATIVES if has_role(user, *names)],
    }

from django.utils.functional import SimpleLazyObject

from policy.selectors import unread_versions


def policy_banner(request):
    """The versions in effect the person has not yet read, for the banner on every page:
    at most one query, and only on a page that shows the banner."""
    return {"unread_policies": SimpleLazyObject(lambda: unread_versions(request.user))}

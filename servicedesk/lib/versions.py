def posted_version(request) -> int:
    """The record version an edit form was rendered with (see the services' optimistic
    checks); a missing or garbled one is 0, which never matches, so the save is refused."""
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return 0

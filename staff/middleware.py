from staff.audit import current_page, current_user


class AccessRecordPageMiddleware:
    """Lets the access record say from which page a read came, and who changed an account. Paths hold ids only, never
    names or card numbers (look-ups are posted)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        page = current_page.set(request.path)
        user = current_user.set(request.user)
        try:
            return self.get_response(request)
        finally:
            current_page.reset(page)
            current_user.reset(user)

import uuid

from django import template

register = template.Library()


@register.simple_tag
def new_submission_key() -> str:
    """A fresh key for one console form: sent twice, it still logs one interaction."""
    return str(uuid.uuid4())

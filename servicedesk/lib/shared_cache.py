"""What is the same for everyone for a while (the checklists' items, the quick-log kinds),
kept in Django's cache rather than asked of the database on every request.

Invalidation: every key of a group carries the group's generation, and saving or deleting one
of the group's models (signals connected in the app's `ready()`) starts a new generation, so
the next read in this process asks the database again. The cache is Django's default, a LocMem
cache per process: several app servers share only the database, so a change made through one
of them reaches the others when their entries expire, after LIFETIME seconds at most. That is
the trade chosen over a version number read from the database on each request, which would
cost the query the cache saves; a library that sets a shared cache (CACHES) gets the
invalidation everywhere at once. Never cache here what depends on who is asking.
"""

import uuid
from collections.abc import Callable

from django.core.cache import cache
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import post_delete, post_save

LIFETIME = 60  # seconds


def _generation_key(group: str) -> str:
    return f"shared:{group}:generation"


def generation(group: str) -> str:
    return cache.get_or_set(_generation_key(group), lambda: uuid.uuid4().hex, None)


def invalidate(group: str) -> None:
    """At once, and again when the transaction commits: a request of this process that read
    the old rows meanwhile must not keep them."""

    def new_generation():
        cache.set(_generation_key(group), uuid.uuid4().hex, None)

    new_generation()
    transaction.on_commit(new_generation)


def cached(group: str, key: str, compute: Callable):
    """`compute()`, or what it returned for `key` in this generation of `group`."""
    full_key = f"shared:{group}:{generation(group)}:{key}"
    value = cache.get(full_key)
    if value is None:
        value = compute()
        cache.set(full_key, value, LIFETIME)
    return value


def invalidate_on_change(group: str, *models: type[Model]) -> None:
    """Starts a new generation of `group` whenever one of `models` is saved or deleted."""

    def receiver(sender, **kwargs):
        invalidate(group)

    for model in models:
        post_save.connect(receiver, sender=model, weak=False, dispatch_uid=f"shared:{group}:{model._meta.label}:save")
        post_delete.connect(receiver, sender=model, weak=False, dispatch_uid=f"shared:{group}:{model._meta.label}:delete")

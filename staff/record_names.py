"""How the access record names the records its entries are about: by the reference people use
(C-4, R-2, K-4, P-3; an interaction by its date and desk), linked to the record's page for a
reader whose scope (staff.access) includes it, as plain text for anyone else.

The records live on the floors above staff, which staff never imports: each app registers its
kinds here from its AppConfig.ready(), with the scope that decides who may open one. A page of
entries is named in two queries a kind at most (the records, if the name needs more than the
id, and which of them the reader may open), whatever the number of entries."""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db.models import Model, Q
from django.urls import reverse


@dataclass(frozen=True)
class RecordKind:
    model: type[Model]
    # Which of them the reader may open: the scope their own pages start from.
    scope: Callable[[User], Q]
    url_name: str
    # The record's name, from the record (read with `reads`), or from an unsaved one holding
    # only its id when `reads` is None.
    name: Callable[[Model], str]
    reads: tuple[str, ...] | None = None


@dataclass(frozen=True)
class RecordName:
    text: str
    url: str = ""


_KINDS: dict[str, RecordKind] = {}


def register(kind: RecordKind) -> None:
    """Called from an app's ready(): entries whose record_type is the model's model_name are
    named by `kind`."""
    _KINDS[kind.model._meta.model_name] = kind


def name_entries(viewer: User, entries: Iterable) -> None:
    """Give each entry about a record a `record_name` (RecordName). A kind no app registered,
    or a record no longer kept, keeps the kind and id it was recorded with."""
    ids_by_type = defaultdict(set)
    for entry in entries:
        if entry.record_id is not None:
            ids_by_type[entry.record_type].add(entry.record_id)
    names = {}
    for record_type, ids in ids_by_type.items():
        kind = _KINDS.get(record_type)
        if kind is not None:
            names[record_type] = _names(kind, viewer, ids)
    for entry in entries:
        if entry.record_id is not None:
            fallback = RecordName(f"{entry.record_type} {entry.record_id}")
            entry.record_name = names.get(entry.record_type, {}).get(entry.record_id, fallback)


def _names(kind: RecordKind, viewer: User, ids: set[int]) -> dict[int, RecordName]:
    manager = kind.model._default_manager
    if kind.reads is None:
        records = {pk: kind.model(pk=pk) for pk in ids}
    else:
        records = manager.select_related(*kind.reads).in_bulk(ids)
    may_open = set(
        manager.filter(kind.scope(viewer), pk__in=ids).order_by().values_list("pk", flat=True).distinct()
    )
    return {
        pk: RecordName(kind.name(record), reverse(kind.url_name, args=[pk]) if pk in may_open else "")
        for pk, record in records.items()
    }

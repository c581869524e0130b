"""De-identification: what every app's retention service shares.

roles.md: old records "lose the patron's link, contact details and every free text of the
record and its timeline (notes, replies, letters), keeping the statistical part". A list of
fields to clear would miss the next text field someone adds, so the list is derived: every
text column of a model (CharField, TextField, EmailField, ...) is cleared unless it is a code
(it has choices) or the app names it in its `keep` (the statistical or item fields that hold
no person, e.g. a timeline step's action). Each app's test asserts what is derived, so a new
field is classified on purpose. What hangs off a record (its timeline steps, replies,
committee recommendations) is found the same way: every model whose foreign key to the
record cascades belongs to it, and is cleared with it.

Writes are bulk: one UPDATE per model per batch of records, never row by row.

This is the lowest floor: it imports nothing from the apps."""

from collections.abc import Iterable, Mapping, Sequence

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models import Case, Value, When
from django.db.models.constants import LOOKUP_SEP

# What a text that may not be empty becomes (a required field, or one a check constraint
# compares with ""): the rows stay valid, and a page says the text was removed.
REMOVED = "[removed]"
# What a timeline step keeps of its text columns (servicedesk.lib.workflow.TimelineStep):
# what was done and between which statuses. Its note goes.
TIMELINE_CODES = ("action", "from_status", "to_status")
BATCH_SIZE = 500


def text_fields(model: type[models.Model], *, keep: Iterable[str] = ()) -> list[str]:
    """The names of `model`'s text columns that de-identification clears: all but the codes
    (fields with choices) and `keep`. A name in `keep` that is not a text field of the model
    is refused, so that a renamed field cannot silently stop being kept."""
    text = [f for f in model._meta.concrete_fields if isinstance(f, (models.CharField, models.TextField))]
    unknown = set(keep) - {f.name for f in text}
    if unknown:
        raise ImproperlyConfigured(f"{model.__name__} keeps {sorted(unknown)}, which are not its text fields.")
    return [f.name for f in text if not f.choices and f.name not in keep]


def _compared_with_blank(condition, name: str) -> bool:
    for child in getattr(condition, "children", ()):
        if isinstance(child, tuple):
            lookup, value = child
            if lookup.split(LOOKUP_SEP)[0] == name and value == "":
                return True
        elif _compared_with_blank(child, name):
            return True
    return False


def may_be_emptied(model: type[models.Model], name: str) -> bool:
    """Whether the field may hold "": it is optional, and no check constraint of the model
    compares it with "" (e.g. "a declined suggestion has a reason")."""
    if not model._meta.get_field(name).blank:
        return False
    checks = (c for c in model._meta.constraints if isinstance(c, models.CheckConstraint))
    return not any(_compared_with_blank(check.condition, name) for check in checks)


def cleared_values(model: type[models.Model], *, keep: Iterable[str] = ()) -> dict:
    """What each field to clear becomes in the UPDATE: "" (or NULL for a nullable one), or,
    where the field may not be empty, REMOVED in place of any text it held."""
    values = {}
    for name in text_fields(model, keep=keep):
        field = model._meta.get_field(name)
        if field.null:
            values[name] = None
        elif may_be_emptied(model, name):
            values[name] = Value("")
        else:
            values[name] = Case(When(**{name: ""}, then=Value("")), default=Value(REMOVED))
    return values


def parts(model: type[models.Model]) -> list[models.ForeignObjectRel]:
    """What hangs off a record of `model`: the relations whose rows are deleted with it."""
    return [
        rel
        for rel in model._meta.related_objects
        if (rel.one_to_many or rel.one_to_one) and rel.on_delete is models.CASCADE
    ]


def clear_records(
    model: type[models.Model],
    pks: Sequence[int],
    *,
    keep: Mapping[type[models.Model], Iterable[str]],
    **also,
) -> int:
    """Clear every text field of the records `pks` of `model` and of everything hanging off
    them, and write `also` on the records (the patron link, the de-identified marker). `keep`
    names what each model keeps; a part with no entry is an error, not a silent miss.
    Returns the number of records."""
    count = 0
    for start in range(0, len(pks), BATCH_SIZE):
        batch = list(pks[start : start + BATCH_SIZE])
        _clear_parts(model, batch, path="", keep=keep)
        count += model._default_manager.filter(pk__in=batch).update(**cleared_values(model, keep=keep[model]), **also)
    return count


def _clear_parts(model, pks, *, path: str, keep) -> None:
    for rel in parts(model):
        part = rel.related_model
        if part not in keep:
            raise ImproperlyConfigured(f"{part.__name__} hangs off {model.__name__}: say what it keeps.")
        lookup = f"{rel.field.name}{LOOKUP_SEP}{path}" if path else rel.field.name
        _clear_parts(part, pks, path=lookup, keep=keep)
        values = cleared_values(part, keep=keep[part])
        if values:
            part._default_manager.filter(**{f"{lookup}__in": pks}).update(**values)

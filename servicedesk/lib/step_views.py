"""How a view takes a workflow step from a form (servicedesk/lib/workflow.py), and answers when
it is not taken: the record's page again, with what was typed and why, as 422 when the form or
a rule refused it, and as 409 when someone else saved the record meanwhile ("nothing the user
entered is lost by ... two people editing at once", product.md)."""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse

from servicedesk.lib.forms import add_errors
from servicedesk.lib.versions import posted_version
from servicedesk.lib.workflow import EditConflict

EDITED_MEANWHILE = 409
INVALID = 422



def take_step(
    request,
    form,
    run: Callable[[dict, int], object],
    *,
    done: Callable[[object], HttpResponse],
    again: Callable[..., HttpResponse],
) -> HttpResponse:
    """Run `run(cleaned_data, version)` with the version the page was rendered with, in one
    transaction. Taken: `done(result)` (a redirect). Refused: `again(status=..., version=...)`
    renders the record's page with the bound form; after a conflict `version` is None (the
    page carries the version saved now, so sending again replaces the other change knowingly),
    after a refusal it is the one sent (so the conflict is still caught on the next try)."""
    version = posted_version(request)
    if form.is_valid():
        try:
            with transaction.atomic():
                result = run(form.cleaned_data, version)
        except EditConflict:
            return again(status=EDITED_MEANWHILE, version=None)
        except ValidationError as error:
            add_errors(form, error)
        else:
            return done(result)
    return again(status=INVALID, version=version)

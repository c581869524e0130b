"""The waiting list's actions, each an ordinary form POST that htmx enhances: with htmx the
live lists come back (desk.views.console.render_live) with what happened and where the focus
goes; without it the browser is sent back to the console. Serving opens the desk form, set
for a patron in person at this service point."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from desk.forms.waiting import WaitingPatronForm
from desk.selectors.waiting import get_waiting_for
from desk.services import waiting as services
from desk.views.console import render_live
from interactions.models import Interaction
from servicedesk.lib.forms import add_errors
from servicedesk.lib.workflow import EditConflict
from staff import roles
from staff.decorators import at_service_point, role_required

# Where the focus goes after an action: the field that adds the next patron.
ADD_FIELD = "id_waiting-label"
CHANGED_MEANWHILE = "Someone changed {label} at the same moment: the list shows them as they are now."


def _answer(request, service_point, *, notice, error=False, focus=ADD_FIELD, form=None):
    """The lists with `notice`; the field that adds a patron keeps what was being typed in it
    (each action sends it along: hx-include)."""
    if request.htmx:
        form = form or WaitingPatronForm(initial={"label": request.POST.get("waiting-label", "")})
        extra = {"waiting_notice": notice, "waiting_notice_is_error": error, "focus": focus, "waiting_form": form}
        return render_live(request, service_point, **extra)
    (messages.error if error else messages.success)(request, notice)
    return redirect("interactions:desk")


@never_cache
@require_POST
@role_required(*roles.SERVING, section="The desk")
@at_service_point
def add(request, service_point):
    form = WaitingPatronForm(request.POST)
    if form.is_valid():
        try:
            entry = services.waiting_add(service_point=service_point, label=form.cleaned_data["label"], by=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            return _answer(request, service_point, notice=f"{entry.label} is on the waiting list.", form=WaitingPatronForm())
    # Without htmx the form is not drawn again: the notice quotes what was typed.
    typed = "" if request.htmx else form.data.get(form.add_prefix("label"), "").strip()
    message = " ".join(form.errors.get("label", form.non_field_errors()))
    notice = f"“{typed}” was not added: {message}" if typed else f"Not added: {message}"
    return _answer(request, service_point, notice=notice, error=True, form=form)


def _step(request, service_point, pk, service, done):
    """Take a step on a waiting patron; a refusal (someone else got there first) comes back as
    a notice on the list, as it stands now."""
    entry = get_waiting_for(request.user, pk)
    try:
        service(entry=entry, by=request.user)
    except ValidationError as error:
        return _answer(request, service_point, notice=error.messages[0], error=True)
    except EditConflict:
        return _answer(request, service_point, notice=CHANGED_MEANWHILE.format(label=entry.label), error=True)
    return done(entry)


@never_cache
@require_POST
@role_required(*roles.SERVING, section="The desk")
@at_service_point
def acknowledge(request, service_point, pk):
    """Next comes serving them: the focus goes to their Serve button."""
    return _step(
        request, service_point, pk, services.waiting_acknowledge,
        lambda entry: _answer(request, service_point, notice=f"{entry.label}: acknowledged.", focus=f"waiting-{entry.pk}-serve"),
    )


@never_cache
@require_POST
@role_required(*roles.SERVING, section="The desk")
@at_service_point
def left(request, service_point, pk):
    return _step(
        request, service_point, pk, services.waiting_left,
        lambda entry: _answer(request, service_point, notice=f"{entry.label}: marked as gone without being served."),
    )


@never_cache
@require_POST
@role_required(*roles.SERVING, section="The desk")
@at_service_point
def serve(request, service_point, pk):
    """Off the list, and on to the desk form, in person, with the focus in its first field (its
    autofocus, which a #fragment in the address would cancel)."""

    def to_the_desk_form(entry):
        messages.success(request, f"Serving {entry.label}: log the interaction below when you are done.")
        desk_form = f"{reverse('interactions:desk')}?channel={Interaction.Channel.IN_PERSON}"
        return HttpResponseClientRedirect(desk_form) if request.htmx else redirect(desk_form)

    return _step(request, service_point, pk, services.waiting_serve, to_the_desk_form)

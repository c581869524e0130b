"""What the live desk does when a person signs on to a shift (staff.current.signed_on)."""

from django.contrib import messages
from django.dispatch import receiver
from django.utils import timezone

from desk.selectors.coverage import handover_notes_open
from staff.current import signed_on

# How many notes the sign-on message quotes; the console shows them all.
QUOTED = 3


@receiver(signed_on)
def show_handover_notes(sender, request, service_point, **kwargs):
    """The handover notes waiting at the service point, shown at sign-on wherever the person
    goes next; the console keeps them at the top until someone dismisses them."""
    notes = handover_notes_open(viewer=request.user, service_point=service_point)
    for note in notes[:QUOTED]:
        author = note.written_by.get_full_name() or note.written_by.username
        messages.warning(request, f"Handover note from {author} ({timezone.localtime(note.written_at):%a %H:%M}): {note.text}")
    if len(notes) > QUOTED:
        messages.warning(request, f"{len(notes) - QUOTED} more handover notes are at the top of the console.")

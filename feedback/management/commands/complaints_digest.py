from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.template.loader import render_to_string
from django.urls import reverse

from feedback.selectors.complaints import complaints_for_digest
from feedback.services.notify import STAFF, email_after_commit, site_url
from staff import roles
from staff.access import may_work_complaint


class Command(BaseCommand):
    help = (
        "E-mail the daily digest of complaints: each supervisor gets their branches' overdue "
        "complaints, the Director every overdue and every escalated one. Nobody with nothing "
        "to act on gets an e-mail. Run it once a day (README.md). --dry-run says who would get "
        "what and sends nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Say who would get what, and send nothing.")

    def handle(self, *args, dry_run, **options):
        complaints = complaints_for_digest()
        overdue = [c for c in complaints if c.acknowledgment_late or c.resolution_late]
        escalated = [c for c in complaints if c.status == c.Status.ESCALATED]
        digests = self._for_supervisors(overdue) + self._for_directors(complaints, overdue, escalated)
        for user, subject, listed in digests:
            if not dry_run:
                self._send(user, subject, listed)
        verb = "Would send" if dry_run else "Sent"
        lines = [f"{'Dry run, nothing sent. ' if dry_run else ''}{len(overdue)} complaints overdue, {len(escalated)} escalated."]
        lines += [f"{verb} to {user.username}: {subject}" for user, subject, _ in digests]
        lines.append(f"{verb} {len(digests)} digest{'s' if len(digests) != 1 else ''}.")
        self.stdout.write("\n".join(lines))

    def _recipients(self, role):
        return (
            get_user_model()
            .objects.filter(is_active=True, groups__name=role)
            .exclude(email="")
            .distinct()
            .order_by("username")
        )

    def _for_supervisors(self, overdue):
        """Each supervisor the overdue complaints they may work on (staff.access: their
        branches'). A Director who is also a supervisor gets the Director's digest, which has
        them all."""
        digests = []
        for user in self._recipients(roles.SUPERVISOR).exclude(groups__name=roles.DIRECTOR):
            theirs = [c for c in overdue if may_work_complaint(user, c)]
            if theirs:
                where = ", ".join(sorted({c.branch.name for c in theirs}))
                digests.append((user, f"Complaints overdue at {where}: {len(theirs)}", theirs))
        return digests

    def _for_directors(self, complaints, overdue, escalated):
        if not complaints:
            return []
        subject = f"Complaints: {len(overdue)} overdue, {len(escalated)} escalated to the Director"
        return [(user, subject, complaints) for user in self._recipients(roles.DIRECTOR)]

    def _send(self, user, subject, complaints):
        body = render_to_string(
            "feedback/complaints/email/digest.txt",
            {"heading": subject, "complaints": complaints, "path_prefix": site_url(reverse("complaints:queue"))},
        )
        email_after_commit(subject=subject, body=body, to=[user.email], role=STAFF)

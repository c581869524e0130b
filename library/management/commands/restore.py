from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from library import backups


class Command(BaseCommand):
    # The system checks would open the target first (SQLite asks it whether it supports JSON
    # fields, for the task queue's table), before the command can say it cannot be opened.
    requires_system_checks = []
    help = (
        "Restore a backup made by manage.py backup into the database of DATABASE_URL (PostgreSQL: "
        "it must exist and be empty) or SQLITE_PATH (SQLite: a file that does not exist yet or is "
        "empty). Refuses a database that already has tables. Ends with the rows of every table and "
        "the access record's last entry, to compare with what the backup printed (README.md, Backups)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The backup file (var/backups/...).")

    def handle(self, *args, file, **options):
        try:
            summary = backups.restore(file)
        except backups.BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Restored {file} into {backups.describe(connection.settings_dict)}.")
        for line in summary.lines():
            self.stdout.write(line)
        if summary.broken:
            raise CommandError(summary.broken)
        if connection.vendor == "postgresql":
            self.stdout.write(
                "Owners and grants were not restored: run scripts/db_roles.sql as the owner, as after "
                "every migrate (README.md, Two database roles)."
            )

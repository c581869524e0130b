from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from library import backups


class Command(BaseCommand):
    help = (
        "Write a consistent backup of the database, dated in UTC in its name, into var/backups/ "
        "or --dir: PostgreSQL with pg_dump --format=custom, SQLite through its online backup API "
        "(both safe while the app runs). Prints the file, its size, the rows of every table and "
        "the access record's last entry, which a restore of it must show again (README.md, Backups)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dir", type=Path, help="Where to write the backup (default: var/backups/).")

    def handle(self, *args, dir, **options):
        directory = dir or backups.default_directory()
        try:
            path, summary = backups.backup(directory)
        except backups.BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Backup of {backups.describe(connection.settings_dict)}: {path} ({path.stat().st_size:,} bytes).")
        for line in summary.lines():
            self.stdout.write(line)
        if summary.broken:
            raise CommandError(summary.broken)
        self.stdout.write("Check it: restore it into an empty database (make restore FILE=...), which prints the same rows")
        if summary.head:
            self.stdout.write(f"and last entry, then run: manage.py verify_access_record --expect {summary.head}")
        else:
            self.stdout.write("and an empty access record.")

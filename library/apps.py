from django.apps import AppConfig


class LibraryConfig(AppConfig):
    """What spans the library's apps, on the top floor: the demo library and the commands
    that ask each app for its own part (`seed_demo`, `deidentify`). Nothing below imports it."""

    name = "library"
    verbose_name = "The library as a whole"

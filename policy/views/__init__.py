"""The policy pages, a module for each kind of work: reading the library (library), publishing
and delegating it (publishing), the checklists and their follow-through (checklists)."""

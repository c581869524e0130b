"""The roles of roles.md. Each is a Django group; migration 0002_create_roles creates them
with their model permissions. Which records a role may see is decided in staff/access/."""

DESK = "Desk staff"
SUPERVISOR = "Supervisor"
DIRECTOR = "Director"
ADMINISTRATOR = "Administrator"

ALL = (DESK, SUPERVISOR, DIRECTOR, ADMINISTRATOR)

# The roles that serve patrons: they log interactions and look patrons up.
SERVING = (DESK, SUPERVISOR, DIRECTOR)

# The roles that open a branch's or the whole library's patron content: granting one takes
# effect only when a Director other than the one who asked confirms it (four eyes).
CONFIRMED_BY_DIRECTOR = (SUPERVISOR, DIRECTOR)

"""On PostgreSQL the database itself refuses to change or delete an access record entry,
whatever connects to it. (SQLite, for development, relies on the model's refusal.)"""

from django.db import migrations

CREATE = """
CREATE FUNCTION staff_accessrecord_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'The access record is append-only: % is refused', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER staff_accessrecord_append_only
    BEFORE UPDATE OR DELETE ON staff_accessrecord
    FOR EACH ROW EXECUTE FUNCTION staff_accessrecord_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS staff_accessrecord_append_only ON staff_accessrecord;
DROP FUNCTION IF EXISTS staff_accessrecord_append_only();
"""


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("staff", "0003_access_record")]

    operations = [migrations.RunPython(create_trigger, drop_trigger)]

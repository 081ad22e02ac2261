"""Guards the database enforces itself: the event log refuses UPDATE, and on
PostgreSQL the organisation path gets a pattern index so subtree LIKE queries use it."""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE TRIGGER core_event_no_update BEFORE UPDATE ON core_event
       BEGIN SELECT RAISE(ABORT, 'event log is append-only'); END;""",
]
SQLITE_BACKWARD = ["DROP TRIGGER IF EXISTS core_event_no_update;"]
PG_FORWARD = [
    """CREATE OR REPLACE FUNCTION core_event_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'event log is append-only'; END; $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER core_event_no_update BEFORE UPDATE ON core_event
       FOR EACH ROW EXECUTE FUNCTION core_event_append_only();""",
    "CREATE INDEX core_org_path_like ON core_organisation (path varchar_pattern_ops);",
]
PG_BACKWARD = [
    "DROP INDEX IF EXISTS core_org_path_like;",
    "DROP TRIGGER IF EXISTS core_event_no_update ON core_event;",
    "DROP FUNCTION IF EXISTS core_event_append_only();",
]


def _run(statements):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for sql in statements.get(vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": PG_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": PG_BACKWARD}),
        )
    ]

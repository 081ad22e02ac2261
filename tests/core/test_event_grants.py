"""The documented app-role grants make the event table insert/select-only (PostgreSQL)."""

import pytest

from django.db import DatabaseError, connection, transaction

from integrity.core.chain import events_seal
from integrity.core.models import Event

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL roles"),
]

ROLE = "integrity_app_test"


def test_app_role_can_insert_but_not_update_delete_or_truncate_events_or_seals():
    with connection.cursor() as cur:
        cur.execute(f"DROP ROLE IF EXISTS {ROLE}")
        cur.execute(f"CREATE ROLE {ROLE}")
        cur.execute(f"GRANT USAGE ON SCHEMA public TO {ROLE}")
        cur.execute(
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {ROLE}"
        )
        cur.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {ROLE}")
        cur.execute(f"REVOKE UPDATE, DELETE, TRUNCATE ON core_event FROM {ROLE}")
        cur.execute(f"REVOKE UPDATE, DELETE, TRUNCATE ON core_eventseal FROM {ROLE}")
        cur.execute(f"SET ROLE {ROLE}")
        try:
            Event.objects.create(type="test.grant")
            assert Event.objects.filter(type="test.grant").count() == 1
            assert events_seal() == Event.objects.count()  # the app role can seal
            for sql in (
                "UPDATE core_event SET reason = 'x'",
                "DELETE FROM core_event",
                "TRUNCATE core_event",
                "UPDATE core_eventseal SET hash = 'x'",
                "DELETE FROM core_eventseal",
                "TRUNCATE core_eventseal",
            ):
                with (
                    pytest.raises(DatabaseError, match="permission denied"),
                    transaction.atomic(),
                ):
                    cur.execute(sql)
        finally:
            cur.execute("RESET ROLE")
            cur.execute(f"DROP OWNED BY {ROLE}")
            cur.execute(f"DROP ROLE {ROLE}")
    assert Event.objects.filter(type="test.grant").count() == 1

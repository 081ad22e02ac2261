"""Summary rows behind the home page's commitment figures (issue 17).

The home page shows how many commitments are published, overdue, broken and in each
status. Counting them over a million commitments costs hundreds of milliseconds per
uncached request; ``CommitmentSummary`` holds one row per (status, public flag,
deadline) with the number of commitments, a few thousand rows however large the
registry, from which every figure is one small aggregate (overdue: the open rows with a
deadline before today, so the figure moves at midnight without any job).

The rows are kept exact in the same transaction as every write of a commitment, by
database triggers (migration ``portal/0004_summary_commitments``): statement-level with
transition tables on PostgreSQL (one grouped upsert per statement, so a COPY of 100,000
rows costs one upsert of its few hundred keys), row-level on SQLite. Every write path —
the services, bulk imports by COPY, sweeps with ``QuerySet.update``, the admin — keeps
them right, which no call in the services could guarantee. ``summary_rebuild`` (a
management command) recomputes them from the commitments.
"""

import datetime

from django.db import connection, models, transaction
from django.db.models import Sum
from django.utils import timezone


class CommitmentSummary(models.Model):
    """How many commitments have one status, public flag and deadline."""

    status = models.CharField(max_length=20)
    is_public = models.BooleanField()
    deadline = models.DateField()
    n = models.BigIntegerField(default=0)

    class Meta:
        app_label = "portal"
        constraints = [
            models.UniqueConstraint(
                fields=["status", "is_public", "deadline"], name="portal_summary_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.status} {self.is_public} {self.deadline}: {self.n}"


def _published():
    from commitments.models import Commitment

    return CommitmentSummary.objects.filter(status__in=Commitment.PUBLIC_STATUSES, is_public=True)


def published_count() -> int:
    return _published().aggregate(n=Sum("n"))["n"] or 0


def overdue_count(on: datetime.date | None = None) -> int:
    from commitments.models import Commitment

    day = on or timezone.localdate()
    rows = _published().filter(status__in=Commitment.OPEN_STATUSES, deadline__lt=day)
    return rows.aggregate(n=Sum("n"))["n"] or 0


def status_counts() -> dict[str, int]:
    """Published commitments by status (statuses with none left out)."""
    rows = _published().values_list("status").annotate(total=Sum("n")).order_by()
    return {status: total for status, total in rows if total}


@transaction.atomic
def summary_rebuild() -> int:
    """Recompute every summary row from the commitments; returns the number of rows."""
    qn = connection.ops.quote_name
    table = qn(CommitmentSummary._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table}")  # noqa: S608
        cursor.execute(
            f"INSERT INTO {table} (status, is_public, deadline, n) "  # noqa: S608
            "SELECT status, is_public, deadline, COUNT(*) FROM commitments_commitment "
            "GROUP BY status, is_public, deadline"
        )
    return CommitmentSummary.objects.count()


# --- triggers (used by the migration) ------------------------------------------------

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION portal_commitment_summary() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO portal_commitmentsummary (status, is_public, deadline, n)
        SELECT status, is_public, deadline, COUNT(*) FROM summary_new
        GROUP BY status, is_public, deadline
        ON CONFLICT (status, is_public, deadline)
        DO UPDATE SET n = portal_commitmentsummary.n + EXCLUDED.n;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO portal_commitmentsummary (status, is_public, deadline, n)
        SELECT status, is_public, deadline, -COUNT(*) FROM summary_old
        GROUP BY status, is_public, deadline
        ON CONFLICT (status, is_public, deadline)
        DO UPDATE SET n = portal_commitmentsummary.n + EXCLUDED.n;
    ELSE
        INSERT INTO portal_commitmentsummary (status, is_public, deadline, n)
        SELECT status, is_public, deadline, SUM(d) FROM (
            SELECT status, is_public, deadline, -1 AS d FROM summary_old
            UNION ALL
            SELECT status, is_public, deadline, 1 AS d FROM summary_new
        ) AS moved
        GROUP BY status, is_public, deadline HAVING SUM(d) <> 0
        ON CONFLICT (status, is_public, deadline)
        DO UPDATE SET n = portal_commitmentsummary.n + EXCLUDED.n;
    END IF;
    RETURN NULL;
END $$;
"""
PG_TRIGGERS = [
    "CREATE TRIGGER portal_summary_insert AFTER INSERT ON commitments_commitment "
    "REFERENCING NEW TABLE AS summary_new FOR EACH STATEMENT "
    "EXECUTE FUNCTION portal_commitment_summary()",
    "CREATE TRIGGER portal_summary_update AFTER UPDATE ON commitments_commitment "
    "REFERENCING OLD TABLE AS summary_old NEW TABLE AS summary_new FOR EACH STATEMENT "
    "EXECUTE FUNCTION portal_commitment_summary()",
    "CREATE TRIGGER portal_summary_delete AFTER DELETE ON commitments_commitment "
    "REFERENCING OLD TABLE AS summary_old FOR EACH STATEMENT "
    "EXECUTE FUNCTION portal_commitment_summary()",
]
_SQLITE_ADD = (
    "INSERT INTO portal_commitmentsummary (status, is_public, deadline, n) "
    "VALUES (NEW.status, NEW.is_public, NEW.deadline, 1) "
    "ON CONFLICT (status, is_public, deadline) DO UPDATE SET n = n + 1;"
)
_SQLITE_REMOVE = (
    "UPDATE portal_commitmentsummary SET n = n - 1 WHERE status = OLD.status "
    "AND is_public = OLD.is_public AND deadline = OLD.deadline;"
)
SQLITE_TRIGGERS = [
    "CREATE TRIGGER portal_summary_insert AFTER INSERT ON commitments_commitment "
    f"BEGIN {_SQLITE_ADD} END",
    "CREATE TRIGGER portal_summary_update AFTER UPDATE OF status, is_public, deadline "
    "ON commitments_commitment "
    f"BEGIN {_SQLITE_REMOVE} {_SQLITE_ADD} END",
    "CREATE TRIGGER portal_summary_delete AFTER DELETE ON commitments_commitment "
    f"BEGIN {_SQLITE_REMOVE} END",
]
DROP = {
    "postgresql": [
        "DROP TRIGGER IF EXISTS portal_summary_insert ON commitments_commitment",
        "DROP TRIGGER IF EXISTS portal_summary_update ON commitments_commitment",
        "DROP TRIGGER IF EXISTS portal_summary_delete ON commitments_commitment",
        "DROP FUNCTION IF EXISTS portal_commitment_summary()",
    ],
    "sqlite": [
        "DROP TRIGGER IF EXISTS portal_summary_insert",
        "DROP TRIGGER IF EXISTS portal_summary_update",
        "DROP TRIGGER IF EXISTS portal_summary_delete",
    ],
}


def install_triggers(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    statements = {"postgresql": [PG_FUNCTION, *PG_TRIGGERS], "sqlite": SQLITE_TRIGGERS}
    for sql in statements.get(vendor, []):
        schema_editor.execute(sql, params=None)
    if vendor in statements:
        schema_editor.execute(
            "INSERT INTO portal_commitmentsummary (status, is_public, deadline, n) "
            "SELECT status, is_public, deadline, COUNT(*) FROM commitments_commitment "
            "GROUP BY status, is_public, deadline",
            params=None,
        )


def drop_triggers(apps, schema_editor) -> None:
    for sql in DROP.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql, params=None)

"""Room on each page of the score table (PostgreSQL): ``fillfactor = 50``.

A campaign enrols its scores (one INSERT of units × leaves rows) and computes them right
away; each computation then rewrites the rows whose values changed. With full pages every
rewritten row moves to another page and gets a new entry in each of the table's four
indexes; with half of each page free the new version stays on its page and no index is
touched (a heap-only tuple update). No effect on SQLite.
"""

from django.db import migrations

FORWARD = "ALTER TABLE assessment_score SET (fillfactor = 50)"
BACKWARD = "ALTER TABLE assessment_score RESET (fillfactor)"


def run(sql: str):
    def apply(apps, schema_editor) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("assessment", "0005_labels_created")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]

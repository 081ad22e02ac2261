import datetime

from django.db import migrations


def seed(apps, schema_editor):
    rules = apps.get_model("assessment", "AssessmentRules")
    if not rules.objects.filter(jurisdiction__isnull=True).exists():
        rules.objects.create(
            valid_from=datetime.date(2000, 1, 1),
            source="DOMAIN.md §5 national defaults",
        )


class Migration(migrations.Migration):
    dependencies = [("assessment", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

"""The seeded assessment rules name their source in Chinese (0002 wrote English words)."""

from django.db import migrations

OLD, NEW = "DOMAIN.md §5 national defaults", "平台默认值（业务规则说明第五节）"


def rename(apps, schema_editor):
    apps.get_model("assessment", "AssessmentRules").objects.filter(source=OLD).update(source=NEW)


def restore(apps, schema_editor):
    apps.get_model("assessment", "AssessmentRules").objects.filter(source=NEW).update(source=OLD)


class Migration(migrations.Migration):
    dependencies = [("assessment", "0005_labels_created")]
    operations = [migrations.RunPython(rename, restore)]

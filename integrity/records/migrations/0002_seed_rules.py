from django.db import migrations


def seed(apps, schema_editor):
    from integrity.records.seeds import seed_rules

    seed_rules(apps.get_model("records", "PublicationRule"), apps.get_model("records", "ProcedureRule"))


class Migration(migrations.Migration):
    dependencies = [("records", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

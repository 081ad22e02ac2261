from django.db import migrations


def seed(apps, schema_editor):
    from integrity.records.seeds import seed_joint_rules

    seed_joint_rules(
        apps.get_model("records", "SanctionMeasure"), apps.get_model("records", "ListCriteria")
    )


class Migration(migrations.Migration):
    dependencies = [("records", "0006_unit_side_joint_sanctions_lists")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

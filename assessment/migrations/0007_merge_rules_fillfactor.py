from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("assessment", "0006_rule_source_chinese"),
        ("assessment", "0006_score_fillfactor"),
    ]

    operations = []

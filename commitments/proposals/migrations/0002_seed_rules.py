import datetime

from django.db import migrations

SOURCE = "代表法；各地建议提案办理办法（默认值）"
CATEGORIES = [
    ("A", "已经解决或基本解决（含采纳）", False, 1),
    ("B", "正在解决或已列入计划解决", True, 2),
    ("C", "留作参考或因条件限制暂不能解决", False, 3),
]


def seed(apps, schema_editor):
    start = datetime.date(2000, 1, 1)
    HandlingRule = apps.get_model("proposals", "HandlingRule")
    ReplyCategory = apps.get_model("proposals", "ReplyCategory")
    if not HandlingRule.objects.filter(jurisdiction__isnull=True).exists():
        HandlingRule.objects.create(
            valid_from=start, source=SOURCE, reply_months=3, max_months=6,
            return_window_workdays=7, cohandler_months=1, rehandling_months=1,
            remind_days_before=15,
        )
    if not ReplyCategory.objects.filter(jurisdiction__isnull=True).exists():
        for code, name, followup, order in CATEGORIES:
            ReplyCategory.objects.create(valid_from=start, source=SOURCE, code=code, name=name,
                                         creates_followup=followup, sort_order=order)


class Migration(migrations.Migration):
    dependencies = [("proposals", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

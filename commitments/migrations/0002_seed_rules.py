"""Seed the national default rule rows (editable by an administrator afterwards)."""

import datetime
from decimal import Decimal

from django.db import migrations

START = datetime.date(2000, 1, 1)
SOURCE = "DOMAIN.md §1 default"
DUE_SOON_DAYS = {
    "": 10, "time_limit": 5, "service_quality": 5, "sme_payment": 5, "ppp": 10,
    "local_debt": 20, "investment": 10, "livelihood": 10, "rectification": 5,
    "proposal_followup": 5, "guarantee": 5,
}


def seed(apps, schema_editor):
    DueSoonRule = apps.get_model("commitments", "DueSoonRule")
    for kind, days in DUE_SOON_DAYS.items():
        DueSoonRule.objects.create(kind=kind, working_days=days, stale_months=3,
                                   valid_from=START, source=SOURCE)
    apps.get_model("commitments", "SMEPaymentRule").objects.create(
        default_term_days=30, max_term_days=60, default_daily_rate=Decimal("0.0005"),
        valid_from=datetime.date(2020, 9, 1),
        source="保障中小企业款项支付条例 (2020); default",
    )
    apps.get_model("commitments", "DebtRiskRule").objects.create(
        red_from=Decimal("300"), orange_from=Decimal("200"), yellow_from=Decimal("120"),
        is_default=True, valid_from=START, source="默认阈值 (default thresholds)",
    )
    apps.get_model("commitments", "PPPLimitRule").objects.create(
        limit_percent=Decimal("10"), new_government_pays_percent=Decimal("5"),
        valid_from=datetime.date(2019, 3, 7), source="财金〔2019〕10号",
    )


class Migration(migrations.Migration):
    dependencies = [("commitments", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

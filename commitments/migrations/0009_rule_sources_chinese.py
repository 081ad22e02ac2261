"""The seeded rule rows name their source in Chinese (0002 wrote English words)."""

from django.db import migrations

RENAMED = {
    "DueSoonRule": {"DOMAIN.md §1 default": "平台默认值（业务规则说明第一节）"},
    "SMEPaymentRule": {
        "保障中小企业款项支付条例 (2020); default": "《保障中小企业款项支付条例》（2020年）默认值"
    },
    "DebtRiskRule": {"默认阈值 (default thresholds)": "默认阈值"},
}


def rename(apps, schema_editor, reverse=False):
    for model_name, sources in RENAMED.items():
        model = apps.get_model("commitments", model_name)
        for old, new in sources.items():
            before, after = (new, old) if reverse else (old, new)
            model.objects.filter(source=before).update(source=after)


def restore(apps, schema_editor):
    rename(apps, schema_editor, reverse=True)


class Migration(migrations.Migration):
    dependencies = [("commitments", "0008_sme_contract_complaint")]
    operations = [migrations.RunPython(rename, restore)]

"""National default rule rows (DOMAIN.md §3, research/domain-rules.md §2.3).

Three generations of publication periods, chosen by the determination date:
2019 (发改办财金〔2019〕527号; minor records, not a category then, follow 一般),
2023 (国家发展改革委令2023年第58号: 3 months to 3 years for every class),
2026-04-01 (国家发展改革委令2025年第36号).
"""

import datetime

D = datetime.date
RULE_2019 = "发改办财金〔2019〕527号"
RULE_2023 = "国家发展改革委令2023年第58号"
RULE_2026 = "国家发展改革委令2025年第36号"

# (valid_from, valid_to, source, severity, min_months, max_months, published_by_default)
PUBLICATION_RULES = [
    (D(2019, 1, 1), D(2023, 4, 30), RULE_2019, "minor", 3, 12, True),
    (D(2019, 1, 1), D(2023, 4, 30), RULE_2019, "general", 3, 12, True),
    (D(2019, 1, 1), D(2023, 4, 30), RULE_2019, "serious", 6, 36, True),
    (D(2023, 5, 1), D(2026, 3, 31), RULE_2023, "minor", 3, 36, True),
    (D(2023, 5, 1), D(2026, 3, 31), RULE_2023, "general", 3, 36, True),
    (D(2023, 5, 1), D(2026, 3, 31), RULE_2023, "serious", 3, 36, True),
    (D(2026, 4, 1), None, RULE_2026, "minor", 0, 3, False),
    (D(2026, 4, 1), None, RULE_2026, "general", 3, 12, True),
    (D(2026, 4, 1), None, RULE_2026, "serious", 12, 36, True),
]


def seed_rules(PublicationRule, ProcedureRule) -> None:
    """Idempotent: adds the national rows that are missing."""
    for valid_from, valid_to, source, severity, low, high, published in PUBLICATION_RULES:
        PublicationRule.objects.get_or_create(
            jurisdiction=None,
            valid_from=valid_from,
            severity=severity,
            defaults={
                "valid_to": valid_to,
                "source": source,
                "min_months": low,
                "max_months": high,
                "published_by_default": published,
            },
        )
    ProcedureRule.objects.get_or_create(
        jurisdiction=None,
        valid_from=D(2019, 1, 1),
        defaults={"source": "默认值（可由管理员修改）"},
    )

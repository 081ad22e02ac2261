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


# --- joint rewards and sanctions (联合奖惩) ---------------------------------------------

RULE_GUIDANCE = "国发〔2016〕76号《关于加强政务诚信建设的指导意见》"
RULE_JOINT = "国发〔2016〕33号《关于建立完善守信联合激励和失信联合惩戒制度的指导意见》"
RULE_CIVIL = "《公务员法》；《公务员考核规定》"

# (code, name, kind, subject, legal basis, implementing department, feedback working days)
SANCTION_MEASURES = [
    ("CJ-01", "取消参加各类荣誉评选资格", "punishment", "unit", RULE_GUIDANCE, "组织人事部门", 15),
    ("CJ-02", "在一定范围内予以通报批评", "punishment", "unit", RULE_GUIDANCE, "政府办公室", 10),
    (
        "CJ-03",
        "对主要负责人依法依规追究责任",
        "punishment",
        "unit",
        RULE_GUIDANCE,
        "纪检监察机关",
        20,
    ),
    ("CJ-04", "限制申请财政性资金项目", "punishment", "unit", RULE_JOINT, "财政部门", 15),
    ("CJ-05", "在政务诚信考核中予以扣分", "punishment", "unit", RULE_GUIDANCE, "发展改革部门", 15),
    ("CJ-06", "不得评定为优秀等次", "punishment", "official", RULE_CIVIL, "组织人事部门", 15),
    ("CJ-07", "限制提拔任用", "punishment", "official", RULE_CIVIL, "组织人事部门", 15),
    ("JL-01", "在财政资金安排中予以优先支持", "incentive", "unit", RULE_JOINT, "财政部门", 15),
    ("JL-02", "在评优评先中予以优先考虑", "incentive", "unit", RULE_JOINT, "组织人事部门", 15),
]

LIST_CRITERIA_SOURCE = "默认标准（可由管理员修改）"


def seed_joint_rules(SanctionMeasure, ListCriteria) -> None:
    """Idempotent: the national measure catalogue and list criteria that are missing."""
    for code, name, kind, subject, basis, department, days in SANCTION_MEASURES:
        SanctionMeasure.objects.get_or_create(
            jurisdiction=None,
            code=code,
            valid_from=D(2016, 12, 30),
            defaults={
                "name": name,
                "kind": kind,
                "subject": subject,
                "legal_basis": basis,
                "department_name": department,
                "feedback_days": days,
                "source": basis,
            },
        )
    ListCriteria.objects.get_or_create(
        jurisdiction=None,
        valid_from=D(2019, 1, 1),
        defaults={
            "source": LIST_CRITERIA_SOURCE,
            "description": "红榜：本期无公示中的失信记录且承诺践诺率不低于90%；"
            "黑榜：本期末有一般及以上程度的失信记录处于公示期。",
        },
    )

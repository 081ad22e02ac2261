from assessment.models.campaigns import (
    Campaign,
    CampaignUnit,
    Objection,
    ReportJob,
    Score,
    ScoreChange,
)
from assessment.models.rules import AssessmentRules
from assessment.models.schemes import GradeBand, Indicator, PeerGroup, Scheme

__all__ = [
    "AssessmentRules",
    "Campaign",
    "CampaignUnit",
    "GradeBand",
    "Indicator",
    "Objection",
    "PeerGroup",
    "ReportJob",
    "Scheme",
    "Score",
    "ScoreChange",
]

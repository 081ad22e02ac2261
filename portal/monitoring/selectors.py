"""Reads that feed the monitoring pages and the PDF."""

from django.db.models import QuerySet

from .charts import bar_chart_svg
from .models import Metric, MonitoringReport

CHARTED = (
    Metric.OVERDUE,
    Metric.NEW_RECORDS,
    Metric.COMPLAINTS_RECEIVED,
    Metric.PROPOSALS_REPLIED,
)


def published_reports() -> QuerySet[MonitoringReport]:
    return MonitoringReport.objects.defer("figures", "changes").order_by("-month")


def _unit_order(item: tuple[str, dict]) -> tuple:
    figures = item[1]
    return (figures.get("level") != "county", figures["path"])


def unit_rows(report: MonitoringReport) -> list[dict]:
    """One dict per unit, counties first, then departments; figures, changes, ``worsened``."""
    rows = []
    for pk, figures in sorted(report.figures.items(), key=_unit_order):
        change = report.changes.get(pk, {})
        rows.append(
            {
                **figures,
                "id": int(pk),
                "change": {m.value: change.get(m.value, 0) for m in Metric},
                "worsened": int(pk) in report.worsened,
            }
        )
    return rows


def charts(report: MonitoringReport) -> list[dict]:
    """For each charted metric: its label, the SVG chart and the rows of its data table."""
    rows = unit_rows(report)
    result = []
    for metric in CHARTED:
        data = [(row["name"], row[metric.value], row["change"][metric.value]) for row in rows]
        result.append(
            {
                "metric": metric.value,
                "label": metric.label,
                "svg": bar_chart_svg([(n, v) for n, v, _c in data], title=str(metric.label)),
                "rows": data,
            }
        )
    return result


def metric_table(report: MonitoringReport) -> list[dict]:
    """Totals of every metric with the change from the month before."""
    return [
        {
            "label": metric.label,
            "value": report.totals.get(metric.value, 0),
            "change": report.changes.get("totals", {}).get(metric.value, 0),
        }
        for metric in Metric
    ]

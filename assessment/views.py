"""Public results (portal): nothing is shown before publication."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from assessment import selectors
from assessment.models import Campaign, CampaignUnit


class ResultsIndexView(TemplateView):
    template_name = "assessment/portal/index.html"

    def get_context_data(self, **kwargs):
        campaigns = selectors.published_campaigns().order_by("-year", "organisation__path")
        return {**super().get_context_data(**kwargs), "campaigns": campaigns}


class PublishedCampaignMixin:
    def get_campaign(self) -> Campaign:
        return get_object_or_404(selectors.published_campaigns(), pk=self.kwargs["pk"])


class RankingView(PublishedCampaignMixin, TemplateView):
    template_name = "assessment/portal/ranking.html"

    def get_context_data(self, **kwargs):
        campaign = self.get_campaign()
        bands = list(campaign.scheme.bands.all())
        distribution = selectors.grade_distribution(campaign, bands)
        peak = max([n for _, n in distribution] + [1])
        return {
            **super().get_context_data(**kwargs),
            "campaign": campaign,
            "groups": selectors.grouped_ranking(campaign),
            "previous": selectors.previous_campaign(campaign),
            "distribution": [(name, n, round(100 * n / peak)) for name, n in distribution],
            "grade_labels": [name for name, _n in distribution],
            "grade_series": [(_("Grade distribution"), [n for _name, n in distribution])],
            "bands": bands,
        }


class UnitResultView(PublishedCampaignMixin, TemplateView):
    template_name = "assessment/portal/unit.html"

    def get_context_data(self, **kwargs):
        campaign = self.get_campaign()
        unit = get_object_or_404(
            CampaignUnit.objects.select_related("organisation", "peer_group"),
            campaign=campaign,
            pk=self.kwargs["unit_pk"],
        )
        previous = selectors.previous_campaign(campaign)
        last = previous.units.filter(organisation=unit.organisation).first() if previous else None
        return {
            **super().get_context_data(**kwargs),
            "campaign": campaign,
            "unit": unit,
            "last": last,
            "scores": selectors.scores_of(unit),
        }


class MethodView(PublishedCampaignMixin, TemplateView):
    """The method page, generated from the scheme."""

    template_name = "assessment/portal/method.html"

    def get_context_data(self, **kwargs):
        campaign = self.get_campaign()
        scheme = campaign.scheme
        if scheme is None:
            raise Http404
        indicators = scheme.indicators.select_related("parent").order_by("level", "sort_order")
        return {
            **super().get_context_data(**kwargs),
            "campaign": campaign,
            "scheme": scheme,
            "tree": tree_rows(list(indicators)),
            "bands": scheme.bands.all(),
            "groups": scheme.peer_groups.all(),
        }


def tree_rows(indicators: list) -> list:
    """Indicators in depth-first order (for an indented table)."""
    children: dict = {}
    for node in indicators:
        children.setdefault(node.parent_id, []).append(node)
    rows: list = []

    def walk(parent_id):
        for node in sorted(children.get(parent_id, []), key=lambda n: (n.sort_order, n.code)):
            rows.append(node)
            walk(node.pk)

    walk(None)
    return rows

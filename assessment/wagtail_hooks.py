"""Back office of the assessment: scheme editor, campaigns, review, objections."""

from django.core.exceptions import ValidationError
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup

from assessment import actions, admin_views, job_views, services, year_views
from assessment.models import AssessmentRules, Indicator, Scheme
from integrity.core.permissions import org_scope
from integrity.core.rule_viewsets import RuleViewSet
from integrity.core.viewsets import (
    ScopedDeleteView,
    ScopedEditView,
    ScopedIndexView,
    ScopedModelViewSet,
)


class ServiceErrorMixin:
    """Show a service's ValidationError (e.g. a frozen scheme) as a form error."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)


class SchemeCreateView(ServiceErrorMixin, generic.CreateView):
    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["organisation"].queryset = org_scope(self.request.user)
        return form

    def save_instance(self):
        data = self.form.cleaned_data
        return services.scheme_create(
            organisation=data["organisation"],
            year=data["year"],
            name=data["name"],
            total_points=data["total_points"],
            description=data["description"],
            by=self.request.user,
        )


class SchemeEditView(ServiceErrorMixin, ScopedEditView):
    def save_instance(self):
        return services.scheme_update(
            scheme=self.form.instance, by=self.request.user, data=self.form.cleaned_data
        )


class SchemeIndexView(ScopedIndexView):
    """Each scheme links to its page: the tree with weights, export and import."""

    def get_list_more_buttons(self, instance):
        from wagtail.admin.ui.menus import MenuItem as ListingItem

        return [
            ListingItem(
                _("Indicator tree and weights"),
                url=reverse("assessment_admin:tree", args=[instance.pk]),
                icon_name="list-ol",
                priority=5,
            ),
            *super().get_list_more_buttons(instance),
        ]


class SchemeViewSet(ScopedModelViewSet):
    model = Scheme
    name = "assessment_schemes"
    url_prefix = "assessment/schemes"
    icon = "list-ol"
    menu_label = _("Indicator schemes")
    index_view_class = SchemeIndexView
    add_view_class = SchemeCreateView
    edit_view_class = SchemeEditView
    inspect_view_enabled = True
    list_display = ["name", "year", "organisation", "status"]
    list_filter = ["year", "status"]
    search_fields = ["name"]
    panels = [
        FieldPanel("organisation"),
        FieldPanel("year"),
        FieldPanel("name"),
        FieldPanel("total_points"),
        FieldPanel("description"),
    ]


class IndicatorFormMixin(ServiceErrorMixin):
    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        from assessment.metrics import metric_choices
        from integrity.core.permissions import scope_queryset

        schemes = scope_queryset(self.request.user, Scheme.objects.filter(status="draft"))
        form.fields["scheme"].queryset = schemes
        form.fields["parent"].queryset = Indicator.objects.filter(scheme__in=schemes)
        form.fields["metric_code"].widget.choices = [("", "—"), *metric_choices()]
        return form

    def data(self):
        return {f: self.form.cleaned_data[f] for f in services.schemes.INDICATOR_FIELDS}


class IndicatorCreateView(IndicatorFormMixin, generic.CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return services.indicator_add(
            scheme=data["scheme"], parent=data["parent"], by=self.request.user, **self.data()
        )


class IndicatorEditView(IndicatorFormMixin, ScopedEditView):
    def save_instance(self):
        return services.indicator_update(
            indicator=self.form.instance,
            by=self.request.user,
            data={**self.data(), "parent": self.form.instance.parent},
        )


class IndicatorDeleteView(ScopedDeleteView):
    def delete_action(self):
        services.indicator_delete(indicator=self.object, by=self.request.user)


class IndicatorViewSet(ScopedModelViewSet):
    model = Indicator
    name = "assessment_indicators"
    url_prefix = "assessment/indicators"
    icon = "list-ul"
    menu_label = _("Indicators")
    add_view_class = IndicatorCreateView
    edit_view_class = IndicatorEditView
    delete_view_class = IndicatorDeleteView
    list_display = ["code", "name", "scheme", "level", "points", "method"]
    list_filter = ["scheme", "method", "level"]
    # Download of the (filtered) listing; cells are neutralised by ScopedIndexView.
    list_export = ["code", "name", "scheme", "level", "points", "method", "per_item", "cap"]
    search_fields = ["code", "name"]
    ordering = ["scheme", "sort_order", "code"]
    panels = [
        FieldPanel(f)
        for f in (
            "scheme",
            "parent",
            "code",
            "name",
            "points",
            "method",
            "metric_code",
            "per_item",
            "cap",
            "description",
            "sort_order",
        )
    ]


class AssessmentGroup(ViewSetGroup):
    menu_label = _("Annual assessment")
    menu_icon = "tasks"
    menu_order = 400
    items = (
        SchemeViewSet,
        IndicatorViewSet,
        RuleViewSet(
            "assessment_rules",
            url_prefix="assessment/rules",
            model=AssessmentRules,
            icon="cogs",
            menu_label=_("Assessment rules"),
            list_display=[
                "objection_working_days",
                "self_assessment_working_days",
                "rectification_working_days",
                "minimum_sample_size",
            ],
        ),
    )


@hooks.register("register_admin_viewset")
def register_assessment_group():
    return AssessmentGroup()


admin_urls = [
    path("", admin_views.campaign_list, name="campaigns"),
    path("<int:pk>/", admin_views.campaign_dashboard, name="campaign"),
    path("<int:pk>/step/<str:action>/", actions.CampaignStepView.as_view(), name="step"),
    path("<int:pk>/reports/", actions.ReportRequestView.as_view(), name="report"),
    path("reports/<int:pk>/", admin_views.report_download, name="download"),
    path("reports/<int:pk>/status/", job_views.report_status, name="report_status"),
    path("units/<int:pk>/", admin_views.unit_sheet, name="unit"),
    path("schemes/<int:pk>/xlsx/", admin_views.scheme_xlsx, name="scheme_xlsx"),
    path("schemes/<int:pk>/import/", admin_views.scheme_import, name="scheme_import"),
    path("units/<int:pk>/submit/", actions.UnitSubmitView.as_view(), name="submit"),
    path("units/<int:pk>/objection/", actions.ObjectionSubmitView.as_view(), name="object"),
    path("scores/<int:pk>/review/", actions.ScoreReviewView.as_view(), name="review"),
    path("scores/<int:pk>/self/", actions.ScoreSelfAssessView.as_view(), name="self"),
    path("scores/<int:pk>/cases/", admin_views.score_cases, name="cases"),
    path("objections/<int:pk>/answer/", actions.ObjectionAnswerView.as_view(), name="answer"),
    path("open/", year_views.year_open, name="open"),
    path("scores/<int:pk>/evidence/", admin_views.score_evidence, name="evidence"),
    path("<int:pk>/prepare/", year_views.campaign_prepare, name="prepare"),
    path("<int:pk>/start/", actions.CampaignStartView.as_view(), name="start"),
    path("<int:pk>/third-party/", year_views.third_party_upload, name="third_party"),
    path("enrolled/<int:pk>/remove/", actions.UnitRemoveView.as_view(), name="unit_remove"),
    path("schemes/<int:pk>/tree/", year_views.scheme_tree, name="tree"),
    path("schemes/<int:pk>/indicators/add/", year_views.indicator_add, name="indicator_add"),
    path("indicators/<int:pk>/edit/", year_views.indicator_edit, name="indicator_edit"),
    path(
        "indicators/<int:pk>/delete/",
        actions.IndicatorDeleteView.as_view(),
        name="indicator_delete",
    ),
]


@hooks.register("register_admin_urls")
def register_assessment_urls():
    return [path("assessment/", include((admin_urls, "assessment_admin")))]


@hooks.register("register_admin_menu_item")
def register_campaign_menu_item():
    return MenuItem(
        _("Assessment campaigns"),
        reverse("assessment_admin:campaigns"),
        icon_name="tasks",
        order=401,
    )


@hooks.register("integrity_todo_items")
def assessment_todo_items(request):
    from assessment.todo import todo_items

    return todo_items(request)

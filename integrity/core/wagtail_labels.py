"""Labels Wagtail derives from raw field names, which no catalogue can translate.

The sites list names three columns after their fields ("Port", "Site name", "Root page")
and the workflow editor's page chooser is labelled "Page": they get the model fields'
own (translated) verbose names instead.
"""

from django.utils.text import capfirst


def label_wagtail_fields() -> None:
    from wagtail.admin.forms.workflows import WorkflowPageForm
    from wagtail.models import Site, WorkflowPage
    from wagtail.sites.views import IndexView

    for column in IndexView.columns:
        if column.name in ("port", "site_name", "root_page"):
            column.label = capfirst(Site._meta.get_field(column.name).verbose_name)
    field = WorkflowPageForm.base_fields["page"]
    field.label = capfirst(WorkflowPage._meta.get_field("page").verbose_name)

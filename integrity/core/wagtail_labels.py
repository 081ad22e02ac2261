"""Labels Wagtail derives from raw field names, which no catalogue can translate.

The sites list names three columns after their fields ("Port", "Site name", "Root page")
and the workflow and group editors' page choosers are labelled "Page": they get the model
fields' own (translated) verbose names instead. The group editor's page permissions show
as Django's English names ("wagtailcore | page | Can add page"): they get Wagtail's
translated descriptions.
"""

from django.utils.text import capfirst


def label_wagtail_fields() -> None:
    from wagtail.admin.forms.workflows import WorkflowPageForm
    from wagtail.models import GroupPagePermission, Site, WorkflowPage
    from wagtail.models.pages import PAGE_PERMISSION_TYPES
    from wagtail.sites.views import IndexView
    from wagtail.users.forms import PagePermissionsForm

    for column in IndexView.columns:
        if column.name in ("port", "site_name", "root_page"):
            column.label = capfirst(Site._meta.get_field(column.name).verbose_name)
    field = WorkflowPageForm.base_fields["page"]
    field.label = capfirst(WorkflowPage._meta.get_field("page").verbose_name)
    fields = PagePermissionsForm.base_fields
    fields["page"].label = capfirst(GroupPagePermission._meta.get_field("page").verbose_name)
    described = {f"{code}_page": text for code, _short, text in PAGE_PERMISSION_TYPES}
    fields["permissions"].label_from_instance = lambda p: described.get(p.codename, p.name)

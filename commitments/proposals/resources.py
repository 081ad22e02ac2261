"""Import of a session's items from a spreadsheet; exports of items and published replies.

No export carries the authors' contact details.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from integrity.core.resources import ChoiceLabelWidget, ScopedResource
from integrity.core.spreadsheet import NeutralisingResourceMixin

from . import selectors, services
from .models import Item, Kind, Member, Reply


class ItemResource(ScopedResource):
    number = fields.Field(attribute="number", column_name="编号", widget=widgets.CharWidget())
    year = fields.Field(attribute="year", column_name="年度", widget=widgets.IntegerWidget())
    kind = fields.Field(attribute="kind", column_name="类别", widget=ChoiceLabelWidget(Kind))
    session = fields.Field(attribute="session", column_name="届次", widget=widgets.CharWidget())
    title = fields.Field(attribute="title", column_name="标题", widget=widgets.CharWidget())
    content = fields.Field(attribute="content", column_name="内容", widget=widgets.CharWidget())
    lead = fields.Field(column_name="领衔人", readonly=True)
    delegation = fields.Field(column_name="代表团/界别", readonly=True)
    co_authors = fields.Field(column_name="联名人", readonly=True)
    status = fields.Field(
        attribute="status", column_name="状态", readonly=True, widget=ChoiceLabelWidget(Item.Status)
    )
    units = fields.Field(column_name="承办单位", readonly=True)

    class Meta:
        model = Item
        fields = (
            "number",
            "year",
            "kind",
            "session",
            "title",
            "content",
            "lead",
            "delegation",
            "co_authors",
            "status",
            "units",
        )
        import_id_fields = ()
        clean_model_instances = False

    def get_export_queryset(self):
        return (
            selectors.items_for(self.user)
            .select_related("lead_author")
            .prefetch_related("co_authors", "assignments__unit")
        )

    def template_rows(self):
        return [
            [
                "101",
                "2025",
                "代表建议",
                "市十七届人大四次会议",
                "关于改善老旧小区停车的建议",
                "建议……",
                "王某",
                "北塘县代表团",
                "李某、赵某",
                "",
                "",
            ]
        ]

    def dehydrate_lead(self, item):
        return item.lead_author.name

    def dehydrate_delegation(self, item):
        return item.lead_author.delegation

    def dehydrate_co_authors(self, item):
        return "、".join(m.name for m in item.co_authors.all())

    def dehydrate_units(self, item):
        return "、".join(f"{a.unit.name}（{a.get_role_display()}）" for a in item.assignments.all())

    def get_instance(self, instance_loader, row):
        return None  # registration only creates; duplicates fail the unique number check

    def _member(self, kind: str, name: str, delegation: str = "") -> Member:
        office = self.user.organisation
        member = Member.objects.filter(organisation=office, kind=kind, name=name).first()
        return member or services.member_create(
            by=self.user, organisation=office, kind=kind, name=name, delegation=delegation
        )

    def before_import_row(self, row, **kwargs):
        for column in ("编号", "年度", "类别", "标题", "领衔人"):
            if not str(row.get(column) or "").strip():
                raise ValidationError(_("“%(column)s” is required.") % {"column": column})
        super().before_import_row(row, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        instance._row = row

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        office = self.user.organisation
        if Item.objects.filter(
            organisation=office, kind=instance.kind, year=instance.year, number=instance.number
        ).exists():
            raise ValidationError({"number": _("This number is already registered.")})
        super().validate_instance(instance, import_validation_errors, validate_unique)

    def do_instance_save(self, instance, is_create):
        row = instance._row
        lead = self._member(
            instance.kind, str(row["领衔人"]).strip(), str(row.get("代表团/界别") or "").strip()
        )
        names = [n.strip() for n in str(row.get("联名人") or "").replace(",", "、").split("、")]
        saved = services.item_register(
            by=self.user,
            organisation=self.user.organisation,
            kind=instance.kind,
            year=instance.year,
            number=instance.number,
            title=instance.title,
            content=instance.content or "",
            session=instance.session or "",
            lead_author=lead,
            co_authors=[self._member(instance.kind, n) for n in names if n],
        )
        instance.pk, instance.id = saved.pk, saved.pk


class PublishedReplyResource(NeutralisingResourceMixin, resources.ModelResource):
    """Open-data export of published replies (redacted text only)."""

    year = fields.Field(attribute="assignment__item__year", column_name="年度")
    number = fields.Field(attribute="assignment__item__number", column_name="编号")
    item_title = fields.Field(attribute="assignment__item__title", column_name="建议提案标题")
    unit = fields.Field(attribute="assignment__unit__name", column_name="承办单位")
    category = fields.Field(attribute="category", column_name="答复类别")
    title = fields.Field(attribute="title", column_name="答复标题")
    text = fields.Field(column_name="公开内容")
    sent_on = fields.Field(attribute="sent_on", column_name="答复日期", widget=widgets.DateWidget())

    class Meta:
        model = Reply
        fields = ("year", "number", "item_title", "unit", "category", "title", "text", "sent_on")

    def __init__(self, user=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user

    def dehydrate_text(self, reply):
        return reply.public_text()

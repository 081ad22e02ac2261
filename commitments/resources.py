"""Import and export of commitment lists (Chinese headers of the usual template)."""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from import_export import fields, widgets

from integrity.core.permissions import scope_queryset
from integrity.core.resources import ChoiceLabelWidget, OrganisationWidget, ScopedResource
from integrity.core.uscc import is_valid_uscc, normalise

from .models import Commitment, Obligation
from .services import commitment_create, obligation_add

DATE_PATTERNS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
)
TEN_THOUSAND = Decimal("10000")


def parse_date(value) -> datetime.date | None:
    """2026-12-31, 2026/12/31, 2026年12月31日 (or an Excel date cell)."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value or "").strip()
    if not text:
        return None
    text = text.split(" ")[0]
    for pattern in DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            try:
                return datetime.date(*map(int, match.groups()))
            except ValueError:
                break
    raise ValueError(_("“%(value)s” is not a valid date (use 2026-12-31).") % {"value": text})


def parse_money(value) -> Decimal | None:
    """Yuan with optional thousands separators; a 万元 suffix multiplies by 10,000."""
    if value is None or str(value).strip() == "":
        return None
    text = str(value).strip().replace(",", "").replace("，", "").replace(" ", "")
    factor = Decimal(1)
    if text.endswith("万元") or text.endswith("万"):
        text, factor = text.rstrip("元").rstrip("万"), TEN_THOUSAND
    text = text.removesuffix("元")
    try:
        amount = (Decimal(text) * factor).quantize(Decimal("0.01"))
    except InvalidOperation as error:
        raise ValueError(_("“%(value)s” is not an amount.") % {"value": value}) from error
    if amount < 0:
        raise ValueError(_("Amounts cannot be negative (“%(value)s”).") % {"value": value})
    return amount


class FastChoiceWidget(ChoiceLabelWidget):
    """ChoiceLabelWidget with the labels looked up once, not once per row."""

    def __init__(self, choices, **kwargs):
        super().__init__(choices, **kwargs)
        self._map: dict[str, str] | None = None

    def clean(self, value, row=None, **kwargs):
        if self._map is None:
            self._map = {}
            for key, label in self.choices.choices:
                self._map[key] = key
                for language in ("zh-hans", "en"):
                    with translation.override(language):
                        self._map[str(label)] = key
        text = str(value or "").strip()
        if not text:
            return ""
        if text in self._map:
            return self._map[text]
        return super().clean(value, row, **kwargs)


class DateWidget(widgets.Widget):
    numeric = True  # a date, never free text (see integrity.core.spreadsheet)

    def clean(self, value, row=None, **kwargs):
        return parse_date(value)

    def render(self, value, obj=None, **kwargs):
        return value.strftime("%Y-%m-%d") if value else ""


class MoneyWidget(widgets.Widget):
    numeric = True

    def clean(self, value, row=None, **kwargs):
        return parse_money(value)

    def render(self, value, obj=None, **kwargs):
        return f"{value:.2f}" if value is not None else ""


class UsccWidget(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        code = normalise(str(value or ""))
        if code and not is_valid_uscc(code):
            raise ValueError(
                _("“%(value)s” is not a valid unified social credit code.") % {"value": value}
            )
        return code


class YesNoWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        return str(value or "").strip() not in {"否", "不公开", "0", "false", "False", "no"}

    def render(self, value, obj=None, **kwargs):
        return "是" if value else "否"


def _text(attribute: str, header: str) -> fields.Field:
    return fields.Field(
        attribute=attribute, column_name=header, widget=widgets.CharWidget(), default=""
    )


class CommitmentResource(ScopedResource):
    """One row per commitment; every imported row goes through ``commitment_create``."""

    code = _text("code", "编号")
    title = _text("title", "承诺事项")
    kind = fields.Field(
        attribute="kind", column_name="承诺类型", widget=FastChoiceWidget(Commitment.Kind)
    )
    content = _text("content", "承诺内容")
    target = _text("target", "承诺目标")
    deadline = fields.Field(attribute="deadline", column_name="承诺时限", widget=DateWidget())
    organisation = fields.Field(attribute="organisation", column_name="责任单位")
    responsible_leader = _text("responsible_leader", "责任领导")
    responsible_person = _text("responsible_person", "责任人")
    counterparty = _text("counterparty", "服务对象/相对人")
    counterparty_uscc = fields.Field(
        attribute="counterparty_uscc",
        column_name="统一社会信用代码",
        widget=UsccWidget(),
        default="",
    )
    source_document = _text("source_document", "依据文件")
    amount_due = fields.Field(
        attribute="amount_due", column_name="应付金额（元）", widget=MoneyWidget()
    )
    amount_paid = fields.Field(
        attribute="amount_paid", column_name="已付金额（元）", widget=MoneyWidget()
    )
    is_public = fields.Field(attribute="is_public", column_name="是否公开", widget=YesNoWidget())
    status = fields.Field(
        attribute="status",
        column_name="践诺状态",
        widget=ChoiceLabelWidget(Commitment.Status),
        readonly=True,
    )

    class Meta:
        model = Commitment
        fields = (
            "code",
            "title",
            "kind",
            "content",
            "target",
            "deadline",
            "organisation",
            "responsible_leader",
            "responsible_person",
            "counterparty",
            "counterparty_uscc",
            "source_document",
            "amount_due",
            "amount_paid",
            "is_public",
            "status",
        )
        import_id_fields = ()
        use_bulk = False

    def __init__(self, user=None, **kwargs):
        super().__init__(user=user, **kwargs)
        self.fields["organisation"].widget = OrganisationWidget(user=user)

    def import_data(self, *args, **kwargs):
        # All-or-nothing: a row that fails validation rolls the whole file back too.
        kwargs["rollback_on_validation_errors"] = True
        return super().import_data(*args, **kwargs)

    def get_queryset(self):
        return scope_queryset(self.user, Commitment.objects.select_related("organisation"))

    def get_instance(self, instance_loader, row):
        return None  # imports always create new draft commitments

    def template_rows(self):
        return [
            [
                "",
                "为民办实事：新建村级卫生室",
                "民生实事",
                "新建3个标准化村卫生室",
                "3个卫生室投入使用",
                "2026年12月31日",
                "石桥镇人民政府",
                "张某某",
                "李某某",
                "辖区群众",
                "",
                "镇党委政府2026年民生实事清单",
                "1,200,000.00",
                "0",
                "是",
                "",
            ]
        ]

    def import_instance(self, instance, row, **kwargs):
        """As import-export's, but errors are keyed by the Chinese column header."""
        errors = {}
        for field in self.get_import_fields():
            try:
                self.import_field(field, instance, row, **kwargs)
            except ValueError as error:
                errors[field.column_name] = ValidationError(str(error), code="invalid")
        self.validate_instance(instance, errors)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        for attribute, header, message in (
            ("title", "承诺事项", _("The commitment is required.")),
            ("kind", "承诺类型", _("The kind is required.")),
            ("deadline", "承诺时限", _("The deadline is required.")),
            ("organisation", "责任单位", _("The responsible organisation is required.")),
        ):
            if (
                not getattr(instance, f"{attribute}_id", getattr(instance, attribute, None))
                and header not in errors
            ):
                errors.setdefault(header, []).append(message)
        if errors:
            raise ValidationError(errors)
        try:
            instance.full_clean(exclude=["organisation", "created_by", "status"])
        except ValidationError as error:
            raise ValidationError(self._headed(error.message_dict)) from error

    def _headed(self, message_dict: dict) -> dict:
        headers = {f.attribute: f.column_name for f in self.get_import_fields()}
        return {headers.get(name, name): messages for name, messages in message_dict.items()}

    def do_instance_save(self, instance, is_create):
        data = {
            name: getattr(instance, name)
            for name in (
                "code",
                "source_document",
                "responsible_leader",
                "responsible_person",
                "counterparty",
                "counterparty_uscc",
                "amount_due",
                "is_public",
            )
        }
        saved = commitment_create(
            by=self.user,
            organisation=instance.organisation,
            kind=instance.kind,
            title=instance.title,
            content=instance.content,
            target=instance.target,
            deadline=instance.deadline,
            amount_paid=instance.amount_paid or Decimal(0),
            **data,
        )
        instance.pk = saved.pk
        instance.status = saved.status


class CommitmentByCodeWidget(widgets.Widget):
    """A commitment by its number (编号), inside the importing user's area."""

    def __init__(self, user=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user
        self._index: dict[str, list[Commitment]] | None = None

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip()
        if not text:
            raise ValueError(_("The commitment number is required."))
        if self._index is None:
            self._index = {}
            for c in scope_queryset(self.user, Commitment.objects.exclude(code="")):
                self._index.setdefault(c.code, []).append(c)
        found = self._index.get(text, [])
        if len(found) != 1:
            raise ValueError(
                _("No single commitment numbered “%(value)s” in your area.") % {"value": text}
            )
        return found[0]

    def render(self, value, obj=None, **kwargs):
        return value.code if value else ""


class ObligationResource(ScopedResource):
    """Obligations (incentives, PPP payments, repayments) of existing commitments."""

    commitment = fields.Field(attribute="commitment", column_name="承诺编号")
    kind = fields.Field(
        attribute="kind", column_name="兑现类型", widget=FastChoiceWidget(Obligation.Kind)
    )
    description = _text("description", "兑现内容")
    condition = _text("condition", "兑现条件")
    amount = fields.Field(attribute="amount", column_name="金额（元）", widget=MoneyWidget())
    due_on = fields.Field(attribute="due_on", column_name="应兑现日期", widget=DateWidget())
    amount_paid = fields.Field(
        attribute="amount_paid", column_name="已兑现金额（元）", widget=MoneyWidget()
    )
    paid_on = fields.Field(attribute="paid_on", column_name="兑现日期", widget=DateWidget())

    class Meta:
        model = Obligation
        fields = (
            "commitment",
            "kind",
            "description",
            "condition",
            "amount",
            "due_on",
            "amount_paid",
            "paid_on",
        )
        import_id_fields = ()

    def __init__(self, user=None, **kwargs):
        super().__init__(user=user, **kwargs)
        self.fields["commitment"].widget = CommitmentByCodeWidget(user=user)

    def import_data(self, *args, **kwargs):
        kwargs["rollback_on_validation_errors"] = True
        return super().import_data(*args, **kwargs)

    def get_queryset(self):
        return scope_queryset(self.user, Obligation.objects.select_related("commitment"))

    def get_instance(self, instance_loader, row):
        return None

    def template_rows(self):
        return [
            ["CN2026-0001", "补贴", "设备购置补贴", "项目投产后", "500万元", "2026-12-31", "0", ""]
        ]

    import_instance = CommitmentResource.import_instance
    _headed = CommitmentResource._headed

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        for attribute, header in (
            ("kind", "兑现类型"),
            ("amount", "金额（元）"),
            ("due_on", "应兑现日期"),
        ):
            if getattr(instance, attribute, None) in (None, "") and header not in errors:
                errors.setdefault(header, []).append(_("This column is required."))
        if errors:
            raise ValidationError(errors)

    def do_instance_save(self, instance, is_create):
        saved = obligation_add(
            commitment=instance.commitment,
            by=self.user,
            kind=instance.kind,
            description=instance.description,
            condition=instance.condition,
            amount=instance.amount,
            due_on=instance.due_on,
            amount_paid=instance.amount_paid or Decimal(0),
            paid_on=instance.paid_on,
        )
        instance.pk = saved.pk

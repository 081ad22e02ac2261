"""Import and export of the money registers (Chinese column headers).

Imports are all-or-nothing (one bad row rolls the whole file back) with a row-by-row
report (``integrity.core.importing``); every row goes through a service."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _
from import_export import fields, widgets

from integrity.core.permissions import scope_queryset
from integrity.core.resources import OrganisationWidget, ScopedResource

from ..resources import CommitmentResource, DateWidget, MoneyWidget, UsccWidget, YesNoWidget, _text
from .models import FiscalYear, SMEContract
from .services import fiscal_year_save, sme_contract_create


class _ServiceResource(ScopedResource):
    """Rows are validated with Chinese headers and written by a service, never ``save()``."""

    import_instance = CommitmentResource.import_instance
    _headed = CommitmentResource._headed
    required: tuple[tuple[str, str], ...] = ()

    def __init__(self, user=None, **kwargs):
        super().__init__(user=user, **kwargs)
        self.fields["organisation"].widget = OrganisationWidget(user=user)

    def import_data(self, *args, **kwargs):
        kwargs["rollback_on_validation_errors"] = True
        return super().import_data(*args, **kwargs)

    def get_instance(self, instance_loader, row):
        return None

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        for attribute, header in self.required:
            value = getattr(instance, f"{attribute}_id", getattr(instance, attribute, None))
            if value in (None, "") and header not in errors:
                errors.setdefault(header, []).append(_("This column is required."))
        if errors:
            raise ValidationError(errors)

    def do_instance_save(self, instance, is_create):
        try:
            saved = self.save_by_service(instance)
        except ValidationError as error:
            messages = (
                error.message_dict
                if hasattr(error, "error_dict")
                else {NON_FIELD_ERRORS: error.messages}
            )
            raise ValidationError(self._headed(messages)) from error
        instance.pk = saved.pk


class SMEContractResource(_ServiceResource):
    organisation = fields.Field(attribute="organisation", column_name="付款单位")
    contract_no = _text("contract_no", "合同编号")
    contract_name = _text("contract_name", "合同名称")
    supplier_name = _text("supplier_name", "供应商")
    supplier_uscc = fields.Field(
        attribute="supplier_uscc", column_name="供应商统一社会信用代码", widget=UsccWidget()
    )
    sme_at_signing = fields.Field(
        attribute="sme_at_signing", column_name="签约时为中小企业", widget=YesNoWidget()
    )
    signed_on = fields.Field(attribute="signed_on", column_name="签订日期", widget=DateWidget())
    delivered_on = fields.Field(
        attribute="delivered_on", column_name="交付日期", widget=DateWidget()
    )
    accepted_on = fields.Field(attribute="accepted_on", column_name="验收日期", widget=DateWidget())
    agreed_term_days = fields.Field(
        attribute="agreed_term_days",
        column_name="约定付款期限（天）",
        widget=widgets.IntegerWidget(),
    )
    amount = fields.Field(attribute="amount", column_name="合同金额（元）", widget=MoneyWidget())
    amount_paid = fields.Field(
        attribute="amount_paid", column_name="已付金额（元）", widget=MoneyWidget(), readonly=True
    )
    due_on = fields.Field(
        attribute="due_on", column_name="应付日期", widget=DateWidget(), readonly=True
    )

    required = (
        ("organisation", "付款单位"),
        ("contract_name", "合同名称"),
        ("supplier_name", "供应商"),
        ("supplier_uscc", "供应商统一社会信用代码"),
        ("amount", "合同金额（元）"),
    )

    class Meta:
        model = SMEContract
        fields = (
            "organisation",
            "contract_no",
            "contract_name",
            "supplier_name",
            "supplier_uscc",
            "sme_at_signing",
            "signed_on",
            "delivered_on",
            "accepted_on",
            "agreed_term_days",
            "amount",
            "amount_paid",
            "due_on",
        )
        import_id_fields = ()
        use_bulk = False

    def get_queryset(self):
        return scope_queryset(self.user, SMEContract.objects.select_related("organisation"))

    def template_rows(self):
        return [
            [
                "石桥镇人民政府",
                "HT-2026-001",
                "村道养护工程",
                "澜江建材有限公司",
                "91350100M000100Y43",
                "是",
                "2026-01-10",
                "2026-02-27",
                "2026-03-02",
                "30",
                "100,000.00",
                "",
                "",
            ]
        ]

    def save_by_service(self, instance):
        data = {name: getattr(instance, name) for name in self._meta.fields[1:-2]}
        return sme_contract_create(by=self.user, organisation=instance.organisation, **data)


class FiscalYearResource(_ServiceResource):
    organisation = fields.Field(attribute="organisation", column_name="单位")
    year = fields.Field(attribute="year", column_name="年度", widget=widgets.IntegerWidget())
    debt_balance = fields.Field(
        attribute="debt_balance", column_name="债务余额（元）", widget=MoneyWidget()
    )
    fiscal_capacity = fields.Field(
        attribute="fiscal_capacity", column_name="综合财力（元）", widget=MoneyWidget()
    )
    overdue_debt = fields.Field(
        attribute="overdue_debt", column_name="逾期债务（元）", widget=MoneyWidget()
    )
    general_budget = fields.Field(
        attribute="general_budget", column_name="一般公共预算支出（元）", widget=MoneyWidget()
    )
    ppp_spending = fields.Field(
        attribute="ppp_spending", column_name="PPP项目财政支出（元）", widget=MoneyWidget()
    )
    new_government_pays = fields.Field(
        attribute="new_government_pays",
        column_name="新上政府付费项目",
        widget=YesNoWidget(),
    )

    required = (
        ("organisation", "单位"),
        ("year", "年度"),
        ("debt_balance", "债务余额（元）"),
        ("fiscal_capacity", "综合财力（元）"),
    )

    class Meta:
        model = FiscalYear
        fields = (
            "organisation",
            "year",
            "debt_balance",
            "fiscal_capacity",
            "overdue_debt",
            "general_budget",
            "ppp_spending",
            "new_government_pays",
        )
        import_id_fields = ()
        use_bulk = False

    def get_queryset(self):
        return scope_queryset(self.user, FiscalYear.objects.select_related("organisation"))

    def template_rows(self):
        return [
            [
                "北塘县人民政府",
                "2025",
                "1,500,000,000.00",
                "1,000,000,000.00",
                "0",
                "2,000,000,000.00",
                "150,000,000.00",
                "否",
            ]
        ]

    def save_by_service(self, instance):
        figures = {name: getattr(instance, name) for name in self._meta.fields[2:]}
        figures = {k: v for k, v in figures.items() if v is not None}
        return fiscal_year_save(
            by=self.user, organisation=instance.organisation, year=instance.year, **figures
        )

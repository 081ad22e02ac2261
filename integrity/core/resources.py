"""import-export resources of the core registry, and widgets other registries reuse."""

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from integrity.core.models import Organisation
from integrity.core.permissions import acts_everywhere, org_scope
from integrity.core.services import ORG_FIELDS, organisation_create, organisation_update
from integrity.core.spreadsheet import NeutralisingResourceMixin
from integrity.core.uscc import normalise


def _labels(label) -> set[str]:
    """A choice label in every interface language, so files in either work."""
    found = set()
    for language in ("zh-hans", "en"):
        with translation.override(language):
            found.add(str(label))
    return found


class ChoiceLabelWidget(widgets.Widget):
    """Reads a choice by its value or its (Chinese or English) label, writes the label."""

    def __init__(self, choices, **kwargs):
        super().__init__(**kwargs)
        self.choices = choices

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip()
        if not text:
            return ""
        for key, label in self.choices.choices:
            if text == key or text in _labels(label):
                return key
        allowed = "、".join(str(label) for _key, label in self.choices.choices)
        raise ValueError(
            _("“%(value)s” is not one of: %(allowed)s.") % {"value": text, "allowed": allowed}
        )

    def render(self, value, obj=None, **kwargs):
        return str(dict(self.choices.choices).get(value, value or ""))


class OrganisationWidget(widgets.ForeignKeyWidget):
    """An organisation given by name or by USCC, looked up once per import.

    Only organisations inside the importing user's subtree are found; names that
    are not unique in that subtree must be given by USCC.
    """

    def __init__(self, user=None, **kwargs):
        super().__init__(Organisation, field="name", **kwargs)
        self.user = user
        self._by_key: dict[str, list[Organisation]] | None = None

    def _index(self) -> dict[str, list[Organisation]]:
        if self._by_key is None:
            self._by_key = {}
            for org in org_scope(self.user).only(
                "id", "name", "uscc", "path", "depth", "parent_id"
            ):
                self.remember(org)
        return self._by_key

    def remember(self, org: Organisation) -> None:
        index = self._index() if self._by_key is not None else self._by_key
        if index is None:
            return
        for key in {org.name, org.uscc} - {""}:
            bucket = index.setdefault(key, [])
            if org.pk not in {o.pk for o in bucket}:
                bucket.append(org)

    def clean(self, value, row=None, **kwargs):
        text = (
            normalise(str(value or ""))
            if len(str(value or "").strip()) == 18
            else str(value or "").strip()
        )
        if not text:
            return None
        found = self._index().get(text, [])
        if not found:
            raise ValueError(
                _("Unknown organisation “%(value)s”, or outside your area.") % {"value": text}
            )
        if len(found) > 1:
            raise ValueError(
                _(
                    "Several organisations are called “%(value)s”; "
                    "give the unified social credit code instead."
                )
                % {"value": text}
            )
        return found[0]

    def render(self, value, obj=None, **kwargs):
        return value.name if value else ""


class ScopedResource(NeutralisingResourceMixin, resources.ModelResource):
    """A resource that knows the importing user (for scope checks and events).

    Exports neutralise formula-like text; imports refuse it (``integrity.core.spreadsheet``).
    """

    def __init__(self, user=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user


class OrganisationResource(ScopedResource):
    name = fields.Field(attribute="name", column_name="名称", widget=widgets.CharWidget())
    short_name = fields.Field(
        attribute="short_name", column_name="简称", widget=widgets.CharWidget()
    )
    level = fields.Field(
        attribute="level", column_name="层级", widget=ChoiceLabelWidget(Organisation.Level)
    )
    kind = fields.Field(
        attribute="kind", column_name="类型", widget=ChoiceLabelWidget(Organisation.Kind)
    )
    parent = fields.Field(attribute="parent", column_name="上级单位")
    uscc = fields.Field(
        attribute="uscc", column_name="统一社会信用代码", widget=widgets.CharWidget()
    )
    division_code = fields.Field(
        attribute="division_code", column_name="行政区划代码", widget=widgets.CharWidget()
    )
    address = fields.Field(attribute="address", column_name="地址", widget=widgets.CharWidget())
    office_phone = fields.Field(
        attribute="office_phone", column_name="办公电话", widget=widgets.CharWidget()
    )

    class Meta:
        model = Organisation
        fields = (
            "name",
            "short_name",
            "level",
            "kind",
            "parent",
            "uscc",
            "division_code",
            "address",
            "office_phone",
        )
        import_id_fields = ()
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def __init__(self, user=None, **kwargs):
        super().__init__(user=user, **kwargs)
        self.fields["parent"].widget = OrganisationWidget(user=user)

    def get_export_queryset(self):
        return org_scope(self.user).select_related("parent")

    def template_rows(self):
        return [
            [
                "石桥镇人民政府",
                "石桥镇",
                "乡镇/街道",
                "人民政府",
                "北塘县人民政府",
                "",
                "",
                "北塘县石桥镇人民路1号",
                "0571-00000000",
            ]
        ]

    def get_instance(self, instance_loader, row):
        """Match an existing organisation by USCC, else by name under the same parent."""
        uscc = normalise(str(row.get("统一社会信用代码") or ""))
        name = str(row.get("名称") or "").strip()
        if uscc:
            candidates = Organisation.objects.filter(uscc=uscc)
        else:
            parent = self.fields["parent"].clean(row)
            candidates = Organisation.objects.filter(name=name, parent=parent)
        existing = candidates.first()
        if existing and not acts_everywhere(self.user) and existing not in org_scope(self.user):
            raise ValidationError(
                _("Organisation “%(name)s” is outside your area and cannot be changed.")
                % {"name": existing.name}
            )
        return existing

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        if instance.parent_id is None and not acts_everywhere(self.user):
            errors.setdefault("上级单位", []).append(
                _("A superior organisation inside your area is required.")
            )
        if errors:
            raise ValidationError(errors)
        super().validate_instance(instance, import_validation_errors, validate_unique)

    def do_instance_save(self, instance, is_create):
        data = {name: getattr(instance, name) for name in ORG_FIELDS}
        if is_create:
            saved = organisation_create(by=self.user, reason=_("import"), **data)
            instance.pk, instance.path, instance.depth = saved.pk, saved.path, saved.depth
        else:
            organisation_update(organisation=instance, by=self.user, data=data, reason=_("import"))
        self.fields["parent"].widget.remember(instance)

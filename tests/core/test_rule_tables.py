"""Every rule table is served by the one rule viewset (integrity/core/rule_viewsets.py).

For each rule model: an edit records an event (who, which row, which fields); a user of
another organisation writes no row for a jurisdiction outside their subtree; a national
row is the system administrator's; an anonymous visitor is sent to the login.
"""

import pytest

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.urls import resolve, reverse

from integrity.core.events import EventType
from integrity.core.models import Event
from integrity.core.models.rules import RuleSet
from integrity.core.rule_viewsets import RuleEditView
from integrity.core.services import rule_save
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# (URL name, model, the role that manages the table)
RULE_TABLES = [
    ("core_statutoryholiday", "core.StatutoryHoliday", "sysadmin"),
    ("commitments_duesoonrule", "commitments.DueSoonRule", "sysadmin"),
    ("commitments_smepaymentrule", "commitments.SMEPaymentRule", "sysadmin"),
    ("commitments_debtriskrule", "commitments.DebtRiskRule", "sysadmin"),
    ("commitments_ppplimitrule", "commitments.PPPLimitRule", "sysadmin"),
    ("records_publicationrule", "records.PublicationRule", "sysadmin"),
    ("records_procedurerule", "records.ProcedureRule", "sysadmin"),
    ("records_sanctionmeasure", "records.SanctionMeasure", "sysadmin"),
    ("records_listcriteria", "records.ListCriteria", "sysadmin"),
    ("proposal_rules", "proposals.HandlingRule", "proposal_office"),
    ("proposal_categories", "proposals.ReplyCategory", "proposal_office"),
    ("assessment_rules", "assessment.AssessmentRules", "assessor"),
]
TABLE_IDS = [name for name, _, _ in RULE_TABLES]
LOCAL_MANAGERS = [table for table in RULE_TABLES if table[2] != "sysadmin"]


def local_copy(label: str, jurisdiction) -> RuleSet:
    """A local row of the table, copied from its seeded national default."""
    row = apps.get_model(label).objects.filter(jurisdiction__isnull=True).first()
    row.pk = None
    row.jurisdiction = jurisdiction
    row.save()
    return row


def form_data(client, url: str) -> dict:
    form = client.get(url).context["form"]
    values = {name: form[name].value() for name in form.fields}
    return {name: "" if value is None else value for name, value in values.items()}


def test_every_rule_model_is_on_the_one_rule_viewset():
    models = {m._meta.label for m in apps.get_models() if issubclass(m, RuleSet)}
    assert models == {label for _, label, _ in RULE_TABLES}
    for name, label, _ in RULE_TABLES:
        row = apps.get_model(label).objects.first()
        view = resolve(reverse(f"{name}:edit", args=[row.pk])).func.view_class
        assert issubclass(view, RuleEditView), name


@pytest.mark.parametrize(("name", "label", "role"), RULE_TABLES, ids=TABLE_IDS)
def test_editing_a_rule_row_records_an_event(client, other_township, name, label, role):
    editor = UserFactory(role=role, organisation=other_township)
    row = local_copy(label, other_township)
    client.force_login(editor)
    url = reverse(f"{name}:edit", args=[row.pk])
    data = {**form_data(client, url), "source": "县政府办〔2026〕7号"}

    response = client.post(url, data)

    assert response.status_code == 302, response.context["form"].errors
    row.refresh_from_db()
    assert row.source == "县政府办〔2026〕7号"
    event = Event.objects.get(type=EventType.RULE_SAVED, object_id=str(row.pk))
    assert (event.actor, event.organisation) == (editor, other_township)
    assert event.details == {"model": label, "created": False, "fields": ["source"]}


@pytest.mark.parametrize(("name", "label", "role"), RULE_TABLES, ids=TABLE_IDS)
def test_a_user_of_another_organisation_writes_no_row_outside_their_subtree(
    client, township, other_township, name, label, role
):
    model = apps.get_model(label)
    editor = UserFactory(role=role, organisation=other_township)
    theirs = local_copy(label, township)
    own = local_copy(label, other_township)
    client.force_login(editor)
    data = {**form_data(client, reverse(f"{name}:edit", args=[own.pk])), "source": "越权"}
    count = model.objects.count()

    edit = reverse(f"{name}:edit", args=[theirs.pk])
    assert client.get(edit).status_code != 200
    client.post(edit, data)
    client.post(reverse(f"{name}:add"), {**data, "jurisdiction": township.pk})

    theirs.refresh_from_db()
    assert theirs.source != "越权" and model.objects.count() == count
    assert not Event.objects.filter(type=EventType.RULE_SAVED).exists()
    with pytest.raises(PermissionDenied):  # the service checks again
        rule_save(rule=model(**values_of(own), jurisdiction=township), by=editor)


def values_of(row: RuleSet) -> dict:
    return {
        f.attname: getattr(row, f.attname)
        for f in row._meta.concrete_fields
        if not f.primary_key and f.attname != "jurisdiction_id"
    }


@pytest.mark.parametrize(
    ("name", "label", "role"), LOCAL_MANAGERS, ids=[name for name, _, _ in LOCAL_MANAGERS]
)
def test_only_the_system_administrator_writes_a_national_row(
    client, city, other_township, name, label, role
):
    from tests.factories import SysadminFactory

    model = apps.get_model(label)
    national = model.objects.filter(jurisdiction__isnull=True).first()
    own = local_copy(label, other_township)
    client.force_login(UserFactory(role=role, organisation=other_township))
    data = {**form_data(client, reverse(f"{name}:edit", args=[own.pk])), "jurisdiction": ""}
    count = model.objects.count()

    client.post(reverse(f"{name}:add"), data)
    assert client.get(reverse(f"{name}:edit", args=[national.pk])).status_code != 200
    assert model.objects.count() == count

    admin = SysadminFactory(organisation=city)
    client.force_login(admin)
    assert client.post(reverse(f"{name}:add"), data).status_code == 302
    assert model.objects.count() == count + 1
    assert Event.objects.get(type=EventType.RULE_SAVED, actor=admin).details["created"] is True


def test_readers_see_the_national_their_own_and_their_ancestors_rows_only(
    client, county, township, other_township, operator
):
    label = "commitments.DueSoonRule"
    visible = {local_copy(label, county).pk, local_copy(label, township).pk}
    hidden = local_copy(label, other_township)
    client.force_login(operator)

    listed = {
        row.pk
        for row in client.get(reverse("commitments_duesoonrule:index")).context["object_list"]
    }

    national = apps.get_model(label).objects.filter(jurisdiction__isnull=True)
    assert listed == visible | set(national.values_list("pk", flat=True))
    assert (
        client.get(reverse("commitments_duesoonrule:inspect", args=[hidden.pk])).status_code != 200
    )


def test_deleting_a_rule_row_records_an_event_and_stays_in_the_subtree(
    client, township, other_township
):
    label = "records.SanctionMeasure"
    editor = UserFactory(role="sysadmin", organisation=other_township)
    own, theirs = local_copy(label, other_township), local_copy(label, township)
    client.force_login(editor)

    client.post(reverse("records_sanctionmeasure:delete", args=[theirs.pk]))
    client.post(reverse("records_sanctionmeasure:delete", args=[own.pk]))

    model = apps.get_model(label)
    assert model.objects.filter(pk=theirs.pk).exists()
    assert not model.objects.filter(pk=own.pk).exists()
    deleted = Event.objects.get(type=EventType.RULE_DELETED)
    assert (deleted.object_id, deleted.actor) == (str(own.pk), editor)


@pytest.mark.parametrize(("name", "label", "role"), RULE_TABLES, ids=TABLE_IDS)
def test_an_anonymous_visitor_is_sent_to_the_login(client, name, label, role):
    row = apps.get_model(label).objects.first()
    for url in (
        reverse(f"{name}:index"),
        reverse(f"{name}:add"),
        reverse(f"{name}:edit", args=[row.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response.url, url

"""A citizen report about an unpaid debt linked to the contract from its card (unit-scoped)."""

import pytest

from django.urls import reverse

from commitments.money.models import SMEContract
from integrity.core.models import Event
from integrity.records import services as records

pytestmark = pytest.mark.django_db


def report(org, title="工程款拖欠", topic="debt"):
    return records.complaint_submit(organisation=org, topic=topic, title=title, text="未按期付款")


def test_the_unit_links_a_debt_report_from_the_card_and_sees_it(client, operator, contract):
    mine = report(contract.organisation)
    client.force_login(operator)
    card = reverse("money_smecontract:inspect", args=[contract.pk])
    page = client.get(card).text
    assert mine.tracking_number in page  # offered in the select
    response = client.post(
        reverse("money_sme_complaint", args=[contract.pk]), {"complaint": mine.pk}
    )
    assert response.status_code == 302
    contract.refresh_from_db()
    assert contract.complaint == mine
    page = client.get(card).text
    assert "money-complaint-linked" in page and "工程款拖欠" in page
    event = Event.objects.get(type="money.sme_contract_complaint_linked")
    assert event.actor == operator and event.details["after"] == mine.tracking_number
    api = client.get(f"/api/v1/sme-payments/{contract.pk}/").json()
    assert api["complaint"] == mine.tracking_number  # the API shows the link too
    # unlink
    client.post(reverse("money_sme_complaint", args=[contract.pk]), {"complaint": ""})
    contract.refresh_from_db()
    assert contract.complaint is None


def test_a_report_of_another_unit_or_topic_is_refused_and_nothing_written(
    client, operator, contract, other_township
):
    elsewhere = report(other_township, "他单位欠款")
    promise = report(contract.organisation, "承诺未兑现", topic="promise")
    client.force_login(operator)
    page = client.get(reverse("money_smecontract:inspect", args=[contract.pk])).text
    assert elsewhere.tracking_number not in page and promise.tracking_number not in page
    url = reverse("money_sme_complaint", args=[contract.pk])
    for bad in (elsewhere, promise):
        response = client.post(url, {"complaint": bad.pk}, follow=True)
        assert "只能关联" in response.text or "请选择" in response.text
    assert SMEContract.objects.get(pk=contract.pk).complaint is None
    assert not Event.objects.filter(type="money.sme_contract_complaint_linked").exists()


def test_another_unit_and_a_visitor_cannot_link(client, other_operator, contract):
    mine = report(contract.organisation)
    url = reverse("money_sme_complaint", args=[contract.pk])
    client.force_login(other_operator)
    assert client.post(url, {"complaint": mine.pk}).status_code == 404
    client.logout()
    response = client.post(url, {"complaint": mine.pk})
    assert response.status_code == 302 and "login" in response["Location"]
    assert SMEContract.objects.get(pk=contract.pk).complaint is None

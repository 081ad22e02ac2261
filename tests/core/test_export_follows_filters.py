"""A list's export holds what the list shows: its filters and search, inside the scope."""

import datetime
import html

import pytest

from django.urls import reverse
from django.utils import timezone

from tests.commitments.factories import OverdueCommitmentFactory, PublishedCommitmentFactory

pytestmark = pytest.mark.django_db


def test_the_export_buttons_carry_the_lists_filters_and_the_file_follows_them(
    client, operator, township, other_township
):
    late = OverdueCommitmentFactory(organisation=township, title="逾期的村道硬化")
    PublishedCommitmentFactory(
        organisation=township,
        title="按期推进的路灯",
        deadline=timezone.localdate() + datetime.timedelta(days=200),
    )
    OverdueCommitmentFactory(organisation=other_township, title="别镇的逾期承诺")
    client.force_login(operator)
    index = reverse("commitments_commitment:index")

    listing = html.unescape(client.get(index, {"todo": "overdue"}).text)
    export = reverse("commitments_commitment:export")
    assert f"{export}?todo=overdue&format=csv" in listing

    response = client.get(export, {"todo": "overdue", "format": "csv"})
    text = response.content.decode("utf-8-sig")
    assert late.title in text
    assert "按期推进的路灯" not in text
    assert "别镇的逾期承诺" not in text


def test_a_search_narrows_the_export_too(client, operator, township):
    PublishedCommitmentFactory(organisation=township, title="新建卫生室")
    PublishedCommitmentFactory(organisation=township, title="村道硬化")
    client.force_login(operator)

    export = reverse("commitments_commitment:export")
    text = client.get(export, {"q": "卫生室", "format": "csv"}).content.decode("utf-8-sig")

    assert "新建卫生室" in text and "村道硬化" not in text


def test_an_anonymous_visitor_gets_no_export(client):
    response = client.get(reverse("commitments_commitment:export"), {"format": "csv"})

    assert response.status_code == 302

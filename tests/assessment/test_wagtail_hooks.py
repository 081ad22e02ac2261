"""The indicator listing's spreadsheet download (Wagtail ``list_export``, with filters)."""

from decimal import Decimal

import pytest

from assessment import services
from integrity.core.models import User
from tests.factories import UserFactory
from tests.formulas import PAYLOADS, assert_neutralised, csv_cells, xlsx_cells, xlsx_types

pytestmark = pytest.mark.django_db
URL = "/admin/assessment/indicators/"


@pytest.fixture
def formula_scheme(city, assessor, scheme):
    """Beside the ordinary ``scheme``: a draft whose indicators are named with payloads."""
    target = services.scheme_create(organisation=city, year=2031, name="公式", by=assessor)
    for n, payload in enumerate(PAYLOADS):
        services.indicator_add(
            scheme=target, by=assessor, code=f"{n + 1}", name=payload, points=Decimal(-2)
        )
    return target


def test_the_filtered_csv_download_neutralises_names_and_keeps_numbers(
    client, assessor, formula_scheme
):
    client.force_login(assessor)
    response = client.get(URL, {"scheme": formula_scheme.pk, "export": "csv"})
    rows = csv_cells(b"".join(response.streaming_content))

    # the field's verbose name as translated (several catalogues translate "code")
    from django.utils.text import capfirst
    from django.utils.translation import gettext

    assert rows[0][:2] == [capfirst(gettext("code")), "名称"]
    assert len(rows) == len(PAYLOADS) + 1  # the filter holds: only this scheme
    assert_neutralised(rows[1:])
    assert {row[4] for row in rows[1:]} == {"-2.00"}  # a negative number, not text


def test_the_xlsx_download_holds_text_and_numeric_points(client, assessor, formula_scheme):
    client.force_login(assessor)
    response = client.get(URL, {"scheme": formula_scheme.pk, "export": "xlsx"})
    content = b"".join(response.streaming_content)

    rows = xlsx_cells(content)
    assert_neutralised(rows[1:])
    assert "f" not in xlsx_types(content)
    assert {row[4] for row in rows[1:]} == {-2}


def test_an_assessor_of_another_organisation_downloads_none_of_them(
    client, other_county, formula_scheme
):
    client.force_login(UserFactory(organisation=other_county, role=User.Role.ASSESSOR))
    response = client.get(URL, {"export": "csv"})

    assert response.status_code == 200
    assert csv_cells(b"".join(response.streaming_content))[1:] == []


def test_an_anonymous_visitor_is_sent_to_login(client, formula_scheme):
    response = client.get(URL, {"export": "csv"})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]

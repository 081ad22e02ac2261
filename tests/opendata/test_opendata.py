"""Open-data downloads: everything published, nothing else, same as the public API."""

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest

from portal.opendata import DATASETS, csv_value
from tests.factories import UserFactory
from tests.formulas import PAYLOADS, assert_neutralised, csv_cells
from tests.search import factories as f

pytestmark = pytest.mark.django_db

PERSONAL = ("13912345678", "北塘路88号", "110101199001011234")


@pytest.fixture
def published(township, other_township, city):
    from tests.factories import DepartmentFactory

    housing = DepartmentFactory(name="住房和城乡建设局", parent=city)
    rows = {
        "commitments": [f.published_commitment(township), f.published_commitment(other_township)],
        "records": [f.record(township), f.record(other_township, title="违约毁约")],
        "replies": [f.reply(housing, body="联系电话13912345678，住址澜江市北塘路88号。")],
    }
    f.draft_commitment(township)
    f.record(township, title="未公开记录", public=False)
    f.reply(housing, title="未公开答复", published=False)
    return rows


def download(client, slug, fmt):
    response = client.get(f"/open-data/{slug}.{fmt}")
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode("utf-8")


def csv_rows(client, slug):
    text = download(client, slug, "csv")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


def api_rows(client, url):
    rows = []
    while url:
        page = client.get(url).json()
        rows += page["results"]
        url = page["next"]
    return rows


@pytest.mark.parametrize("slug", ["commitments", "records", "replies"])
def test_the_csv_holds_exactly_the_public_api_rows(client, published, slug):
    api = api_rows(client, DATASETS[slug].api)
    downloaded = csv_rows(client, slug)

    assert {r["id"] for r in downloaded} == {str(r["id"]) for r in api}
    assert {r["id"] for r in downloaded} == {str(o.pk) for o in published[slug]}
    by_id = {str(r["id"]): r for r in api}
    for row in downloaded:
        assert set(row) == set(by_id[row["id"]])
        assert row == {k: csv_value(v) for k, v in by_id[row["id"]].items()}


def test_the_json_download_holds_the_same_rows_with_a_licence(client, published):
    payload = json.loads(download(client, "records", "json"))

    assert payload["licence"] == "CC BY 4.0"
    api = api_rows(client, DATASETS["records"].api)
    assert sorted(payload["records"], key=lambda r: r["id"]) == sorted(api, key=lambda r: r["id"])


def test_no_personal_data_is_downloaded(client, published):
    for slug in DATASETS:
        for fmt in ("csv", "json"):
            text = download(client, slug, fmt)
            assert not any(secret in text for secret in PERSONAL)


def test_results_download_matches_the_public_results_api(client, db):
    from assessment.models import CampaignUnit

    api = api_rows(client, "/api/v1/public/results/")
    rows = csv_rows(client, "results")

    assert {r["id"] for r in rows} == {str(r["id"]) for r in api}
    assert len(rows) == CampaignUnit.objects.published().count()


def test_every_dataset_documents_exactly_its_fields(client):
    text = client.get("/open-data/").content.decode()
    docs = Path("docs/opendata.md").read_text(encoding="utf-8")
    for dataset in DATASETS.values():
        assert dataset.field_names == list(dataset.serializer().fields)
        for name in dataset.field_names:
            assert f"<code>{name}</code>" in text
            assert f"`{name}`" in docs
    assert "CC BY 4.0" in text


def test_an_unknown_dataset_or_format_is_not_found(client):
    assert client.get("/open-data/officials.csv").status_code == 404
    assert client.get("/open-data/records.xml").status_code == 404


def test_a_user_of_another_organisation_downloads_only_public_rows(
    client, published, other_township
):
    other = UserFactory(organisation=other_township, role="operator")
    client.force_login(other)
    titles = {r["title"] for r in csv_rows(client, "commitments")}

    assert titles == {c.title for c in published["commitments"]}
    assert client.get("/open-data/").status_code == 200


def test_a_user_of_another_organisation_gets_the_same_results_api(client, other_township):
    anonymous = client.get("/api/v1/public/results/")
    client.force_login(UserFactory(organisation=other_township, role="operator"))

    assert anonymous.status_code == 200
    assert client.get("/api/v1/public/results/").json() == anonymous.json()


def test_results_of_a_published_assessment_are_downloaded_like_the_api(client, published_campaign):
    api = api_rows(client, "/api/v1/public/results/")
    rows = csv_rows(client, "results")

    assert len(rows) == published_campaign.units.count() > 0
    by_id = {str(r["id"]): r for r in api}
    assert [row == {k: csv_value(v) for k, v in by_id[row["id"]].items()} for row in rows] == [
        True
    ] * len(rows)


def test_the_csv_neutralises_formulas_in_text(client, township):
    for payload in PAYLOADS:
        f.record(township, title=payload)
        f.published_commitment(township, title=payload)

    for slug in ("records", "commitments"):
        rows = csv_cells(download(client, slug, "csv"))
        assert_neutralised(rows[1:])
        titles = {row[rows[0].index("title")] for row in rows[1:]}
        assert titles == {"'" + p for p in PAYLOADS}


def test_a_negative_number_stays_a_number_in_the_csv(client, published_campaign):
    from assessment.models import CampaignUnit

    unit = published_campaign.units.order_by("id").first()
    CampaignUnit.objects.filter(pk=unit.pk).update(deductions=Decimal("-2.50"))

    rows = {row["id"]: row for row in csv_rows(client, "results")}

    assert rows[str(unit.pk)]["deductions"] == "-2.50"

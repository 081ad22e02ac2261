"""Back office of the year: open a campaign, prepare it, edit the tree, start it."""

import datetime
from decimal import Decimal

import pytest

from django.urls import reverse

from assessment.models import Campaign, Indicator
from assessment.services import opening
from integrity.core.models import Organisation, User
from tests.assessment.conftest import build_scheme
from tests.assessment.test_admin_views import is_login_redirect, is_refused
from tests.factories import CountyFactory, DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def last_year(city, assessor):
    return build_scheme(city, assessor, year=2026)


@pytest.fixture
def court(city):
    return DepartmentFactory(
        name="澜江市中级人民法院", parent=city, level="city", kind=Organisation.Kind.ORGAN
    )


@pytest.fixture
def foreign_assessor(db):
    other_city = CountyFactory(name="远方市", level="city")
    return UserFactory(username="yuan_kh", organisation=other_city, role=User.Role.ASSESSOR)


@pytest.fixture
def preparing(city, assessor, last_year, county, other_county, department, calendar):
    return opening.open_campaign(
        actor=assessor,
        organisation=city,
        year=2027,
        copy_from=last_year,
        timetable=opening.Timetable(start=datetime.date(2026, 12, 28)),
    )


def form_data(last_year, **extra):
    data = {
        "year": "2027",
        "copy_from": str(last_year.pk),
        "levels": ["county", "city"],
        "kinds": ["government", "department"],
        "start": "2026-12-28",
        "self_assessment_days": "10",
        "review_days": "10",
        "objection_days": "5",
        "publication_days": "3",
        "group_0_name": "县（市、区）",
        "group_0_kinds": ["government"],
        "group_1_name": "市直部门",
        "group_1_kinds": ["department"],
        "band_0_name": "优秀",
        "band_0_min": "90",
        "band_0_quota": "0.3",
        "band_1_name": "合格",
        "band_1_min": "60",
        "band_2_name": "不合格",
        "band_2_min": "0",
    }
    data.update(extra)
    return data


def test_the_open_form_proposes_last_year_and_leaves_state_organs_out(
    client, assessor, last_year, county, court
):
    client.force_login(assessor)
    html = client.get(reverse("assessment_admin:open")).content.decode()
    assert "2027" in html and last_year.name in html
    assert 'value="organ"' in html and 'value="organ" id="id_kinds_3" checked' not in html
    assert 'value="government"' in html


def test_the_assessor_opens_2027_from_the_back_office(
    client, assessor, last_year, county, other_county, department, court, calendar
):
    client.force_login(assessor)
    data = form_data(last_year, excluded=[str(other_county.pk)])
    response = client.post(reverse("assessment_admin:open"), data)
    campaign = Campaign.objects.get(year=2027)
    assert response.status_code == 302
    assert response.url == reverse("assessment_admin:prepare", args=[campaign.pk])
    assert campaign.status == "preparing"
    names = set(campaign.units.values_list("organisation__name", flat=True))
    assert names == {"北塘县", "澜江市住房和城乡建设局"}
    assert campaign.scheme.bands.get(name="优秀").quota == D("0.3")
    html = client.get(response.url).content.decode()
    assert "筹备中" in html and "工作日" in html and "2027年1月" in html


def test_bad_input_is_refused_in_chinese_and_nothing_is_written(
    client, assessor, last_year, county, calendar
):
    client.force_login(assessor)
    data = form_data(last_year, band_0_quota="3", group_0_kinds=[])
    response = client.post(reverse("assessment_admin:open"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "请" in html or "确保" in html
    assert not Campaign.objects.exists()


def test_weights_are_changed_on_the_tree_until_the_start(client, assessor, preparing):
    client.force_login(assessor)
    scheme = preparing.scheme
    url = reverse("assessment_admin:tree", args=[scheme.pk])
    a = scheme.indicators.get(code="1.1")
    b = scheme.indicators.get(code="1.2")
    response = client.post(url, {f"points_{a.pk}": "25", f"points_{b.pk}": "35"})
    assert response.status_code == 302
    a.refresh_from_db()
    assert a.points == D(25)
    response = client.post(reverse("assessment_admin:start", args=[preparing.pk]))
    preparing.refresh_from_db()
    assert preparing.status == "self_assessment"
    html = client.get(url).content.decode()
    assert "冻结" in html and f'name="points_{a.pk}"' not in html
    client.post(url, {f"points_{a.pk}": "1"})
    a.refresh_from_db()
    assert a.points == D(25)


def test_a_leaf_is_added_moved_and_given_a_method_and_cap(client, assessor, preparing):
    client.force_login(assessor)
    scheme = preparing.scheme
    basic = scheme.indicators.get(code="1")
    response = client.post(
        reverse("assessment_admin:indicator_add", args=[scheme.pk]),
        {
            "parent": str(basic.pk),
            "code": "1.3",
            "name": "信用承诺扣分",
            "points": "0",
            "method": "deduction",
            "per_item": "1",
            "cap": "5",
            "sort_order": "3",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    leaf = Indicator.objects.get(scheme=scheme, code="1.3")
    assert (leaf.level, leaf.method, leaf.cap) == (2, "deduction", D(5))
    keep = scheme.indicators.get(code="2")
    data = {
        "parent": str(keep.pk),
        "code": "1.3",
        "name": "信用承诺扣分",
        "points": "0",
        "method": "deduction",
        "per_item": "1",
        "cap": "6",
        "sort_order": "3",
    }
    client.post(reverse("assessment_admin:indicator_edit", args=[leaf.pk]), data)
    leaf.refresh_from_db()
    assert leaf.parent == keep and leaf.cap == D(6)


def test_the_start_is_refused_while_weights_do_not_add_up(client, assessor, preparing):
    client.force_login(assessor)
    leaf = preparing.scheme.indicators.get(code="1.1")
    client.post(
        reverse("assessment_admin:tree", args=[preparing.scheme.pk]), {f"points_{leaf.pk}": "1"}
    )
    response = client.post(reverse("assessment_admin:start", args=[preparing.pk]), follow=True)
    assert (
        "不等于" in response.content.decode()
        or "加起来" in response.content.decode()
        or preparing.status == "preparing"
    )
    preparing.refresh_from_db()
    assert preparing.status == "preparing"


def test_a_unit_does_not_see_a_preparing_campaign(client, preparing, county_operator, county):
    client.force_login(county_operator)
    html = client.get(reverse("assessment_admin:campaigns")).content.decode()
    assert "2027" not in html
    unit = preparing.units.get(organisation=county)
    assert client.get(reverse("assessment_admin:unit", args=[unit.pk])).status_code == 404


def test_another_organisation_is_refused(client, preparing, foreign_assessor, county_operator):
    client.force_login(foreign_assessor)
    assert client.get(reverse("assessment_admin:prepare", args=[preparing.pk])).status_code == 404
    assert (
        client.get(reverse("assessment_admin:tree", args=[preparing.scheme.pk])).status_code == 404
    )
    client.post(reverse("assessment_admin:start", args=[preparing.pk]))
    client.force_login(county_operator)
    assert is_refused(client.get(reverse("assessment_admin:open")))
    leaf = preparing.scheme.indicators.get(code="1.1")
    response = client.post(
        reverse("assessment_admin:indicator_edit", args=[leaf.pk]), {"code": "x"}
    )
    assert response.status_code == 404 or is_refused(response)
    preparing.refresh_from_db()
    assert preparing.status == "preparing"


def test_anonymous_is_sent_to_login(client, preparing):
    leaf = preparing.scheme.indicators.get(code="1.1")
    for url in (
        reverse("assessment_admin:open"),
        reverse("assessment_admin:prepare", args=[preparing.pk]),
        reverse("assessment_admin:tree", args=[preparing.scheme.pk]),
        reverse("assessment_admin:indicator_add", args=[preparing.scheme.pk]),
        reverse("assessment_admin:indicator_edit", args=[leaf.pk]),
    ):
        assert is_login_redirect(client.get(url)), url
    assert is_login_redirect(client.post(reverse("assessment_admin:start", args=[preparing.pk])))
    preparing.refresh_from_db()
    assert preparing.status == "preparing"


def test_the_form_as_proposed_opens_the_year(client, assessor, last_year, county, calendar):
    """Submitting the defaults unchanged works (dates and numbers round-trip)."""
    import re as regex

    client.force_login(assessor)
    html = client.get(reverse("assessment_admin:open")).content.decode()
    data: dict = {}
    for name, value in regex.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', html):
        if name != "csrfmiddlewaretoken":
            data.setdefault(name, value)
    for tag in regex.findall(r"<input[^>]*checked[^>]*>", html):
        name = regex.search(r'name="([^"]+)"', tag).group(1)
        value = regex.search(r'value="([^"]*)"', tag).group(1)
        data.setdefault(name, [])
        if isinstance(data[name], str):
            data[name] = []
        data[name].append(value)
    for name in ("levels", "kinds", "excluded") + tuple(f"group_{i}_kinds" for i in range(3)):
        if isinstance(data.get(name), str):
            data.pop(name)
    data["copy_from"] = str(last_year.pk)
    response = client.post(reverse("assessment_admin:open"), data)
    assert response.status_code == 302, regex.findall(
        r'class="errorlist[^>]*>(.*?)</ul>', response.content.decode()
    )
    assert Campaign.objects.get().year == 2027


def test_a_unit_is_left_out_with_a_reason_before_the_start(
    client, assessor, preparing, other_county, county_operator
):
    from integrity.core.models import Event

    unit = preparing.units.get(organisation=other_county)
    url = reverse("assessment_admin:unit_remove", args=[unit.pk])
    client.force_login(assessor)
    client.post(url, {"reason": ""})
    assert preparing.units.filter(pk=unit.pk).exists()  # no reason, nothing done
    client.force_login(county_operator)
    client.post(url, {"reason": "机构撤并"})
    assert preparing.units.filter(pk=unit.pk).exists()
    client.force_login(assessor)
    client.post(url, {"reason": "机构撤并"})
    preparing.refresh_from_db()
    assert not preparing.units.filter(pk=unit.pk).exists()
    assert other_county.pk in preparing.enrolment["excluded"]
    assert Event.objects.filter(reason="机构撤并").exists()

from decimal import Decimal

import pytest

from django.core.exceptions import ValidationError

from assessment import services
from assessment.models import Indicator, Scheme
from integrity.core.models import Event
from tests.assessment.conftest import build_scheme

pytestmark = pytest.mark.django_db
D = Decimal


def test_a_new_scheme_has_the_default_bands_and_peer_groups(city, assessor):
    scheme = services.scheme_create(organisation=city, year=2025, name="方案", by=assessor)
    assert [(b.name, b.min_score) for b in scheme.bands.all()] == [
        ("优秀", 90),
        ("良好", 80),
        ("合格", 60),
        ("不合格", 0),
    ]
    assert scheme.peer_groups.count() == 2
    assert Event.objects.filter(type="assessment.scheme_created").count() == 1


def test_a_complete_scheme_has_no_problems(scheme):
    assert services.scheme_problems(scheme) == []


def test_weights_that_do_not_add_up_are_reported(scheme, assessor):
    leaf = scheme.indicators.get(code="2.1")
    services.indicator_update(indicator=leaf, by=assessor, data={"points": D(35)})
    problems = services.scheme_problems(scheme)
    assert problems == ["指标2下级分值之和不等于其分值。"]


def test_a_leaf_without_method_and_an_insane_cap_are_reported(scheme, assessor):
    services.indicator_update(
        indicator=scheme.indicators.get(code="1.1"), by=assessor, data={"method": ""}
    )
    services.indicator_update(
        indicator=scheme.indicators.get(code="1.2"), by=assessor, data={"per_item": D(12)}
    )
    problems = services.scheme_problems(scheme)
    assert len(problems) == 2
    with pytest.raises(ValidationError):
        services.scheme_validate(scheme=scheme)


def test_an_unknown_metric_is_reported(scheme, assessor):
    services.indicator_update(
        indicator=scheme.indicators.get(code="1.1"),
        by=assessor,
        data={"method": "auto", "metric_code": "no_such_metric"},
    )
    assert len(services.scheme_problems(scheme)) == 1


def test_indicators_have_at_most_three_levels(scheme, assessor):
    parent = scheme.indicators.get(code="1.1")
    third = services.indicator_add(
        scheme=scheme,
        by=assessor,
        parent=parent,
        code="1.1.1",
        name="三级",
        points=D(30),
        method="manual",
    )
    assert third.level == 3
    with pytest.raises(ValidationError):
        services.indicator_add(scheme=scheme, by=assessor, parent=third, code="x", name="四级")


def test_copying_a_scheme_keeps_the_tree_bands_and_groups(scheme, assessor):
    copy = services.scheme_copy(scheme=scheme, year=2026, by=assessor)
    assert copy.year == 2026 and copy.copied_from == scheme and copy.status == "draft"
    assert copy.name == "2026年度政务诚信考核方案"
    assert sorted(copy.indicators.values_list("code", flat=True)) == sorted(
        scheme.indicators.values_list("code", flat=True)
    )
    assert copy.indicators.get(code="1.2").parent.code == "1"
    assert copy.bands.count() == 4 and copy.peer_groups.count() == 2
    assert services.scheme_problems(copy) == []
    assert Event.objects.filter(type="assessment.scheme_copied").exists()


def test_changing_the_scheme_after_the_campaign_starts_is_refused(campaign, assessor):
    scheme = Scheme.objects.get(pk=campaign.scheme_id)
    assert scheme.status == Scheme.Status.FROZEN
    leaf = scheme.indicators.get(code="1.1")
    with pytest.raises(ValidationError, match="冻结"):
        services.indicator_update(indicator=leaf, by=assessor, data={"points": D(10)})
    with pytest.raises(ValidationError, match="冻结"):
        services.indicator_add(scheme=scheme, by=assessor, code="9", name="新增")
    with pytest.raises(ValidationError, match="冻结"):
        services.indicator_delete(indicator=leaf, by=assessor)
    with pytest.raises(ValidationError, match="冻结"):
        services.scheme_update(scheme=scheme, by=assessor, data={"name": "改名"})
    assert Indicator.objects.get(pk=leaf.pk).points == D(30)


def test_a_second_scheme_for_the_same_year_is_refused(scheme, city, assessor):
    with pytest.raises(ValidationError):
        build_scheme(city, assessor)

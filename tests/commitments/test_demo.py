import pytest

from commitments import demo
from commitments.models import Commitment
from integrity.core.models import Event
from tests.factories import CountyFactory, TownshipFactory

pytestmark = pytest.mark.django_db


def test_demo_covers_every_kind_and_state_with_events(city):
    county = CountyFactory(name="北塘县", parent=city)
    orgs = {
        "澜江市": city,
        "北塘县": county,
        **{f"镇{i}": TownshipFactory(name=f"镇{i}", parent=county) for i in range(3)},
    }
    demo.load({"orgs": orgs, "city": city, "users": {}})
    assert Commitment.objects.count() >= 300
    assert set(Commitment.objects.values_list("kind", flat=True)) == set(Commitment.Kind.values)
    assert set(Commitment.objects.values_list("status", flat=True)) == set(Commitment.Status.values)
    assert Commitment.objects.overdue().exists()
    assert Commitment.objects.filter(change_count__gt=0).exists()
    assert Event.objects.filter(type="commitment.created").count() == Commitment.objects.count()

import time

from commitments.proposals import demo, selectors
from commitments.proposals.models import Item, Kind, Rating, Reply
from integrity.core.models import User
from tests.factories import DepartmentFactory, UserFactory


def test_demo_loads_a_year_in_every_state_quickly(city):
    for name in ("澜江市住房和城乡建设局", "澜江市交通运输局", "澜江市教育局"):
        DepartmentFactory(name=name, parent=city)
    deputy = UserFactory(username="daibiao", organisation=city, role=User.Role.DEPUTY)
    started = time.monotonic()
    demo.load({"city": city, "orgs": {}, "users": {"daibiao": deputy}})
    assert time.monotonic() - started < 40
    assert Item.objects.filter(kind=Kind.SUGGESTION).count() == 150
    assert Item.objects.filter(kind=Kind.PROPOSAL).count() == 100
    assert set(Item.objects.values_list("status", flat=True)) >= {
        "registered",
        "assigned",
        "replied",
        "closed",
        "rehandling",
    }
    assert Reply.objects.filter(round=2).exists()
    assert Reply.objects.filter(followup__isnull=False).exists()
    assert Rating.objects.filter(result="unsatisfied").exists()
    assert Reply.objects.published().exists()
    assert selectors.items_for(deputy).exists()

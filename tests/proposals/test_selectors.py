import datetime

from django.contrib.auth.models import AnonymousUser

from commitments.proposals import selectors, services
from commitments.proposals.models import Item, Kind, Rating

from .conftest import ASSIGNED, send_reply


def test_statistics_count_a_rehandled_item_once_with_its_final_rating(sole, deputy, housing):
    first = send_reply(sole, on=datetime.date(2025, 5, 1))
    services.rating_submit(by=None, reply=first, member=deputy, result=Rating.Level.UNSATISFIED)
    second = send_reply(sole, category="C", on=datetime.date(2025, 9, 1))
    services.rating_submit(by=None, reply=second, member=deputy, result=Rating.Level.BASIC)
    stats = selectors.unit_statistics(year=2025)[housing.pk]
    assert (stats.assigned, stats.replied, stats.on_time) == (1, 1, 1)
    assert (stats.rated, stats.satisfied, stats.rehandled) == (1, 1, 1)
    assert stats.satisfaction_rate == 1.0
    assert stats.categories == {"C": 1}


def test_statistics_final_unsatisfied_counts_against_the_unit(sole, deputy, housing):
    first = send_reply(sole, on=datetime.date(2025, 7, 1))  # after the 20 June deadline
    services.rating_submit(by=None, reply=first, member=deputy, result=Rating.Level.SATISFIED)
    stats = selectors.unit_statistics(year=2025, units=[housing])[housing.pk]
    assert stats.on_time == 0 and stats.on_time_rate == 0
    assert stats.satisfaction_rate == 1.0


def test_statistics_count_co_handling_separately_and_are_set_wise(
    item, office, housing, transport, django_assert_num_queries
):
    services.item_assign(
        by=office,
        item=item,
        mode=Item.Mode.LEAD,
        units=[(housing, ""), (transport, "")],
        on=ASSIGNED,
    )
    with django_assert_num_queries(2):
        stats = selectors.unit_statistics(year=2025)
    assert set(stats) == {housing.pk, transport.pk}
    assert stats[housing.pk].reply_rate == 0
    assert (stats[housing.pk].assigned, stats[housing.pk].cohandled) == (1, 0)
    assert (stats[transport.pk].assigned, stats[transport.pk].cohandled) == (0, 1)
    assert selectors.totals(stats).cohandled == 1


def test_deputy_sees_only_own_items(item, city, office, deputy_user):
    lonely = services.member_create(by=None, organisation=city, kind=Kind.SUGGESTION, name="孙代表")
    services.item_register(
        by=office,
        organisation=city,
        kind=Kind.SUGGESTION,
        year=2025,
        number="999",
        title="别人的建议",
        lead_author=lonely,
    )
    assert list(selectors.items_for(deputy_user)) == [item]


def test_unit_operator_sees_only_items_assigned_to_their_unit(
    sole, housing_operator, transport_operator, office
):
    assert list(selectors.items_for(housing_operator)) == [sole.item]
    assert list(selectors.items_for(transport_operator)) == []
    assert list(selectors.items_for(office)) == [sole.item]
    assert list(selectors.items_for(AnonymousUser())) == []


def test_other_organisation_operator_sees_nothing(sole, other_operator):
    assert not selectors.items_for(other_operator).exists()
    assert not selectors.replies_for(other_operator).exists()

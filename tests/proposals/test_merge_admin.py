"""Handling identical items together (并案办理) from the back-office item listing."""

import datetime

import pytest

from commitments.proposals import services
from commitments.proposals.models import Assignment, Item, Kind
from integrity.core.models import Event, User
from tests.factories import CityFactory, UserFactory

LISTING = "/admin/proposal_items/"
MERGE = "/admin/bulk/proposals/item/merge/"
FORBIDDEN = "您无权打开此页面或执行此操作。"
WRITES = (services.EventType.ITEM_MERGED, services.EventType.ITEM_ASSIGNED)


def merge_url(*items) -> str:
    ids = "".join(f"id={item.pk}&" for item in items)
    return f"{MERGE}?{ids}next={LISTING}"


def page(item) -> str:
    return f"/admin/proposals/items/{item.pk}/"


def register(office, organisation, number: str, author_name: str) -> Item:
    author = services.member_create(
        by=None, organisation=organisation, kind=Kind.SUGGESTION, name=author_name
    )
    return services.item_register(
        by=office,
        organisation=organisation,
        kind=Kind.SUGGESTION,
        year=2025,
        number=number,
        title=f"关于老旧小区停车的建议（{number}）",
        lead_author=author,
        registered_on=datetime.date(2025, 3, 2),
    )


def assert_nothing_written(*items) -> None:
    assert not Assignment.objects.exists()
    assert not Event.objects.filter(type__in=WRITES).exists()
    for item in items:
        item.refresh_from_db()
        assert item.merged_into_id is None and item.status == Item.Status.REGISTERED


def assert_only_the_old_assignment(sole, *items) -> None:
    assert list(Assignment.objects.all()) == [sole]
    assert not Event.objects.filter(type=services.EventType.ITEM_MERGED).exists()
    for item in items:
        item.refresh_from_db()
        assert item.merged_into_id is None and item.status == Item.Status.REGISTERED


@pytest.fixture
def twin(office, city):
    return register(office, city, "102", "赵代表")


@pytest.fixture
def third(office, city):
    return register(office, city, "103", "钱代表")


def test_the_listing_offers_handle_together_to_the_office_only(
    client, item, office, sole, housing_operator
):
    client.force_login(office)
    html = client.get(LISTING).content.decode()
    assert MERGE in html and "data-bulk-action-checkbox" in html and "并案办理" in html
    client.force_login(housing_operator)
    html = client.get(LISTING).content.decode()
    assert item.title in html
    assert MERGE not in html and "data-bulk-action-checkbox" not in html


def test_office_merges_the_selected_items_into_the_chosen_main_item(
    client, item, twin, third, office, housing
):
    client.force_login(office)
    confirm = client.get(merge_url(item, twin, third))
    html = confirm.content.decode()
    assert confirm.status_code == 200
    assert all(i.title in html for i in (item, twin, third)) and "主件" in html

    response = client.post(
        merge_url(item, twin, third), {"main": twin.pk, "mode": "sole", "first_unit": housing.pk}
    )

    assert response.status_code == 302 and response["Location"] == page(twin)
    [assignment] = Assignment.objects.all()
    assert assignment.item == twin and assignment.unit == housing
    assert assignment.role == Assignment.Role.SOLE
    for merged in (item, third):
        merged.refresh_from_db()
        assert merged.merged_into == twin and merged.status == Item.Status.ASSIGNED
    merges = Event.objects.filter(type=services.EventType.ITEM_MERGED)
    assert sorted(e.object_id for e in merges) == sorted([str(item.pk), str(third.pk)])
    assert {e.details["into"] for e in merges} == {twin.pk}
    assert all(e.actor == office for e in merges)
    assigned = Event.objects.get(type=services.EventType.ITEM_ASSIGNED)
    assert assigned.object_id == str(twin.pk) and assigned.details["units"] == [housing.pk]
    main_page = client.get(response["Location"]).content.decode()
    assert "已将 3 件建议提案并案办理，主件 102 已交办。" in main_page
    assert "并入本件的建议提案" in main_page
    assert page(item) in main_page and page(third) in main_page and item.title in main_page


def test_a_merged_item_shows_its_main_item_and_offers_no_assignment(
    client, item, twin, office, housing, transport
):
    services.item_assign_merged(
        by=office, items=[twin, item], mode="lead", units=[(housing, ""), (transport, "")]
    )
    client.force_login(office)
    html = client.get(page(item)).content.decode()
    assert "已并入" in html and f'href="{page(twin)}"' in html and twin.title in html
    assert f"/admin/proposals/items/{item.pk}/assign/" not in html


def test_lead_mode_assigns_lead_and_co_handlers_on_the_main_item_only(
    client, item, twin, office, housing, transport
):
    client.force_login(office)
    client.post(
        merge_url(item, twin),
        {"main": item.pk, "mode": "lead", "first_unit": housing.pk, "other_units": [transport.pk]},
    )
    roles = dict(Assignment.objects.values_list("unit__name", "role"))
    assert roles == {"住房和城乡建设局": "lead", "交通运输局": "co"}
    assert set(Assignment.objects.values_list("item", flat=True)) == {item.pk}
    twin.refresh_from_db()
    assert twin.merged_into == item and twin.mode == Item.Mode.LEAD


def test_an_item_of_another_office_is_refused_in_chinese_and_nothing_is_written(
    client, item, county, office, housing
):
    county_item = register(office, county, "B-7", "孙代表")  # the county's office, same subtree
    client.force_login(office)
    response = client.post(
        merge_url(item, county_item), {"main": item.pk, "mode": "sole", "first_unit": housing.pk}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "编号为 B-7 的建议提案属于其他交办机构，不能与所选建议提案并案办理。" in html
    assert "未保存任何内容，请改正以下错误。" in html
    assert_nothing_written(item, county_item)


def test_an_assigned_item_cannot_be_merged_into_another(client, sole, twin, office, housing):
    client.force_login(office)
    response = client.post(
        merge_url(twin, sole.item), {"main": twin.pk, "mode": "sole", "first_unit": housing.pk}
    )
    assert "编号为 101 的建议提案已交办，不能并案办理。" in response.content.decode()
    twin.refresh_from_db()
    assert twin.merged_into_id is None and not twin.assignments.exists()
    assert list(Assignment.objects.all()) == [sole]
    assert not Event.objects.filter(type=services.EventType.ITEM_MERGED).exists()


def test_an_assigned_main_item_is_refused_and_the_merges_are_rolled_back(
    client, sole, twin, third, office, housing
):
    client.force_login(office)
    response = client.post(
        merge_url(sole.item, twin, third),
        {"main": sole.item.pk, "mode": "sole", "first_unit": housing.pk},
    )
    assert "该件已交办。" in response.content.decode()
    assert_only_the_old_assignment(sole, twin, third)


def test_a_wrong_assignment_rolls_back_the_merges(client, item, twin, office, housing, transport):
    client.force_login(office)
    response = client.post(
        merge_url(item, twin),
        {"main": item.pk, "mode": "sole", "first_unit": housing.pk, "other_units": [transport.pk]},
    )
    assert "独办只能选择一个承办单位。" in response.content.decode()
    assert_nothing_written(item, twin)


def test_an_item_already_merged_elsewhere_is_refused(client, item, twin, third, office, housing):
    services.item_merge(by=office, item=twin, into=item)
    client.force_login(office)
    response = client.post(
        merge_url(third, twin), {"main": third.pk, "mode": "sole", "first_unit": housing.pk}
    )
    assert "编号为 102 的建议提案已与其他件并案办理，不能再次并案。" in response.content.decode()
    twin.refresh_from_db()
    assert twin.merged_into == item
    assert not Assignment.objects.exists()
    assert Event.objects.filter(type=services.EventType.ITEM_MERGED).count() == 1


def test_one_item_is_not_enough(client, item, office, housing):
    client.force_login(office)
    assert "并案办理请至少选择两件。" in client.get(merge_url(item)).content.decode()
    response = client.post(
        merge_url(item), {"main": item.pk, "mode": "sole", "first_unit": housing.pk}
    )
    assert response.status_code == 200
    assert "并案办理请至少选择两件。" in response.content.decode()
    assert_nothing_written(item)


def test_a_main_item_outside_the_selection_is_refused(client, item, twin, third, office, housing):
    client.force_login(office)
    response = client.post(
        merge_url(item, twin), {"main": third.pk, "mode": "sole", "first_unit": housing.pk}
    )
    assert response.status_code == 200 and "有效的选项" in response.content.decode()
    assert_nothing_written(item, twin, third)


def test_another_organisation_gets_404_and_writes_nothing(client, item, twin, county, housing):
    far_office = UserFactory(
        username="ys_renda", organisation=CityFactory(name="远山市"), role=User.Role.PROPOSAL_OFFICE
    )
    county_office = UserFactory(
        username="bt_renda", organisation=county, role=User.Role.PROPOSAL_OFFICE
    )
    data = {"main": item.pk, "mode": "sole", "first_unit": housing.pk}
    for outsider in (far_office, county_office):
        client.force_login(outsider)
        assert client.get(merge_url(item, twin)).status_code == 404
        assert client.post(merge_url(item, twin), data).status_code == 404
    assert_nothing_written(item, twin)


def test_units_and_deputies_are_refused_with_403(
    client, sole, twin, housing_operator, deputy_user, housing
):
    data = {"main": twin.pk, "mode": "sole", "first_unit": housing.pk}
    for user in (housing_operator, deputy_user):
        client.force_login(user)
        response = client.post(merge_url(twin, sole.item), data)
        assert response.status_code == 403
        assert FORBIDDEN in response.content.decode()
    twin.refresh_from_db()
    assert twin.merged_into_id is None


def test_anonymous_visitor_is_sent_to_the_login(client, item, twin, housing):
    for response in (
        client.get(merge_url(item, twin)),
        client.post(merge_url(item, twin), {"main": item.pk, "mode": "sole"}),
    ):
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert_nothing_written(item, twin)

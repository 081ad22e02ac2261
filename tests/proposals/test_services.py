import datetime
import re

import pytest

from django.core.exceptions import ValidationError

from commitments.proposals import services
from commitments.proposals.models import Assignment, Item, Rating, Reply
from integrity.core.models import Event, Notice

from .conftest import ASSIGNED, send_reply


def events(type_):
    return Event.objects.filter(type=type_)


def test_assignment_deadline_is_three_months_from_assignment(sole):
    assert sole.deadline == datetime.date(2025, 6, 20)
    assert events(services.EventType.ITEM_ASSIGNED).count() == 1
    assert sole.item.status == Item.Status.ASSIGNED


def test_only_the_office_assigns(item, housing, housing_operator):
    with pytest.raises(ValidationError):
        services.item_assign(
            by=housing_operator, item=item, mode=Item.Mode.SOLE, units=[(housing, "")]
        )


def test_extension_needs_approval_and_never_goes_past_six_months(sole, office, housing_operator):
    request = services.extension_request(
        by=housing_operator, assignment=sole, months=2, reason="需论证"
    )
    sole.refresh_from_db()
    assert sole.deadline == datetime.date(2025, 6, 20)  # unchanged until approved
    services.extension_decide(by=office, request=request, approve=True)
    sole.refresh_from_db()
    assert sole.deadline == datetime.date(2025, 8, 20)
    too_long = services.extension_request(
        by=housing_operator, assignment=sole, months=2, reason="再延"
    )
    with pytest.raises(ValidationError):
        services.extension_decide(by=office, request=too_long, approve=True)
    last = services.extension_request(by=housing_operator, assignment=sole, months=1, reason="再延")
    services.extension_decide(by=office, request=last, approve=True)
    sole.refresh_from_db()
    assert sole.deadline == datetime.date(2025, 9, 20)
    assert sole.extended_months == 3


def test_a_unit_cannot_approve_its_own_extension(sole, housing_leader):
    request = services.extension_request(by=None, assignment=sole, months=1, reason="x")
    with pytest.raises(ValidationError):
        services.extension_decide(by=housing_leader, request=request, approve=True)


def test_return_window_crosses_national_day_with_the_calendar(calendar, item, office, housing):
    [assignment] = services.item_assign(
        by=office,
        item=item,
        mode=Item.Mode.SOLE,
        units=[(housing, "")],
        on=datetime.date(2025, 9, 26),
    )
    # 28 Sep and 11 Oct are make-up working days; 1-8 Oct is the holiday.
    assert services.return_window_end(assignment) == datetime.date(2025, 10, 13)
    with pytest.raises(ValidationError):
        services.return_request(
            by=None, assignment=assignment, reason="不属本单位职责", on=datetime.date(2025, 10, 14)
        )
    request = services.return_request(
        by=None, assignment=assignment, reason="不属本单位职责", on=datetime.date(2025, 10, 13)
    )
    assert request.assignment.status == Assignment.Status.RETURN_REQUESTED


def test_office_decides_a_return_and_reassigns(sole, office, transport):
    request = services.return_request(by=None, assignment=sole, reason="职责不符", on=ASSIGNED)
    services.return_decide(by=office, request=request, approve=True, note="同意")
    sole.refresh_from_db()
    assert sole.status == Assignment.Status.RETURNED
    new = services.item_reassign(
        by=office,
        item=sole.item,
        unit=transport,
        role=Assignment.Role.SOLE,
        on=ASSIGNED + datetime.timedelta(days=5),
    )
    assert new.deadline == datetime.date(2025, 6, 25)
    assert events(services.EventType.RETURN_DECIDED).get().details["approved"] is True


def test_rejected_return_keeps_the_assignment(sole, office):
    request = services.return_request(by=None, assignment=sole, reason="x", on=ASSIGNED)
    services.return_decide(by=office, request=request, approve=False)
    sole.refresh_from_db()
    assert sole.status == Assignment.Status.ACTIVE


@pytest.fixture
def lead_mode(item, office, housing, transport):
    return services.item_assign(
        by=office,
        item=item,
        mode=Item.Mode.LEAD,
        units=[(housing, "牵头"), (transport, "配合")],
        on=ASSIGNED,
    )


def test_co_handlers_get_one_month_and_cannot_reply(lead_mode):
    lead, co = lead_mode
    assert (lead.role, co.role) == (Assignment.Role.LEAD, Assignment.Role.CO)
    assert co.deadline == datetime.date(2025, 4, 20)
    with pytest.raises(ValidationError):
        services.reply_draft(by=None, assignment=co, category="A", title="t", body="b")


def test_lead_reply_waits_for_every_co_handler_opinion(lead_mode):
    lead, co = lead_mode
    reply = services.reply_draft(by=None, assignment=lead, category="A", title="t", body="b")
    services.reply_submit(by=None, reply=reply)
    with pytest.raises(ValidationError):
        services.reply_approve(by=None, reply=reply, on=datetime.date(2025, 4, 1))
    services.opinion_submit(
        by=None, assignment=co, opinion="同意牵头单位意见", on=datetime.date(2025, 4, 2)
    )
    services.reply_approve(by=None, reply=reply, on=datetime.date(2025, 4, 3))
    reply.refresh_from_db()
    assert reply.status == Reply.Status.SENT and reply.on_time


def test_lead_reply_may_go_once_the_co_handler_deadline_passed(lead_mode):
    lead, _co = lead_mode
    reply = services.reply_draft(by=None, assignment=lead, category="A", title="t", body="b")
    services.reply_submit(by=None, reply=reply)
    services.reply_approve(by=None, reply=reply, on=datetime.date(2025, 4, 21))
    assert lead.item.status == Item.Status.REPLIED


def test_separate_mode_gives_one_reply_per_unit(item, office, housing, transport):
    first, second = services.item_assign(
        by=office,
        item=item,
        mode=Item.Mode.SEPARATE,
        units=[(housing, "住房"), (transport, "交通")],
        on=ASSIGNED,
    )
    send_reply(first)
    item.refresh_from_db()
    assert item.status == Item.Status.ASSIGNED
    with pytest.raises(ValidationError):
        services.reply_draft(by=None, assignment=first, category="A", title="t", body="b")
    send_reply(second)
    item.refresh_from_db()
    assert item.status == Item.Status.REPLIED


def test_merged_handling_answers_each_author(item, sole, office, city, other_deputy):
    from commitments.proposals.models import Kind

    third = services.member_create(by=None, organisation=city, kind=Kind.SUGGESTION, name="赵代表")
    twin = services.item_register(
        by=office,
        organisation=city,
        kind=Kind.SUGGESTION,
        year=2025,
        number="102",
        title="同题建议",
        lead_author=third,
    )
    services.item_merge(by=office, item=twin, into=item)
    reply = send_reply(sole)
    assert set(reply.recipients.values_list("name", flat=True)) == {"王代表", "李代表", "赵代表"}
    twin.refresh_from_db()
    assert twin.status == Item.Status.REPLIED


def test_unsatisfied_rating_opens_a_new_round_with_its_own_deadline(sole, deputy, deputy_user):
    reply = send_reply(sole, on=datetime.date(2025, 5, 10))
    services.rating_submit_as_user(
        user=deputy_user,
        reply=reply,
        result=Rating.Level.UNSATISFIED,
        process=Rating.Level.BASIC,
        on=datetime.date(2025, 5, 20),
    )
    sole.refresh_from_db()
    assert (sole.round, sole.deadline) == (2, datetime.date(2025, 6, 20))
    assert sole.item.status == Item.Status.REHANDLING
    assert events(services.EventType.REOPENED).count() == 1
    second = send_reply(sole, on=datetime.date(2025, 6, 10))
    assert second.round == 2
    services.rating_submit(by=None, reply=second, member=deputy, result=Rating.Level.SATISFIED)
    sole.item.refresh_from_db()
    assert sole.item.status == Item.Status.CLOSED


def test_only_authors_rate(sole, city):
    from commitments.proposals.models import Kind

    stranger = services.member_create(by=None, organisation=city, kind=Kind.SUGGESTION, name="外人")
    reply = send_reply(sole)
    with pytest.raises(ValidationError):
        services.rating_submit(by=None, reply=reply, member=stranger, result=Rating.Level.SATISFIED)


def test_b_reply_needs_a_promised_date(sole):
    with pytest.raises(ValidationError):
        services.reply_draft(by=None, assignment=sole, category="B", title="t", body="b")


def test_unknown_category_is_refused(sole):
    with pytest.raises(ValidationError):
        services.reply_draft(by=None, assignment=sole, category="Z", title="t", body="b")


def test_publication_needs_summary_or_reason(sole, office):
    reply = send_reply(sole)
    with pytest.raises(ValidationError):
        services.reply_publish(by=office, reply=reply, publication=Reply.Publication.NONE)
    services.reply_publish(
        by=office, reply=reply, publication=Reply.Publication.NONE, reason="涉密"
    )
    assert reply.published_at is None
    services.reply_publish(by=office, reply=reply, publication=Reply.Publication.FULL)
    assert Reply.objects.published().count() == 1


def test_public_text_withholds_secrets_and_contacts(sole, office):
    body = (
        "经研究，已联系王代表（13912345678，wang@example.cn）。"
        "[secret]内部经费安排[/secret]将增设车位。"
    )
    reply = send_reply(sole, body=body)
    services.reply_publish(by=office, reply=reply, publication=Reply.Publication.FULL)
    text = reply.public_text()
    assert "13912345678" not in text and "wang@example.cn" not in text
    assert "内部经费安排" not in text and "将增设车位" in text
    assert "内部经费安排" in reply.letter_text()


def test_reminders_are_idempotent(sole):
    assert services.reminders_send(on=datetime.date(2025, 6, 10)) == 1
    assert services.reminders_send(on=datetime.date(2025, 6, 11)) == 0
    assert services.reminders_send(on=datetime.date(2025, 6, 21)) == 1
    assert Notice.objects.filter(organisation=sole.unit).count() == 2
    body = Notice.objects.filter(organisation=sole.unit).first().body
    assert "年" in body and not re.search(r"\d{4}-\d\d-\d\d", body)
    send_reply(sole, on=datetime.date(2025, 6, 22))
    assert services.reminders_send(on=datetime.date(2025, 6, 23)) == 0


def test_key_item_supervision_is_logged(item, office):
    services.item_mark_key(by=office, item=item, supervisor_name="张副市长")
    item.refresh_from_db()
    assert item.is_key and events(services.EventType.ITEM_KEY).exists()


def test_communication_is_recorded(sole):
    services.communication_record(
        by=None, assignment=sole, day=ASSIGNED, method="visit", notes="面商"
    )
    assert sole.communications.count() == 1


def test_extensions_count_six_months_from_the_first_assignment_not_the_round(sole, office, deputy):
    reply = send_reply(sole, on=datetime.date(2025, 6, 1))
    services.rating_submit(
        by=None,
        reply=reply,
        member=deputy,
        result=Rating.Level.UNSATISFIED,
        on=datetime.date(2025, 8, 1),
    )
    sole.refresh_from_db()
    assert (sole.round, sole.deadline) == (2, datetime.date(2025, 9, 1))
    # 6 months from the first assignment (2025-03-20) end on 2025-09-20.
    too_long = services.extension_request(by=None, assignment=sole, months=1, reason="再延")
    with pytest.raises(ValidationError):
        services.extension_decide(by=office, request=too_long, approve=True)
    sole.refresh_from_db()
    assert sole.deadline == datetime.date(2025, 9, 1) and sole.extended_months == 0


def test_merged_items_are_assigned_once_and_every_author_gets_the_reply(
    item, office, city, housing, other_deputy
):
    from commitments.proposals.models import Member

    twin_author = services.member_create(by=None, organisation=city, kind="suggestion", name="赵")
    twin = services.item_register(
        by=office,
        organisation=city,
        kind="suggestion",
        year=2025,
        number="102",
        title="同类建议",
        lead_author=twin_author,
    )
    [assignment] = services.item_assign_merged(
        by=office, items=[item, twin], mode=Item.Mode.SOLE, units=[(housing, "")], on=ASSIGNED
    )
    twin.refresh_from_db()
    assert twin.merged_into == item and twin.status == Item.Status.ASSIGNED
    assert not twin.assignments.exists()
    reply = send_reply(assignment)
    names = set(reply.recipients.values_list("name", flat=True))
    assert names == {"王代表", "李代表", "赵"}
    services.rating_submit(
        by=None, reply=reply, member=Member.objects.get(name="赵"), result=Rating.Level.SATISFIED
    )
    twin.refresh_from_db()
    assert twin.status == Item.Status.CLOSED
    assert events(services.EventType.ITEM_MERGED).count() == 1


def test_a_merged_item_cannot_be_assigned_on_its_own(item, office, city, housing, deputy):
    twin = services.item_register(
        by=office,
        organisation=city,
        kind="suggestion",
        year=2025,
        number="103",
        title="同类建议",
        lead_author=deputy,
    )
    services.item_merge(by=office, item=twin, into=item)
    with pytest.raises(ValidationError):
        services.item_assign(by=office, item=twin, mode=Item.Mode.SOLE, units=[(housing, "")])
    with pytest.raises(ValidationError):
        services.item_assign_merged(by=office, items=[item], mode="sole", units=[(housing, "")])

"""Personal data at rest: one keyring, encrypted columns, blind index, key rotation."""

import base64
import hashlib
import json
from io import StringIO
from types import SimpleNamespace

import pytest
from cryptography.fernet import Fernet

from django.apps import apps
from django.core.exceptions import FieldError
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from commitments.proposals.services import member_create
from integrity.core import crypto
from integrity.core.models import Event, User
from integrity.records import services
from integrity.records.models import Complaint, Official
from tests.factories import UserFactory
from tests.rawdb import raw_value

pytestmark = pytest.mark.django_db

PHONE, EMAIL, NAME, ADDRESS = "13912345678", "whistle@example.com", "李举报", "石桥镇幸福路88号"
ID_NUMBER, OFFICIAL_PHONE, MOBILE = "350102198001011234", "13800001111", "13700002222"
KEY_A, KEY_B = "first-key-AAAAAAAAAAAAAAAAAAAAAAAA", "second-key-BBBBBBBBBBBBBBBBBBBBBBBB"


def _complaint(township) -> Complaint:
    return services.complaint_submit(
        organisation=township,
        topic="debt",
        title="欠款未还",
        text="工程款拖欠两年",
        anonymous=False,
        reporter_name=NAME,
        reporter_phone=PHONE,
        reporter_email=EMAIL,
        reporter_address=ADDRESS,
    )


def _member(county):
    return member_create(
        by=None, organisation=county, kind="suggestion", name="王代表", phone=PHONE, email=EMAIL
    )


@pytest.fixture
def personal_data(township, county):
    """One row of every model holding encrypted personal data."""
    official = services.official_create(
        by=None,
        organisation=township,
        name="张三",
        id_number=ID_NUMBER,
        phone=OFFICIAL_PHONE,
    )
    member = _member(county)
    user = UserFactory(organisation=township, mobile=MOBILE)
    return {"official": official, "complaint": _complaint(township), "member": member, "user": user}


def _plain_and_raw(objects) -> list[tuple[str, str]]:
    pairs = [
        (objects["official"], "id_number", ID_NUMBER),
        (objects["official"], "phone", OFFICIAL_PHONE),
        (objects["complaint"], "reporter_name", NAME),
        (objects["complaint"], "reporter_phone", PHONE),
        (objects["complaint"], "reporter_email", EMAIL),
        (objects["complaint"], "reporter_address", ADDRESS),
        (objects["member"], "phone", PHONE),
        (objects["member"], "email", EMAIL),
        (objects["user"], "mobile", MOBILE),
    ]
    return [(plain, raw_value(obj, field), obj, field) for obj, field, plain in pairs]


def test_every_phone_email_id_number_and_reporter_contact_is_stored_encrypted(personal_data):
    for plain, raw, obj, field in _plain_and_raw(personal_data):
        assert raw.startswith(crypto.TOKEN_PREFIX), field
        assert plain not in raw and plain[-4:] not in raw, field
        fresh = type(obj)._base_manager.get(pk=obj.pk)
        assert getattr(fresh, field) == plain, field


def test_an_empty_value_stays_empty_and_can_be_filtered(township):
    complaint = services.complaint_submit(
        organisation=township, topic="debt", title="匿名", text="内容", anonymous=True
    )
    assert raw_value(complaint, "reporter_phone") == ""
    assert list(Complaint.objects.filter(reporter_phone="")) == [complaint]


def test_comparing_an_encrypted_value_is_refused_instead_of_silently_matching_nothing(township):
    _complaint(township)
    with pytest.raises(FieldError):
        list(Complaint.objects.filter(reporter_phone=PHONE))
    with pytest.raises(FieldError):
        list(Complaint.objects.filter(reporter_phone__contains="139"))


def test_the_id_number_is_found_through_its_blind_index(township):
    official = services.official_create(
        by=None, organisation=township, name="张三", id_number=ID_NUMBER.lower() + " "
    )
    assert Official.objects.get(id_number_hash=crypto.blind_index(ID_NUMBER)) == official
    assert ID_NUMBER not in raw_value(official, "id_number_hash")


@override_settings(FIELD_ENCRYPTION_KEYS=[], FIELD_ENCRYPTION_KEY="the-old-single-key")
def test_id_numbers_encrypted_before_the_keyring_are_still_readable(township):
    old = Fernet(base64.urlsafe_b64encode(hashlib.sha256(b"the-old-single-key").digest()))
    official = Official.objects.create(organisation=township, name="老数据")
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE records_official SET id_number = %s WHERE id = %s",
            [old.encrypt(ID_NUMBER.encode()).decode(), official.pk],
        )
    assert Official.objects.get(pk=official.pk).id_number == ID_NUMBER


def test_the_migration_step_encrypts_plain_rows_once(township):
    complaint = _complaint(township)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE records_complaint SET reporter_phone = %s WHERE id = %s", [PHONE, complaint.pk]
        )
    step = crypto.encrypt_existing("records.Complaint", ["reporter_phone", "reporter_name"])
    name_token = raw_value(complaint, "reporter_name")
    # RunPython passes a schema editor; the step only uses its connection.
    step.code(apps, SimpleNamespace(connection=connection))
    assert PHONE not in raw_value(complaint, "reporter_phone")
    assert raw_value(complaint, "reporter_name") == name_token  # a token is left alone
    assert Complaint.objects.get(pk=complaint.pk).reporter_phone == PHONE


def test_rotation_re_encrypts_everything_so_the_old_key_can_be_removed(township, county):
    with override_settings(FIELD_ENCRYPTION_KEYS=[KEY_A]):
        data = {
            "official": services.official_create(
                by=None,
                organisation=township,
                name="张三",
                id_number=ID_NUMBER,
                phone=OFFICIAL_PHONE,
            ),
            "complaint": _complaint(township),
            "member": _member(county),
            "user": UserFactory(organisation=township, mobile=MOBILE),
        }
        before = {(type(o), f): raw for _plain, raw, o, f in _plain_and_raw(data)}
    with override_settings(FIELD_ENCRYPTION_KEYS=[KEY_B, KEY_A]):
        out = StringIO()
        call_command("rotate_field_key", "--batch-size", "1", stdout=out)
    assert "records.Complaint: 1 rows" in out.getvalue()
    assert "proposals.Member: 1 rows" in out.getvalue()
    with override_settings(FIELD_ENCRYPTION_KEYS=[KEY_B]):
        for plain, raw, obj, field in _plain_and_raw(data):
            assert raw != before[(type(obj), field)], field
            assert getattr(type(obj)._base_manager.get(pk=obj.pk), field) == plain, field
        found = Official.objects.get(id_number_hash=crypto.blind_index(ID_NUMBER))
        assert found == data["official"]
    assert User.objects.count() >= 1


def test_rotation_is_idempotent_and_logs_counts_without_key_material(township):
    with override_settings(FIELD_ENCRYPTION_KEYS=[KEY_A]):
        complaint = _complaint(township)
    with override_settings(FIELD_ENCRYPTION_KEYS=[KEY_B, KEY_A]):
        call_command("rotate_field_key", stdout=StringIO())
        call_command("rotate_field_key", stdout=StringIO())
    with override_settings(FIELD_ENCRYPTION_KEYS=[KEY_B]):
        assert Complaint.objects.get(pk=complaint.pk).reporter_phone == PHONE
    events = Event.objects.filter(type="security.key_rotated")
    assert events.count() == 2
    details = json.dumps([e.details for e in events])
    assert events.first().details["rows"]["records.Complaint"] == 1
    for secret in (KEY_A, KEY_B, PHONE):
        assert secret not in details


def test_a_changed_mobile_is_logged_as_changed_but_never_in_clear(township, operator):
    from integrity.core.events import REDACTED
    from integrity.core.services import user_update

    user = UserFactory(organisation=township, mobile=MOBILE)
    user_update(user=user, by=operator, data={"mobile": "13155556666", "post": "科员"})
    event = Event.objects.get(type="user.changed", object_id=str(user.pk))
    assert event.details["changes"]["mobile"] == [REDACTED, REDACTED]
    assert event.details["changes"]["post"] == ["", "科员"]
    assert MOBILE not in json.dumps(event.details) and "13155556666" not in json.dumps(
        event.details
    )
    assert User.objects.get(pk=user.pk).mobile == "13155556666"

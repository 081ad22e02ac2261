"""PostgreSQL: two POSTs of the same report form at the same moment make one report."""

from integrity.records.models import Complaint, ReportSubmission
from integrity.records.submissions import complaint_submit_once, new_token, token_value
from tests.concurrency import postgres_race, race
from tests.factories import TownshipFactory


@postgres_race
def test_a_concurrent_double_submission_makes_one_report():
    township = TownshipFactory(name="石桥镇")
    token = token_value(new_token())
    made = []

    def submit():
        complaint, _created = complaint_submit_once(
            token=token,
            organisation=township,
            topic="promise",
            title="双击",
            text="x",
            anonymous=True,
            attachments=[],
        )
        made.append(complaint.pk)

    assert race(submit, submit) == ["ok", "ok"]
    assert Complaint.objects.count() == 1
    assert made == [Complaint.objects.get().pk] * 2
    assert ReportSubmission.objects.get().complaint_id == made[0]

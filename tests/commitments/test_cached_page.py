"""Issue 7: a change to a published commitment shows on its cached public page at once."""

from commitments.services import commitment_break, progress_add
from tests.commitments.factories import PublishedCommitmentFactory


def test_a_change_shows_on_the_cached_public_page_at_once(
    client, township, django_capture_on_commit_callbacks
):
    commitment = PublishedCommitmentFactory(organisation=township, title="老旧小区停车难整治")
    url = commitment.get_absolute_url()
    assert client.get(url).status_code == 200
    assert client.get(url)["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        progress_add(commitment=commitment, by=None, text="新增停车位三百个")
    page = client.get(url)
    assert "X-Page-Cache" not in page
    assert "新增停车位三百个" in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        commitment_break(commitment=commitment, by=None, note="资金未落实")
    broken = str(commitment.Status.BROKEN.label)
    assert broken in client.get(url).content.decode()
    assert broken in client.get(f"/commitments/org/{township.pk}/").content.decode()

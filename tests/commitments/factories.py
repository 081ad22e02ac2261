import datetime

import factory
from factory.django import DjangoModelFactory

from commitments.models import Commitment
from tests.factories import TownshipFactory


class CommitmentFactory(DjangoModelFactory):
    class Meta:
        model = Commitment

    organisation = factory.SubFactory(TownshipFactory)
    kind = Commitment.Kind.TIME_LIMIT
    title = factory.Sequence(lambda n: f"承诺事项{n}")
    content = "为群众办理事项"
    target = "按期完成"
    deadline = datetime.date(2026, 6, 30)


class PublishedCommitmentFactory(CommitmentFactory):
    status = Commitment.Status.PUBLISHED
    original_deadline = factory.SelfAttribute("deadline")
    original_target = factory.SelfAttribute("target")
    published_at = factory.LazyFunction(lambda: datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC))


class OverdueCommitmentFactory(PublishedCommitmentFactory):
    deadline = datetime.date(2025, 12, 31)

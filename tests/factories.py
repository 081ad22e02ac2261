"""Factories shared by every test module: one per model, with named variants.

Apps add their own factories in ``tests/<app>/factories.py``.
"""

import factory
from factory.django import DjangoModelFactory

from integrity.core.models import Event, Organisation, User
from integrity.core.uscc import make_uscc


def _uscc(n: int) -> str:
    return make_uscc("11", "350100", f"{n:08d}")


class OrganisationFactory(DjangoModelFactory):
    """A township government under a fresh county (use ``parent=`` to place it)."""

    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"测试单位{n}")
    level = Organisation.Level.TOWNSHIP
    kind = Organisation.Kind.GOVERNMENT
    uscc = factory.Sequence(lambda n: _uscc(10_000 + n))
    parent = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        from integrity.core.services import organisation_create

        parent = kwargs.pop("parent", None)
        return organisation_create(by=None, parent=parent, **kwargs)


class CityFactory(OrganisationFactory):
    level = Organisation.Level.CITY
    name = factory.Sequence(lambda n: f"测试市{n}")


class CountyFactory(OrganisationFactory):
    level = Organisation.Level.COUNTY
    name = factory.Sequence(lambda n: f"测试县{n}")


class TownshipFactory(OrganisationFactory):
    level = Organisation.Level.TOWNSHIP
    name = factory.Sequence(lambda n: f"测试镇{n}")


class DepartmentFactory(OrganisationFactory):
    kind = Organisation.Kind.DEPARTMENT
    name = factory.Sequence(lambda n: f"测试局{n}")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"用户{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.gov.cn")
    organisation = factory.SubFactory(TownshipFactory)
    role = User.Role.OPERATOR
    password = factory.PostGenerationMethodCall("set_password", "secret-pass-123")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class OperatorFactory(UserFactory):
    role = User.Role.OPERATOR


class LeaderFactory(UserFactory):
    role = User.Role.LEADER


class SysadminFactory(UserFactory):
    role = User.Role.SYSADMIN
    is_superuser = True
    is_staff = True
    organisation = factory.SubFactory(CityFactory)


class EventFactory(DjangoModelFactory):
    class Meta:
        model = Event

    type = "test.happened"

import pytest

from tests.factories import DepartmentFactory


@pytest.fixture
def housing(city):
    return DepartmentFactory(name="住房和城乡建设局", parent=city)

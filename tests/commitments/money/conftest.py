import pytest

from tests.commitments.money.factories import SMEContractFactory


@pytest.fixture
def contract(township):
    return SMEContractFactory(organisation=township, contract_name="村道养护")

"""assessment.bulkwrite.update_rows: one UPDATE … FROM for many rows, unchanged rows left alone."""

import pandas as pd
import pytest

from assessment.bulkwrite import update_rows
from integrity.core.models import Organisation

pytestmark = pytest.mark.django_db


def test_it_writes_the_new_values_and_skips_rows_that_already_hold_them(county, township):
    frame = pd.DataFrame({"id": [county.pk, township.pk], "name": ["县甲", township.name]})
    assert update_rows(Organisation, frame, ["name"]) == 1
    assert Organisation.objects.get(pk=county.pk).name == "县甲"
    assert update_rows(Organisation, frame, ["name"]) == 0

# The assessment fixtures give a published campaign for the results dataset.
from tests.assessment.conftest import (  # noqa: F401
    assessor,
    campaign,
    department,
    other_county,
    provisional_campaign,
    published_campaign,
    scheme,
)

"""The garbage collector is tuned once a worker has started."""

import gc

from app.core.collector import THRESHOLDS


async def test_a_started_app_has_set_the_collectors_thresholds(app):
    assert gc.get_threshold() == THRESHOLDS
    assert gc.get_freeze_count() > 0

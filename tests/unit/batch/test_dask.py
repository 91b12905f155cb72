"""The frame-in, frame-out function runs unchanged under Dask: a million units."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest

from hoctap.batch.frames import evaluate_frame

dd = pytest.importorskip("dask.dataframe")
sys.path.insert(0, str(Path(__file__).parents[3] / "benchmarks"))
from bench import district_frame  # noqa: E402

pytestmark = pytest.mark.slow  # property, fuzz, notebook, browser, Dask: the slow part


def test_a_million_units_on_dasks_local_scheduler_equal_pandas() -> None:
    frame = pd.DataFrame(district_frame(1_000_000, seed=11))
    meta = evaluate_frame(frame.head(2), "district").iloc[:0]
    lazy = dd.from_pandas(frame, npartitions=4).map_partitions(
        evaluate_frame, "district", meta=meta
    )
    distributed = lazy.compute(scheduler="threads")
    whole = evaluate_frame(frame, "district")
    assert len(distributed) == 1_000_000
    for column in ("status", "level", "decided_by", "possible_levels", "2.1.2.band"):
        assert distributed[column].equals(whole[column]), column
    # The same rows through the scalar path, on a sample: the same answers.
    sample = frame.sample(200, random_state=3)
    scalar = evaluate_frame(sample.astype(object), "district")
    assert scalar["decided_by"].tolist() == whole.loc[sample.index, "decided_by"].tolist()
    assert scalar["status"].tolist() == whole.loc[sample.index, "status"].tolist()

"""The candidate step drops no feasible pair: its pairs equal a brute-force check of every
(volunteer, task), and the pairs it leaves out beyond a task's best ones are counted and priced."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from tests.unit.matching_support import feasible_pairs
from volunteer_app.matching import candidates as cand_module
from volunteer_app.matching import instance_to_json
from volunteer_app.matching.candidates import build_candidates
from volunteer_app.matching.generate import city_instance, random_instance
from volunteer_app.matching.model import build_model

INSTANCES = [
    lambda: random_instance(300, 80, seed=4, fixed_share=0.05, window_caps=0.3),
    lambda: city_instance(600, 150, seed=2),
    lambda: city_instance(1500, 300, seed=9),
]


def _pairs(inst: Any) -> tuple[Any, Any]:
    model = build_model(inst)
    cand = build_candidates(model)
    vid = [v.id for v in inst.volunteers]
    tid = [t.id for t in inst.tasks]
    got: dict[tuple[str, str], float] = {}
    for v, t, d in zip(cand.v.tolist(), cand.t.tolist(), cand.dist.tolist(), strict=True):
        got[(vid[v], tid[t])] = d
    return cand, got


@pytest.mark.parametrize("make", INSTANCES, ids=["random-caps", "city-600", "city-1500"])
def test_candidate_pairs_equal_the_brute_force_pairs(make: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    inst = make()
    expected = feasible_pairs(instance_to_json(inst))
    assert len(expected) > 200
    monkeypatch.setattr(cand_module, "KEEP_EXTRA", 10**9)  # keep everything: compare whole sets
    cand, got = _pairs(inst)
    assert cand.pruned.sum() == 0
    assert set(got) == set(expected)
    # Values use the chord: never longer than the geodesic, shorter by under 1e-6 relative here.
    for key, dist in got.items():
        assert expected[key] * (1 - 1e-6) <= dist <= expected[key] + 1e-12


@pytest.mark.parametrize("make", INSTANCES, ids=["random-caps", "city-600", "city-1500"])
def test_left_out_pairs_are_counted_and_never_better_than_the_kept(make: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    inst = make()
    expected = feasible_pairs(instance_to_json(inst))
    monkeypatch.setattr(cand_module, "KEEP_PER_SLOT", 1)
    monkeypatch.setattr(cand_module, "KEEP_EXTRA", 2)
    cand, got = _pairs(inst)
    assert cand.pruned.sum() > 0
    assert set(got) <= set(expected)
    tix = {t.id: j for j, t in enumerate(inst.tasks)}
    per_task = np.zeros(len(inst.tasks), dtype=np.int64)
    for _, t in expected:
        per_task[tix[t]] += 1
    kept = np.zeros(len(inst.tasks), dtype=np.int64)
    for _, t in got:
        kept[tix[t]] += 1
    assert (kept + cand.pruned == per_task).all()
    for (v, t), dist in expected.items():
        if (v, t) in got:
            continue
        j = tix[t]
        # Every pair left out is worth at most the task's recorded best left-out value ...
        assert 1000.0 * inst.tasks[j].priority - dist <= cand.theta[j] + 1e-6
        # ... which is no better than any pair the task kept.
        rows = slice(int(cand.t_ptr[j]), int(cand.t_ptr[j + 1]))
        assert cand.theta[j] <= cand.value[rows].min() + 1e-9

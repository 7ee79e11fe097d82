"""kill -9 in the middle of a change leaves all of it or none of it (issue 11), a handful of runs.

The first migration, a demo fill, a task import and a `db restore` each run as the real
`volunteer-app` command in a subprocess and get SIGKILL at three moments spread over the
database work (10 %, 50 % and 90 % of what an uninterrupted run takes after it opens the
database). Only the state is checked, never a time: SQLite's integrity and foreign-key checks
pass, the database holds the whole change or none of it, and the next command works.
bench/kill.py runs the same with random moments, 30 runs or more per action, and prints figures.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "kill.py"
FRACTIONS = (0.1, 0.5, 0.9)


def load_bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_kill", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def kill() -> ModuleType:
    return load_bench()


@pytest.mark.slow
@pytest.mark.parametrize("action", ["migrate", "demo", "import", "restore"])
def test_kill_minus_nine_leaves_all_or_nothing(kill: ModuleType, action: str, tmp_path: Path) -> None:
    (made,) = kill.make_actions(tmp_path / "work", [action])
    window = kill.calibrate(made, tmp_path / "work", repeats=1)
    outcomes = kill.run_action(made, tmp_path / "work", [window * f for f in FRACTIONS])
    assert len(outcomes) == len(FRACTIONS)
    for outcome in outcomes:
        assert outcome.state in (kill.NONE, kill.ALL), f"kill after {outcome.delay:.3f} s: {outcome}"
        assert outcome.next_ok, f"kill after {outcome.delay:.3f} s, then the next command failed: {outcome.detail}"

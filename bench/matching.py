"""Benchmark the matching engine on seeded city-week instances.

    python bench/matching.py [--sizes 200x50,2000x500,20000x5000] [--seed S] [--milp-max 2000x500]
                             [--generator random|city]

Each size runs in a fresh subprocess (so peak memory is that size's own). Per size: engine
time, peak RSS (the process, and before the engine started), the proven gap every result
carries (1 - objective / upper_bound), the exact MILP's time and the objective ratio where the
MILP is run (sizes up to --milp-max; the bound is checked against it there), placements per
second. Then a suggest() timing line. ``--generator city`` uses the busy city-week of issue 10
(``generate.city_instance``). Prints figures only: nothing here asserts a time.
For the whole `volunteer-app match` process at city scale, see ``bench/matching_scale.py``.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _rss_mb() -> float:
    # ru_maxrss is KiB on Linux, bytes on macOS.
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / scale / 1024


def run_size(n_vol: int, n_task: int, seed: int, milp: bool, generator: str = "random") -> dict[str, float | int | str]:
    """One size, in this process: engine, then (optionally) the MILP."""
    from volunteer_app.matching import assign, instance_to_json
    from volunteer_app.matching.generate import city_instance, random_instance

    make = city_instance if generator == "city" else random_instance
    inst = make(n_vol, n_task, seed)
    data = instance_to_json(inst) if milp else None
    rss0 = _rss_mb()
    t0 = time.perf_counter()
    res = assign(inst)
    engine_s = time.perf_counter() - t0
    out: dict[str, float | int | str] = {
        "size": f"{n_vol}x{n_task}",
        "engine_s": engine_s,
        "rss_before_mb": rss0,
        "rss_peak_mb": _rss_mb(),
        "placements": len(res.assignments),
        "open": sum(res.unfilled.values()),
        "rows": int(res.stats["candidate_rows"]),
        "objective": res.objective,
        "upper_bound": res.upper_bound,
        "gap": res.gap,
        "candidates_s": float(res.stats["seconds_candidates"]),
        "flow_s": float(res.stats["seconds_flow"]),
        "improve_s": float(res.stats["seconds_improve"]),
        "reasons_s": float(res.stats["seconds_reasons"]),
        "solve_s": float(res.stats["seconds_solve"]),
    }
    if data is not None:
        from tests.unit.matching_support import milp_optimum

        exact = milp_optimum(data)
        out.update(
            milp_s=exact.seconds,
            milp_vars=exact.variables,
            ratio=res.objective / exact.objective,
            bound_ok=int(res.upper_bound >= exact.objective),
        )
    return out


def bench_suggest(seed: int, n_task: int = 5000, repeat: int = 30) -> str:
    """Median suggest() time over ``n_task`` tasks for one volunteer (cold = first call)."""
    from volunteer_app.matching import Instance, suggest
    from volunteer_app.matching.generate import WEEK_START, random_instance

    big = random_instance(200, n_task, seed)
    vol = next(v for v in big.volunteers if v.location is not None)
    inst = Instance([vol], big.tasks)
    t0 = time.perf_counter()
    suggest(inst, vol.id, now=WEEK_START)
    cold = time.perf_counter() - t0
    times = []
    n = 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        n = len(suggest(inst, vol.id, now=WEEK_START, limit=50))
        times.append(time.perf_counter() - t0)
    return (
        f"suggest: {n_task} tasks, 1 volunteer: cold {cold * 1000:.1f} ms (builds task columns), "
        f"warm median {statistics.median(times) * 1000:.2f} ms ({n} shown)"
    )


def _parse_size(text: str) -> tuple[int, int]:
    a, b = text.lower().split("x")
    return int(a), int(b)


def main(argv: list[str] | None = None) -> int:
    """Run every size in its own subprocess and print one table."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="200x50,2000x500,20000x5000")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--milp-max", default="2000x500", help="largest size to solve exactly")
    ap.add_argument("--generator", choices=("random", "city"), default="random")
    ap.add_argument("--one", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one:
        n_vol, n_task, milp = args.one.split(":")
        print(json.dumps(run_size(int(n_vol), int(n_task), args.seed, milp == "1", args.generator)))
        return 0
    mv, mt = _parse_size(args.milp_max)
    head = (
        f"{'size':>11} {'engine s':>9} {'cand/flow/impr/reas s':>22} {'rows':>8} {'placed':>7} {'open':>6} "
        f"{'RSS MB':>7} {'gap':>8} {'MILP s':>8} {'ratio':>9} {'bound>=opt':>10} {'plac/s':>8}"
    )
    print(f"seed {args.seed}; generator {args.generator}; machine: {sys.platform}, python {sys.version.split()[0]}")
    print(head)
    for text in args.sizes.split(","):
        n_vol, n_task = _parse_size(text)
        milp = n_vol <= mv and n_task <= mt
        cmd = [sys.executable, __file__, "--seed", str(args.seed), "--generator", args.generator]
        proc = subprocess.run(
            [*cmd, "--one", f"{n_vol}:{n_task}:{int(milp)}"], capture_output=True, text=True, check=True
        )
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        milp_s = f"{r['milp_s']:.2f}" if "milp_s" in r else "skipped"
        ratio = f"{r['ratio']:.5f}" if "ratio" in r else "-"
        bound_ok = ("yes" if r["bound_ok"] else "NO") if "bound_ok" in r else "-"
        parts = f"{r['candidates_s']:.2f}/{r['flow_s']:.2f}/{r['improve_s']:.2f}/{r['reasons_s']:.2f}"
        print(
            f"{r['size']:>11} {r['engine_s']:>9.3f} {parts:>22} {r['rows']:>8} {r['placements']:>7} {r['open']:>6} "
            f"{r['rss_peak_mb']:>7.0f} {r['gap']:>8.4%} {milp_s:>8} {ratio:>9} {bound_ok:>10} "
            f"{r['placements'] / r['engine_s']:>8.0f}"
        )
    print(f"(MILP skipped above {args.milp_max}: the exact model gets too large; the gap is proven at every size)")
    print(bench_suggest(args.seed))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

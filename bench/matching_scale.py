"""The issue-10 scale targets, measured as a user runs them: `volunteer-app match FILE -o OUT`.

    python bench/matching_scale.py [--sizes 20000x5000,100000x20000] [--seed 1] [--repeat 3]

For each size: a busy city-week from ``generate.city_instance`` (30-45% of the slots stay open,
20% flexible, half the volunteers capped, some without a location, some remote tasks) is
written to a file once, then the whole command runs as a fresh subprocess under
``/usr/bin/time -v`` (or ``resource.getrusage`` where that is missing) ``--repeat`` times.
Prints wall time and peak RSS of the whole process (start to exit, reasons included), the
spread over the repeats, and the engine's own timings, slots, open share and gap.
Figures only: nothing here asserts a time. The machine's load average is printed too.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def write_instance(n_vol: int, n_task: int, seed: int, path: Path) -> float:
    """Generate and write the instance; return the seconds it took."""
    from volunteer_app.matching import instance_to_json
    from volunteer_app.matching.generate import city_instance

    t0 = time.perf_counter()
    data = instance_to_json(city_instance(n_vol, n_task, seed))
    path.write_text(json.dumps(data), encoding="utf-8")
    return time.perf_counter() - t0


def run_once(instance: Path, out: Path) -> tuple[float, float]:
    """(wall seconds, peak RSS MB) of one `volunteer-app match` process."""
    cmd = [sys.executable, "-m", "volunteer_app", "match", str(instance), "-o", str(out)]
    timer = shutil.which("time") or "/usr/bin/time"
    if os.path.exists(timer):
        done = subprocess.run([timer, "-v", *cmd], capture_output=True, text=True, check=True)
        wall = re.search(r"Elapsed \(wall clock\) time .*: (?:(\d+):)?(\d+):([\d.]+)", done.stderr)
        rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
        assert wall and rss, done.stderr
        h, m, s = wall.groups()
        return int(h or 0) * 3600 + int(m) * 60 + float(s), int(rss.group(1)) / 1024
    t0 = time.perf_counter()
    subprocess.run(cmd, capture_output=True, check=True)
    wall_s = time.perf_counter() - t0
    return wall_s, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="20000x5000,100000x20000")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--keep", type=Path, help="keep instance files in this folder (reused when present)")
    args = ap.parse_args(argv)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="va-scale-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"seed {args.seed}; {os.cpu_count()} cores; python {sys.version.split()[0]}")
    for text in args.sizes.split(","):
        n_vol, n_task = (int(x) for x in text.lower().split("x"))
        path = folder / f"city-{n_vol}x{n_task}-s{args.seed}.json"
        if not path.exists():
            gen_s = write_instance(n_vol, n_task, args.seed, path)
            print(f"{text}: wrote {path} ({path.stat().st_size / 1e6:.0f} MB) in {gen_s:.0f} s")
        out = folder / f"result-{n_vol}x{n_task}.json"
        walls, rsss = [], []
        for _ in range(args.repeat):
            load = os.getloadavg()[0]
            wall, rss = run_once(path, out)
            walls.append(wall)
            rsss.append(rss)
            print(f"  {text}: {wall:6.2f} s wall, {rss:6.0f} MB peak RSS (load average before: {load:.1f})")
        res = json.loads(out.read_text(encoding="utf-8"))
        st = res["stats"]
        slots = sum(res["unfilled"].values()) + st["placements"]
        print(
            f"{text}: wall min {min(walls):.2f} / median {statistics.median(walls):.2f} / max {max(walls):.2f} s; "
            f"peak RSS max {max(rsss):.0f} MB; open {sum(res['unfilled'].values())} of {slots} new slots "
            f"({sum(res['unfilled'].values()) / max(slots, 1):.0%}); gap {res['gap']:.4%}"
        )
        parts = " ".join(f"{k[8:]}={v:.2f}" for k, v in st.items() if k.startswith("seconds_"))
        print(f"  engine seconds: {parts}; rows {st['candidate_rows']}, spatial pairs {st['spatial_pairs']}")
        print(f"  reasons / solve: {st['seconds_reasons'] / st['seconds_solve']:.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

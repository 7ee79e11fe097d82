"""Fuzz `volunteer-app match` with broken and extreme instance files; prints what happened.

    .venv/bin/python bench/fuzz.py [--cases 2000] [--jobs 2] [--seed 11] [--memory-mb 1024] [--timeout 60]

The cases come from the same Hypothesis generator as tests/unit/test_instance_fuzz.py (valid
instances with fields replaced by huge, negative, odd or wrongly typed values, lone surrogates,
controls, million-character strings, JSON nested thousands deep, NaN and 1e400, lists past their
limits, UTF-16, a UTF-8 BOM, cut or garbled bytes). Each runs as a real `volunteer-app match CASE -o OUT`
subprocess with an address-space limit (RLIMIT_AS) and a timeout. Counted:

* exit codes (0 accepted and solved, 2 refused, anything else is suspicious);
* tracebacks on stderr, refusals that are not exactly one line, lines longer than 500 characters;
* hangs (the timeout) and memory blowups (a MemoryError, "not enough memory", or death by signal).

Exit status 0 when there were no tracebacks, hangs, blowups or malformed refusals, else 1.
"""

from __future__ import annotations

import argparse
import collections
import os
import resource
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hypothesis import HealthCheck, given, seed, settings  # noqa: E402

from tests.unit.test_instance_fuzz import broken_texts  # noqa: E402

PROGRAM = Path(sys.executable).with_name("volunteer-app")


def collect(cases: int, seed_value: int) -> list[bytes]:
    """``cases`` distinct generated files (Hypothesis drives the generator, seeded)."""
    found: list[bytes] = []

    @seed(seed_value)
    @settings(max_examples=cases, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(broken_texts())
    def gather(raw: bytes) -> None:
        found.append(raw)

    gather()
    return found


def run_case(raw: bytes, folder: Path, k: int, memory_mb: int, timeout: float) -> tuple[str, int | None, str, float]:
    path = folder / f"case{k}.json"
    path.write_bytes(raw)
    out = folder / f"case{k}.out.json"

    def limits() -> None:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    t0 = time.perf_counter()
    try:
        done = subprocess.run([str(PROGRAM), "match", str(path), "-o", str(out)], capture_output=True, text=True,
                              encoding="utf-8", errors="replace", stdin=subprocess.DEVNULL, timeout=timeout,
                              preexec_fn=limits, check=False)  # fmt: skip
    except subprocess.TimeoutExpired:
        return "hang", None, "", time.perf_counter() - t0
    finally:
        path.unlink(missing_ok=True)
        out.unlink(missing_ok=True)
    seconds = time.perf_counter() - t0
    err = done.stderr
    if done.returncode < 0 or "MemoryError" in err or "not enough memory" in err:
        return "memory", done.returncode, err, seconds
    if "Traceback" in err:
        return "traceback", done.returncode, err, seconds
    if done.returncode == 2:
        lines = err.strip().splitlines()
        if len(lines) != 1 or len(lines[0]) > 500:
            return "malformed", done.returncode, err, seconds
        return "refused", 2, err, seconds
    if done.returncode == 0:
        return "accepted", 0, err, seconds
    return "other", done.returncode, err, seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--memory-mb", type=int, default=1024)
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args()
    t0 = time.perf_counter()
    cases = collect(args.cases, args.seed)
    print(f"generated {len(cases)} cases in {time.perf_counter() - t0:.1f} s "
          f"(largest {max(len(c) for c in cases) / 1e6:.1f} MB)", flush=True)  # fmt: skip
    outcomes: collections.Counter[str] = collections.Counter()
    codes: collections.Counter[int | None] = collections.Counter()
    bad: list[tuple[str, str]] = []
    slowest = 0.0
    with tempfile.TemporaryDirectory(prefix="fuzz-") as tmp, ThreadPoolExecutor(args.jobs) as pool:
        futures = [pool.submit(run_case, raw, Path(tmp), k, args.memory_mb, args.timeout)
                   for k, raw in enumerate(cases)]  # fmt: skip
        for n, future in enumerate(futures, 1):
            kind, code, err, seconds = future.result()
            outcomes[kind] += 1
            codes[code] += 1
            slowest = max(slowest, seconds)
            if kind not in ("accepted", "refused"):
                bad.append((kind, err.strip()[-400:]))
            if n % 250 == 0:
                print(f"  {n} cases...", flush=True)
    print(f"cases tried:      {len(cases)}")
    print("exit codes:       " + ", ".join(f"{c}: {n}" for c, n in sorted(codes.items(), key=lambda x: str(x[0]))))
    print(f"accepted (0):     {outcomes['accepted']}")
    print(f"refused (2):      {outcomes['refused']}")
    print(f"tracebacks:       {outcomes['traceback']}")
    print(f"hangs (>{args.timeout:g} s):   {outcomes['hang']}")
    print(f"memory blowups:   {outcomes['memory']}  (limit {args.memory_mb} MB address space)")
    print(f"malformed errors: {outcomes['malformed']}")
    print(f"other exit codes: {outcomes['other']}")
    print(f"slowest case:     {slowest:.2f} s; total {time.perf_counter() - t0:.0f} s on {os.cpu_count()} cores")
    for kind, err in bad[:10]:
        print(f"--- {kind}:\n{err}")
    return 0 if not bad else 1


if __name__ == "__main__":
    raise SystemExit(main())

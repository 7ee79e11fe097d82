"""Mutable assignment state with undo: who is placed where, and the per-volunteer time checks.

Free time is already split into disjoint segments (merged free time minus existing
placements), so two placements can only clash inside the same segment; each segment keeps
its placements sorted by start. Every change goes through ``add``/``remove`` so a tentative
move can be rolled back exactly.
"""

from __future__ import annotations

from bisect import insort
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np

from .candidates import Candidates
from .model import STEP_US, Model


@dataclass(eq=False)
class Placed:
    """One placement made by the engine (``row`` is its candidate row)."""

    v: int
    t: int
    seg: int
    start: int
    end: int
    value: float
    row: int

    def __lt__(self, other: Placed) -> bool:
        return (self.start, self.t) < (other.start, other.t)


class Group(NamedTuple):
    """One (volunteer, task) candidate pair; ``rows`` holds (row, segment, first start, last start),
    one per free segment where the task fits (several only for flexible tasks)."""

    v: int
    value: float
    rows: tuple[tuple[int, int, int, int], ...]


@dataclass
class State:
    """Assignment state over a candidate set."""

    model: Model
    cand: Candidates
    open: list[int] = field(init=False)
    used: list[int] = field(init=False)
    by_seg: dict[int, list[Placed]] = field(init=False, default_factory=dict)
    by_vol: dict[int, list[Placed]] = field(init=False, default_factory=dict)
    on_task: list[dict[int, Placed]] = field(init=False)
    journal: list[tuple[bool, Placed]] | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        m, c = self.model, self.cand
        self.open = m.open_slots.tolist()
        self.used = [0] * len(m.vols.volunteers)
        self.cap = m.vols.cap.tolist()
        vols = m.vols
        # Windowed caps: per volunteer a list of (from, to, window id); usage per window id.
        self.windows: dict[int, list[tuple[int, int, int]]] = {}
        if len(vols.cap_from):
            owner = np.repeat(np.arange(len(vols.volunteers)), np.diff(vols.cap_ptr)).tolist()
            for w, (v, a, b) in enumerate(zip(owner, vols.cap_from.tolist(), vols.cap_to.tolist(), strict=True)):
                self.windows.setdefault(v, []).append((a, b, w))
        self.win_left = vols.cap_left.tolist()
        self.win_used = [0] * len(self.win_left)
        self.dur = m.tasks.dur.tolist()
        self.on_task = [{} for _ in range(len(m.tasks.tasks))]
        # Pair boundaries, vectorised once; Python lists are made per task only when needed.
        n = len(c)
        brk = np.ones(n, dtype=bool)
        if n > 1:
            brk[1:] = (c.t[1:] != c.t[:-1]) | (c.v[1:] != c.v[:-1]) | (c.value[1:] != c.value[:-1])
        self.g_start = np.flatnonzero(brk)
        self.g_ptr = np.searchsorted(c.t[self.g_start], np.arange(len(m.tasks.tasks) + 1)).tolist()
        self._groups: dict[int, list[Group]] = {}

    # ------------------------------------------------------------------ bookkeeping

    def add(self, p: Placed) -> None:
        """Place ``p`` (the caller has checked it fits)."""
        insort(self.by_seg.setdefault(p.seg, []), p)
        self.by_vol.setdefault(p.v, []).append(p)
        self.on_task[p.t][p.v] = p
        self.open[p.t] -= 1
        self.used[p.v] += p.end - p.start
        for w in self.windows_at(p.v, p.start):
            self.win_used[w] += p.end - p.start
        if self.journal is not None:
            self.journal.append((True, p))

    def remove(self, p: Placed) -> None:
        """Undo a placement."""
        self.by_seg[p.seg].remove(p)
        self.by_vol[p.v].remove(p)
        del self.on_task[p.t][p.v]
        self.open[p.t] += 1
        self.used[p.v] -= p.end - p.start
        for w in self.windows_at(p.v, p.start):
            self.win_used[w] -= p.end - p.start
        if self.journal is not None:
            self.journal.append((False, p))

    def begin(self) -> None:
        """Start recording changes for a possible rollback."""
        self.journal = []

    def commit(self) -> None:
        """Keep the recorded changes."""
        self.journal = None

    def mark(self) -> int:
        """A point inside the current recording to roll back to."""
        assert self.journal is not None
        return len(self.journal)

    def rollback_to(self, mark: int) -> None:
        """Undo the changes recorded after ``mark`` (recording goes on)."""
        assert self.journal is not None
        log = self.journal[mark:]
        del self.journal[mark:]
        saved, self.journal = self.journal, None
        for added, p in reversed(log):
            if added:
                self.remove(p)
            else:
                self.add(p)
        self.journal = saved

    def rollback(self) -> None:
        """Undo every change since ``begin``."""
        assert self.journal is not None
        log, self.journal = self.journal, None
        for added, p in reversed(log):
            if added:
                self.remove(p)
            else:
                self.add(p)

    def placements(self) -> list[Placed]:
        """All placements, in a deterministic order (task, volunteer)."""
        return sorted((p for d in self.on_task for p in d.values()), key=lambda p: (p.t, p.v))

    # ------------------------------------------------------------------ candidates

    def groups(self, t: int) -> Iterator[Group]:
        """Candidate pairs of task t, best value first, materialised lazily in growing chunks.

        Most callers stop early (the first pair that fits, or the first one not nearer), so
        building Python objects for every pair of every task up front would dominate the run.
        """
        cache = self._groups.setdefault(t, [])
        lo, hi = self.g_ptr[t], self.g_ptr[t + 1]
        k = 0
        while True:
            while k < len(cache):
                yield cache[k]
                k += 1
            done = lo + len(cache)
            if done >= hi:
                return
            self._extend(t, cache, done, min(hi, done + max(8, len(cache))))

    def _extend(self, t: int, cache: list[Group], g0: int, g1: int) -> None:
        c = self.cand
        starts = self.g_start[g0:g1].tolist()
        end = int(self.g_start[g1]) if g1 < len(self.g_start) else len(c)
        end = min(end, int(c.t_ptr[t + 1]))
        a = starts[0]
        rows = list(zip(range(a, end), c.seg[a:end].tolist(), c.lo[a:end].tolist(), c.hi[a:end].tolist(), strict=True))
        ends = [*starts[1:], end]
        vs = c.v[starts].tolist()
        vals = c.value[starts].tolist()
        cache.extend(
            Group(v, val, tuple(rows[r0 - a : r1 - a])) for v, val, r0, r1 in zip(vs, vals, starts, ends, strict=True)
        )

    def row_group(self, r: int) -> Group:
        """A one-row group for candidate row r (used to place flow-chosen rows)."""
        c = self.cand
        return Group(int(c.v[r]), float(c.value[r]), ((r, int(c.seg[r]), int(c.lo[r]), int(c.hi[r])),))

    # ------------------------------------------------------------------ caps

    def windows_at(self, v: int, start: int) -> list[int]:
        """Ids of v's cap windows that a placement starting at ``start`` counts in."""
        ws = self.windows.get(v)
        if not ws:
            return []
        return [w for a, b, w in ws if a <= start < b]

    def window_block(self, v: int, start: int, dur: int) -> int | None:
        """None if a stint of ``dur`` starting at ``start`` fits v's cap windows, else the
        earliest instant after ``start`` where the windows that block it end."""
        ws = self.windows.get(v)
        if not ws:
            return None
        block = None
        for a, b, w in ws:
            if a <= start < b and self.win_used[w] + dur > self.win_left[w]:
                block = b if block is None else min(block, b)
        return block

    # ------------------------------------------------------------------ time checks

    def earliest_start(self, seg: int, lo: int, hi: int, dur: int) -> int | None:
        """Earliest grid start in [lo, hi] whose stint clashes with nothing in the segment."""
        s = lo
        for p in self.by_seg.get(seg, ()):
            if p.end <= s:
                continue
            if p.start >= s + dur:
                break
            # Clash: jump past this placement, rounded up onto the grid counted from lo.
            s = lo + -((lo - p.end) // STEP_US) * STEP_US
            if s > hi:
                return None
        return s if s <= hi else None

    def fit(self, g: Group, t: int) -> Placed | None:
        """A clash-free placement of pair ``g`` on task t as things stand, or None."""
        v = g.v
        if v in self.on_task[t] or self.used[v] + self.dur[t] > self.cap[v]:
            return None
        dur = self.dur[t]
        for r, seg, lo, hi in g.rows:
            s = self.earliest_start(seg, lo, hi, dur)
            while s is not None:
                block = self.window_block(v, s, dur)
                if block is None:
                    return Placed(v, t, seg, s, s + dur, g.value, r)
                # A full cap window: try the first grid start after it.
                s = self.earliest_start(seg, lo + -((lo - block) // STEP_US) * STEP_US, hi, dur)
        return None

    def clashes(self, seg: int, start: int, end: int) -> list[Placed]:
        """Placements in the segment overlapping [start, end)."""
        return [p for p in self.by_seg.get(seg, ()) if p.start < end and start < p.end]

    def start_options(self, seg: int, lo: int, hi: int, dur: int) -> list[int]:
        """Starts worth trying when making room in a segment: its ends and the edges of what is there."""
        if lo == hi:
            return [lo]
        opts = {lo, hi}
        for p in self.by_seg.get(seg, ()):
            after = lo + -((lo - p.end) // STEP_US) * STEP_US
            before = lo + ((p.start - dur - lo) // STEP_US) * STEP_US
            opts.update(x for x in (after, before) if lo <= x <= hi)
        return sorted(opts)

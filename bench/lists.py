"""Does the Tasks list stay smooth with 100,000 tasks? The UI thread's longest stall, per action.

    .venv/bin/python bench/lists.py [--tasks 100000] [--cache DIR]

Opens the main window offscreen over the cached start-up database (see
bench/startup.py) and, with a 5 ms heartbeat timer on the UI thread, does what a
coordinator does: sort by title, sort by organisation descending, type a filter
(debounced, then queried), clear it, scroll down through ten pages, refresh (F5).
For each action it prints how long until the rows were there and the longest gap
between heartbeats, i.e. the longest the window could not respond. The work
itself runs in the background; the gap shows what the UI thread still does
(swapping rows in, painting). Prints figures; never fails on speed.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["VOLUNTEER_APP_HOME"] = tempfile.mkdtemp(prefix="va-bench-lists-")

from startup import COORDINATOR, cached_database  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "volunteer-app-bench")
    args = parser.parse_args()
    path = cached_database(args.cache, args.tasks)

    from PySide6.QtCore import QElapsedTimer, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from volunteer_app.gui.app import create_application
    from volunteer_app.gui.main_window import MainWindow
    from volunteer_app.gui.pages import ListPage
    from volunteer_app.services import accounts
    from volunteer_app.services.accounts import Actor
    from volunteer_app.store.database import Database

    app = create_application([sys.argv[0]])
    db = Database(f"sqlite:///{path}")
    actor = accounts.refresh(db, Actor(person_id=1, email=COORDINATOR, display_name="", is_admin=False))
    window = MainWindow(db, actor)
    window.resize(1280, 800)
    window.show()
    page = window.pages["tasks"]
    assert isinstance(page, ListPage)
    model = page.model

    clock = QElapsedTimer()
    clock.start()
    beats: list[int] = []
    heart = QTimer()
    heart.setInterval(5)
    heart.timeout.connect(lambda: beats.append(clock.elapsed()))
    heart.start()

    def settle(filter_text: str | None = None, timeout_ms: int = 60_000) -> None:
        """Until the rows are in (and, for a filter, the debounced query for that text has run)."""
        deadline = clock.elapsed() + timeout_ms

        def waiting() -> bool:
            pending_filter = filter_text is not None and model.filter_text != filter_text
            return pending_filter or model.is_loading or (filter_text is None and not model.loaded)

        while waiting() and clock.elapsed() < deadline:
            app.processEvents()
            time.sleep(0.001)
        for _ in range(20):  # let the view paint what arrived
            app.processEvents()

    def measure(name: str, action: object, filter_text: str | None = None) -> None:
        beats.clear()
        started = clock.elapsed()
        beats.append(started)
        action()  # type: ignore[operator]
        settle(filter_text)
        finished = clock.elapsed()
        beats.append(finished)
        gap = max(b - a for a, b in itertools.pairwise(beats))
        print(f"  {name:<38} rows there after {finished - started:6d} ms   longest UI stall {gap:4d} ms"
              f"   ({model.loaded:,} of {model.total:,} loaded)")

    settle()
    title = next(i for i, c in enumerate(model.columns) if c.sort_key == "title")
    org = next(i for i, c in enumerate(model.columns) if c.sort_key == "organisation")
    print(f"Tasks list over {args.tasks:,} tasks (offscreen, {QApplication.platformName()}):")
    measure("sort by title", lambda: page.table.sortByColumn(title, Qt.SortOrder.AscendingOrder))
    measure("sort by organisation, descending", lambda: page.table.sortByColumn(org, Qt.SortOrder.DescendingOrder))

    def type_filter() -> None:
        for ch in "number 42":
            page.filter_edit.setText(page.filter_edit.text() + ch)
            app.processEvents()

    measure("type a filter ('number 42', debounced)", type_filter, "number 42")
    measure("clear the filter", lambda: page.filter_edit.clear(), "")

    def scroll_pages() -> None:
        for _ in range(10):
            page.table.scrollToBottom()
            app.processEvents()
            while model.is_loading:
                app.processEvents()
                time.sleep(0.001)

    measure("scroll down ten pages", scroll_pages)
    measure("refresh (F5)", page.refresh)
    heart.stop()
    window.close()
    from volunteer_app.gui import background

    background.wait_for_all()
    db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

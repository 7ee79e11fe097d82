"""Running `volunteer-app` as a person or a script does: a separate process, no terminal."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path


def console_script() -> list[str]:
    """The installed `volunteer-app` next to this interpreter."""
    script = Path(sys.executable).with_name("volunteer-app")
    assert script.exists(), f"the console script is not installed next to {sys.executable}"
    return [str(script)]


def run_cli(
    *args: str,
    password: str | None = None,
    env: Mapping[str, str | None] | None = None,
    program: Sequence[str] | None = None,
    timeout: float = 300,
) -> subprocess.CompletedProcess[str]:
    """Run the app with ``args``; stdin is closed, the app home is the test's own (tests/conftest.py).

    ``password`` goes to VOLUNTEER_APP_PASSWORD; ``env`` sets (or, with None, removes) variables.
    """
    environment = dict(os.environ)
    environment.pop("VOLUNTEER_APP_PASSWORD", None)
    if password is not None:
        environment["VOLUNTEER_APP_PASSWORD"] = password
    for name, value in (env or {}).items():
        if value is None:
            environment.pop(name, None)
        else:
            environment[name] = value
    return subprocess.run(
        [*(program or console_script()), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        stdin=subprocess.DEVNULL,
        env=environment,
        timeout=timeout,
        check=False,
    )

"""The modules generated from ui/*.ui are what scripts/compile_ui.sh makes of today's forms."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
GENERATED = REPO / "volunteer_app" / "gui" / "generated"
FORMS = sorted((REPO / "ui").glob("*.ui"))


def without_version(text: str) -> list[str]:
    # The uic version line changes with every PySide6 release; the code it writes does not.
    return [line for line in text.splitlines() if "Created by: Qt User Interface Compiler" not in line]


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("ui")
    env = {**os.environ, "PYSIDE6_UIC": str(Path(sys.executable).parent / "pyside6-uic")}
    subprocess.run(
        ["sh", str(REPO / "scripts" / "compile_ui.sh"), str(out)], check=True, cwd=REPO, env=env, capture_output=True
    )
    return out


def test_there_are_forms() -> None:
    assert {f.stem for f in FORMS} >= {"sign_in", "settings_dialog"}


@pytest.mark.parametrize("form", FORMS, ids=lambda f: f.stem)
def test_generated_module_is_fresh(form: Path, fresh: Path) -> None:
    committed = GENERATED / f"ui_{form.stem}.py"
    assert committed.exists(), f"run scripts/compile_ui.sh ({committed.name} is missing)"
    text = committed.read_text(encoding="utf-8")
    assert text.startswith(f"# generated from ui/{form.name}"), "the do-not-edit header is missing"
    assert without_version(text) == without_version((fresh / committed.name).read_text(encoding="utf-8")), (
        f"{committed.name} is stale: run scripts/compile_ui.sh"
    )

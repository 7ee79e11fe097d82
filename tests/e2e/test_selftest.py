"""`volunteer-app --selftest` as an installer's smoke test runs it: a process, headless, exit status and lines.

The same command runs from an installed wheel (tests/unit/test_resources_layout.py) and from the
frozen bundle (packaging/build.sh, and .github/workflows/installers.yml on Windows and macOS).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.support.cli import run_cli
from volunteer_app import paths
from volunteer_app.gui.selftest import PASSED, STEPS


def test_the_selftest_passes_headless_and_names_every_step(tmp_path: Path, app_home: Path) -> None:
    kept = tmp_path / "kept"
    done = run_cli("--selftest", "--keep", str(kept), env={"QT_QPA_PLATFORM": None, "DISPLAY": None})
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == len(STEPS) + 1
    for number, (line, (name, _)) in enumerate(zip(lines, STEPS, strict=False), start=1):
        assert line.startswith(f"{number:2}/{len(STEPS)} {name:<12} ok "), line
    assert "platform offscreen" in done.stdout  # chosen by itself when QT_QPA_PLATFORM is unset
    assert lines[-1].startswith(PASSED)
    # Its own temporary home and database: the person's (here the test's) home is untouched.
    assert list(app_home.iterdir()) == []
    # What it drew, kept for a person to look at: two PDFs and the page its QR code was read from.
    assert (kept / "certificate-zh.pdf").read_bytes().startswith(b"%PDF-")
    assert (kept / "certificate-en.pdf").read_bytes().startswith(b"%PDF-")
    assert (kept / "certificate-zh.png").read_bytes().startswith(b"\x89PNG")


def test_the_pdf_the_selftest_keeps_prints_its_text_with_the_bundled_fonts(tmp_path: Path) -> None:
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (poppler-utils) is not installed")
    done = run_cli("--selftest", "--keep", str(tmp_path), env={"QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stdout + done.stderr
    fonts = {}
    for language in ("zh", "en"):
        fonts[language] = subprocess.run(
            ["pdffonts", str(tmp_path / f"certificate-{language}.pdf")], capture_output=True, text=True, check=True
        ).stdout
    assert "WenQuanYiMicroHei" in fonts["zh"]
    assert "DejaVuSerif-Bold" in fonts["en"] and "DejaVuSans" in fonts["en"]
    # Every font is embedded (the "emb" column): the PDF looks the same wherever it is opened.
    for table in fonts.values():
        for row in table.splitlines()[2:]:
            assert " yes " in row, row


def _bundle_with(tmp_path: Path, change: str) -> Path:
    """A fake frozen bundle (sys._MEIPASS) holding a copy of the resources, damaged as ``change`` says."""
    bundle = tmp_path / "bundle"
    shutil.copytree(paths.resources_root(), bundle / "volunteer_app" / "resources")
    if change == "damaged translation":
        (bundle / "volunteer_app" / "resources" / "translations" / "volunteer_app_zh_CN.qm").write_bytes(b"not qm")
    elif change == "no fonts":
        shutil.rmtree(bundle / "volunteer_app" / "resources" / "fonts")
    return bundle


@pytest.mark.parametrize(
    ("change", "step", "number"),
    [("damaged translation", "translations", 7), ("no fonts", "resources", 1)],
)
def test_a_broken_install_fails_naming_the_step(tmp_path: Path, change: str, step: str, number: int) -> None:
    bundle = _bundle_with(tmp_path, change)
    code = textwrap.dedent(
        f"""
        import sys
        sys.frozen, sys._MEIPASS = True, {str(bundle)!r}
        from volunteer_app.cli import main
        sys.exit(main(["--selftest"]))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        encoding="utf-8",
        stdin=subprocess.DEVNULL,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=300,
        check=False,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[-1] == f"self-test FAILED at step {number} ({step})"
    assert lines[-2].startswith(f"{number:2}/{len(STEPS)} {step:<12} FAILED: "), lines[-2]
    assert all(" ok " in line for line in lines[: number - 1])  # the steps before it passed
    assert "Traceback" in done.stderr  # the details, for a bug report

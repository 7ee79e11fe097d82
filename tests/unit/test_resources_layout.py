"""The project's layout and the one function that finds bundled resources in each way the app runs.

The files live in the top-level ``resources/``; ``pyproject.toml`` maps that folder into the
package as ``volunteer_app.resources`` for wheels, and the PyInstaller spec puts it at the same
place in a frozen bundle. ``paths.resources_root()`` must find it:

- in a checkout (this process) and an editable install (``pip install -e .``, as scripts/setup does);
- in an installed wheel (built here with ``pip wheel`` from a copy of the checkout);
- in a frozen bundle (``sys._MEIPASS``; the real bundle is built and self-tested by packaging/build.sh).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

import pytest

import volunteer_app
from volunteer_app import paths

CHECKOUT = Path(__file__).resolve().parents[2]
PACKAGE = Path(volunteer_app.__file__).resolve().parent
RESOURCES = CHECKOUT / "resources"
RESOURCE = "README.md"  # resources/README.md, a real bundled file
#: What the app reads at run time; each must be in every way the app runs.
SHIPPED = (
    ("translations", "volunteer_app_zh_CN.qm"),
    ("translations", "volunteer_app_zh_CN.ts"),
    ("gazetteer", "cities15000.tsv.gz"),
    ("fonts", "LICENSE.md"),
)


def _pyproject() -> dict:
    with (CHECKOUT / "pyproject.toml").open("rb") as fh:
        return tomllib.load(fh)


# --------------------------------------------------------------------------- the layout


def test_the_top_level_is_the_agreed_layout() -> None:
    for name in ("volunteer_app", "ui", "resources", "tests", "packaging"):
        assert (CHECKOUT / name).is_dir(), f"{name}/ is missing at the top level"
    for name in ("pyproject.toml", "README.md"):
        assert (CHECKOUT / name).is_file(), name
    assert not (PACKAGE / "resources").exists(), "resources belong at the top level, not inside the package"
    for parts in SHIPPED:
        assert RESOURCES.joinpath(*parts).is_file(), "/".join(parts)


def test_every_subpackage_is_listed_for_the_wheel() -> None:
    """The package list in pyproject.toml is explicit (for the mapped resources): none may be forgotten."""
    listed = set(_pyproject()["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(CHECKOUT).parts)
        for init in PACKAGE.rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert found - listed == set(), "add these packages to [tool.setuptools] packages in pyproject.toml"
    assert listed - found == {"volunteer_app.resources"}
    assert _pyproject()["tool"]["setuptools"]["package-dir"] == {"volunteer_app.resources": "resources"}


# --------------------------------------------------------------------------- checkout and frozen


def test_resource_from_the_checkout() -> None:
    assert paths.resources_root() == RESOURCES
    found = paths.resource_path(RESOURCE)
    assert found == RESOURCES / RESOURCE
    assert "Bundled resources" in found.read_text(encoding="utf-8")


def test_missing_resource_names_itself() -> None:
    with pytest.raises(FileNotFoundError, match=r"icons/no-such-icon\.svg"):
        paths.resource_path("icons", "no-such-icon.svg")


def _run(args: list[str], *, cwd: Path, env: dict[str, str] | None = None, timeout: float = 600) -> str:
    done = subprocess.run(
        args,
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, f"{args[:4]} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _clean_env(pythonpath: list[Path] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    if pythonpath:
        env["PYTHONPATH"] = os.pathsep.join(str(p) for p in pythonpath)
    return env


LOOK = """
import json, volunteer_app
from volunteer_app.paths import resource_path, resources_root
print(json.dumps([volunteer_app.__file__, str(resources_root()), str(resource_path({resource!r}))]))
"""


def test_resource_when_frozen(tmp_path: Path) -> None:
    bundle = tmp_path / "bundle"
    (bundle / "volunteer_app" / "resources").mkdir(parents=True)
    (bundle / "volunteer_app" / "resources" / RESOURCE).write_text("frozen copy", encoding="utf-8")
    code = f"import sys; sys.frozen = True; sys._MEIPASS = {str(bundle)!r}\n" + LOOK.format(resource=RESOURCE)
    _, root, found = json.loads(_run([sys.executable, "-c", code], cwd=tmp_path, env=_clean_env()))
    assert Path(root) == bundle / "volunteer_app" / "resources"
    assert Path(found).read_text(encoding="utf-8") == "frozen copy"


# --------------------------------------------------------------------------- wheel and editable install


def _files(root: Path) -> set[str]:
    return {
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix not in (".pyc", ".tmp")
    }


def _source_copy(tmp: Path) -> Path:
    """What a clean clone holds that a build reads: no build/ or *.egg-info lands in the shared checkout."""
    source = tmp / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(CHECKOUT / name, source / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(PACKAGE, source / "volunteer_app", ignore=ignore)
    shutil.copytree(RESOURCES, source / "resources", ignore=ignore)
    return source


@pytest.fixture(scope="module")
def installed_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from a copy of the checkout and installed (without dependencies) in a folder of its own."""
    tmp = tmp_path_factory.mktemp("wheel")
    source = _source_copy(tmp)
    wheels = tmp / "wheels"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    _run([*pip, "wheel", "--quiet", "--no-deps", "--wheel-dir", str(wheels), str(source)], cwd=tmp)
    (wheel,) = wheels.glob("volunteer_app-*.whl")
    target = tmp / "installed"
    _run([*pip, "install", "--quiet", "--no-deps", "--no-compile", "--target", str(target), str(wheel)], cwd=tmp)
    return target


def test_resources_arrive_in_an_installed_wheel(installed_wheel: Path, tmp_path: Path) -> None:
    """Every file under resources/ is in the wheel, at volunteer_app/resources, and found from there."""
    out = _run([sys.executable, "-c", LOOK.format(resource=RESOURCE)], cwd=tmp_path, env=_clean_env([installed_wheel]))
    module_file, root, found = map(Path, json.loads(out))
    assert module_file.is_relative_to(installed_wheel), f"imported {module_file}, not the installed copy"
    assert root == installed_wheel / "volunteer_app" / "resources"
    assert found == root / RESOURCE
    missing = _files(RESOURCES) - _files(root)
    assert not missing, f"resources left out of the wheel: {sorted(missing)}"
    migrations = _files(PACKAGE / "store" / "migrations") - _files(installed_wheel / "volunteer_app/store/migrations")
    assert not migrations, f"migration files left out of the wheel: {sorted(migrations)}"


def test_the_installed_wheel_passes_its_self_test(installed_wheel: Path, tmp_path: Path) -> None:
    """The whole app from the wheel (its dependencies from this environment): migrations, forms, fonts, QR."""
    env = _clean_env([installed_wheel, Path(sysconfig.get_paths()["purelib"])])
    env["QT_QPA_PLATFORM"] = "offscreen"
    out = _run([sys.executable, "-m", "volunteer_app", "--selftest"], cwd=tmp_path, env=env)
    assert out.splitlines()[-1].startswith("self-test passed"), out
    assert str(installed_wheel / "volunteer_app" / "resources") in out, out


@pytest.mark.slow
def test_resources_found_from_an_editable_install(tmp_path: Path) -> None:
    """``pip install -e .`` (what scripts/setup runs) into a fresh venv: the top-level folder is used in place."""
    source = _source_copy(tmp_path)
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", str(venv)], cwd=tmp_path)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    _run(
        [str(python), "-m", "pip", "--disable-pip-version-check", "install", "--quiet", "--no-deps", "-e", str(source)],
        cwd=tmp_path,
    )
    # paths.py needs platformdirs only: a copy of it, not this environment's site-packages (whose own
    # editable finder module has the same name as the new venv's and would win).
    import platformdirs

    deps = tmp_path / "deps"
    shutil.copytree(Path(platformdirs.__file__).parent, deps / "platformdirs")
    out = _run([str(python), "-c", LOOK.format(resource=RESOURCE)], cwd=tmp_path, env=_clean_env([deps]))
    module_file, root, found = map(Path, json.loads(out))
    assert module_file.is_relative_to(source / "volunteer_app"), module_file
    assert root == source / "resources"
    assert found.read_text(encoding="utf-8") == (RESOURCES / RESOURCE).read_text(encoding="utf-8")

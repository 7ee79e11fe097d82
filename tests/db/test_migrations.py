"""Alembic migrations: a linear chain that matches the models and upgrades old databases safely."""

from __future__ import annotations

import itertools
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import Script, ScriptDirectory
from sqlalchemy import text

import volunteer_app.store.migrations as migrations_package
from tests.support.databases import table_names
from volunteer_app import paths
from volunteer_app.store import migrate
from volunteer_app.store.database import Database
from volunteer_app.store.models import Base


def chain() -> list[Script]:
    """The revisions from base to head."""
    script = ScriptDirectory.from_config(migrate.alembic_config())
    return list(reversed(list(script.walk_revisions("base", "heads"))))


# --------------------------------------------------------------------------- the chain


def test_revision_chain_is_linear() -> None:
    script = ScriptDirectory.from_config(migrate.alembic_config())
    assert len(script.get_heads()) == 1, f"several heads: {script.get_heads()} (merge them)"
    assert len(script.get_bases()) == 1, f"several bases: {script.get_bases()}"
    revisions = chain()
    assert revisions, "no migrations at all"
    assert revisions[0].down_revision is None
    for previous, revision in itertools.pairwise(revisions):
        assert isinstance(revision.down_revision, str), f"{revision.revision} merges {revision.down_revision}"
        assert revision.down_revision == previous.revision
        assert not revision.dependencies, f"{revision.revision} depends on {revision.dependencies}"
    assert revisions[-1].revision == migrate.head_revision()
    # Every revision file in the folder is part of the chain (none left dangling).
    files = {p.stem.split("_", 1)[0] for p in Path(migrations_package.__file__).parent.glob("versions/[!_]*.py")}
    assert files == {r.revision for r in revisions}


# --------------------------------------------------------------------------- models vs migrations


def test_models_and_migrations_agree(empty_db: Database) -> None:
    migrate.upgrade(empty_db)
    with empty_db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True, "target_metadata": Base.metadata})
        differences = compare_metadata(context, Base.metadata)
    assert differences == [], "the models differ from the migrated schema; write a migration:\n" + "\n".join(
        map(str, differences)
    )


def test_upgrade_from_empty_then_downgrade_to_base_then_upgrade_again(empty_db: Database) -> None:
    assert migrate.status(empty_db).current is None
    assert table_names(empty_db) == set()

    migrate.upgrade(empty_db)
    assert migrate.status(empty_db).at_head
    assert set(Base.metadata.tables) | {"alembic_version"} == table_names(empty_db)

    migrate.downgrade(empty_db, "base")
    assert migrate.status(empty_db).current is None
    assert table_names(empty_db) <= {"alembic_version"}

    migrate.upgrade(empty_db)
    assert migrate.status(empty_db).at_head
    assert set(Base.metadata.tables) <= table_names(empty_db)


def test_each_revision_upgrades_and_downgrades_one_step_at_a_time(empty_db: Database) -> None:
    revisions = chain()
    for revision in revisions:
        migrate.upgrade(empty_db, revision.revision)
        assert migrate.status(empty_db).current == revision.revision
    for revision in reversed(revisions):
        assert migrate.status(empty_db).current == revision.revision
        below = revision.down_revision
        migrate.downgrade(empty_db, below if isinstance(below, str) else "base")
    assert migrate.status(empty_db).current is None


def test_an_old_database_keeps_its_data_through_every_upgrade(empty_db: Database) -> None:
    """A database made at the first revision, with rows in it, upgrades step by step to head.

    The rows are written with SQL as the first revision's schema had it (that revision is frozen),
    so this stays true as later revisions reshape the tables.
    """
    first, *later = chain()
    migrate.upgrade(empty_db, first.revision)
    with empty_db.engine.begin() as conn:
        conn.execute(
            text("INSERT INTO organisation (id, name, created_at) VALUES (1, 'Old Town Hall', :at)"),
            {"at": "2025-01-02 03:04:05"},
        )
        conn.execute(
            text(
                "INSERT INTO person (id, email, display_name, password_hash, is_admin, is_active, created_at)"
                " VALUES (7, 'old@example.org', 'Old Timer', 'hash', :false, :true, :at)"
            ),
            {"at": "2025-01-02 03:04:05", "false": False, "true": True},
        )
    for revision in later:
        migrate.upgrade(empty_db, revision.revision)
        assert migrate.status(empty_db).current == revision.revision
    migrate.upgrade(empty_db)
    assert migrate.status(empty_db).at_head
    with empty_db.engine.connect() as conn:
        assert conn.execute(text("SELECT name FROM organisation WHERE id = 1")).scalar() == "Old Town Hall"
        assert conn.execute(text("SELECT email FROM person WHERE id = 7")).scalar() == "old@example.org"


# --------------------------------------------------------------------------- backups before upgrade


def backups() -> list[Path]:
    return sorted(paths.backups_dir().iterdir())


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_no_backup_when_the_file_is_new_empty_or_at_head(empty_db_url: str, tmp_path: Path) -> None:
    db = Database(empty_db_url)
    try:
        assert db.sqlite_path is not None
        assert not db.sqlite_path.exists()
        assert migrate.upgrade(db) is None  # a new file: nothing to save
        assert migrate.upgrade(db) is None  # at head: nothing to do
    finally:
        db.dispose()

    blank = tmp_path / "blank.sqlite3"
    blank.touch()  # an existing file without any schema
    db = Database(f"sqlite:///{blank}")
    try:
        assert migrate.upgrade(db) is None
        assert migrate.status(db).at_head
    finally:
        db.dispose()
    assert backups() == []


def _assert_backup_of_old_revision(made: Path | None, old_revision: str) -> None:
    assert made is not None
    assert made.parent == paths.backups_dir()
    assert backups() == [made]
    with sqlite3.connect(made) as copy:
        assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == (old_revision,)
        assert copy.execute("SELECT name FROM organisation").fetchall() == [("Saved Before Upgrade",)]
    copy.close()


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_file_behind_head_is_backed_up_before_upgrading(empty_db_url: str) -> None:
    revisions = chain()
    if len(revisions) < 2:
        pytest.skip("needs a second revision (the test below covers the backup with a stand-in one)")
    old = revisions[-2].revision
    db = Database(empty_db_url)
    try:
        migrate.upgrade(db, old)
        with db.engine.begin() as conn:
            conn.execute(
                text("INSERT INTO organisation (name, created_at) VALUES ('Saved Before Upgrade', '2025-01-01')")
            )
        made = migrate.upgrade(db)
        assert migrate.status(db).at_head
    finally:
        db.dispose()
    _assert_backup_of_old_revision(made, old)


NOOP_REVISION = '''"""a stand-in newer revision for the backup test"""

revision = "zz_test_newer"
down_revision = {head!r}
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
'''


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_backup_is_made_when_a_newer_revision_arrives(
    empty_db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app's real migrations plus one empty revision on top, as after an app update."""
    old_head = migrate.head_revision()
    db = Database(empty_db_url)
    try:
        migrate.upgrade(db)
        with db.engine.begin() as conn:
            conn.execute(
                text("INSERT INTO organisation (name, created_at) VALUES ('Saved Before Upgrade', '2025-01-01')")
            )

        updated = tmp_path / "updated-migrations"
        shutil.copytree(Path(migrations_package.__file__).parent, updated, ignore=shutil.ignore_patterns("__pycache__"))
        (updated / "versions" / "zz_test_newer.py").write_text(NOOP_REVISION.format(head=old_head))
        monkeypatch.setattr(migrate, "SCRIPT_LOCATION", str(updated))
        assert migrate.head_revision() == "zz_test_newer"
        assert not migrate.status(db).at_head

        made = migrate.upgrade(db)
        assert migrate.status(db).current == "zz_test_newer"
        assert migrate.upgrade(db) is None  # at the new head: no second backup
    finally:
        db.dispose()
    _assert_backup_of_old_revision(made, old_head)

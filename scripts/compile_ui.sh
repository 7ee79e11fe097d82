#!/bin/sh
# Compile the Designer forms in ui/ into volunteer_app/gui/generated/ui_*.py.
# The generated modules are committed; tests/gui/test_generated_ui.py checks they are fresh.
# Usage: scripts/compile_ui.sh [output-dir]   (default: volunteer_app/gui/generated)
set -eu
cd "$(dirname "$0")/.."
UIC="${PYSIDE6_UIC:-.venv/bin/pyside6-uic}"
[ -x "$UIC" ] || UIC=pyside6-uic
OUT="${1:-volunteer_app/gui/generated}"
mkdir -p "$OUT"
for form in ui/*.ui; do
    name=$(basename "$form" .ui)
    target="$OUT/ui_$name.py"
    {
        echo "# generated from $form by scripts/compile_ui.sh: do not edit"
        "$UIC" --no-autoconnection "$form"
    } > "$target.tmp"
    mv "$target.tmp" "$target"
    echo "compiled $form -> $target"
done

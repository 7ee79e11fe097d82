#!/bin/sh
# Refresh the Simplified Chinese translation source from the code, then compile it.
#   lupdate: every self.tr / QCoreApplication.translate / QT_TRANSLATE_NOOP in the GUI, the
#            Designer forms in ui/, and the message templates marked with QT_TRANSLATE_NOOP in
#            services/, domain/, geo/ and store/ (context "errors"; scripts/extract_noop_messages.py also finds
#            the calls made through aliases such as `T = QT_TRANSLATE_NOOP`, which lupdate misses).
#   lrelease: volunteer_app_zh_CN.ts -> volunteer_app_zh_CN.qm (committed; a test checks it is fresh).
# After running, translate new entries (pyside6-linguist, or edit the .ts), then run this again.
# Usage: scripts/update_translations.sh [TS-FILE]   (another TS-FILE: used by the tests to check freshness)
set -eu
cd "$(dirname "$0")/.."
BIN="${PYSIDE6_BIN:-.venv/bin}"
PY="${PYTHON:-.venv/bin/python}"
TS="${1:-resources/translations/volunteer_app_zh_CN.ts}"
QM="${TS%.ts}.qm"
mkdir -p "$(dirname "$TS")"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
"$PY" scripts/extract_noop_messages.py "$WORK/service_messages.py"
# Sorted file list and no source locations: the same strings always give the same .ts.
FILES=$(ls ui/*.ui volunteer_app/gui/*.py | LC_ALL=C sort)
# shellcheck disable=SC2086
"$BIN/pyside6-lupdate" -silent -no-obsolete -locations none -source-language en -target-language zh_CN \
    $FILES "$WORK/service_messages.py" -ts "$TS"
"$BIN/pyside6-lrelease" -silent "$TS" -qm "$QM"
if grep -q 'type="unfinished"' "$TS"; then
    echo "warning: $(grep -c 'type="unfinished"' "$TS") untranslated entries remain in $TS" >&2
fi

#!/usr/bin/env bash
# Build the one-folder bundle from a clean copy of the checkout, then prove it works.
#
#   packaging/build.sh            (Linux here; the same steps run on macOS and on Windows' Git Bash in CI)
#
# 1. copies what git tracks (and new files not ignored) to build/packaging/src: no .venv, caches or
#    local databases slip into the bundle;
# 2. makes a build venv of its own there (build/packaging/venv) with the app and PyInstaller, which
#    is a build tool only, never one of the app's dependencies;
# 3. runs PyInstaller with packaging/volunteer-app.spec -> build/packaging/dist/volunteer-app/
#    (macOS: also "Volunteer App.app");
# 4. runs the frozen program's --selftest headless (offscreen), keeping the certificate it drew
#    (PDF and PNG) in build/packaging/selftest/;
# 5. prints the bundle's unpacked size and, on Linux with Xvfb and xdotool, the time from starting the
#    frozen program to its sign-in box on screen (the median of a few starts).
#
# Environment: PYTHON (default python3, 3.11+), BUILD_DIR (default build/packaging), STARTS (default 3).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
BUILD=${BUILD_DIR:-$ROOT/build/packaging}
PYTHON=${PYTHON:-python3}
STARTS=${STARTS:-3}
step() { printf '\nbuild: %s\n' "$*"; }

case "$(uname -s)" in
    MINGW* | MSYS* | CYGWIN*) BIN=Scripts EXE=.exe CLI=volunteer-app-cli ;;
    *) BIN=bin EXE= CLI=volunteer-app ;;
esac

# ----------------------------------------------------------------- 1. a clean copy
step "clean copy of the checkout -> $BUILD/src"
rm -rf "$BUILD/src" "$BUILD/dist" "$BUILD/work" "$BUILD/selftest"
mkdir -p "$BUILD/src"
if git -C "$ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    # Tracked files plus new ones git would take, without the ignored (.venv, build/, caches) or deleted.
    git -C "$ROOT" ls-files -z --cached --others --exclude-standard |
        while IFS= read -r -d '' file; do [ -e "$file" ] && printf '%s\0' "$file"; done |
        tar -C "$ROOT" --null -T - -cf - | tar -C "$BUILD/src" -xf -
else
    tar -C "$ROOT" --exclude=./build --exclude=./.venv --exclude='__pycache__' -cf - . | tar -C "$BUILD/src" -xf -
fi

# ----------------------------------------------------------------- 2. the build venv
VENV=$BUILD/venv
if [ ! -x "$VENV/$BIN/python$EXE" ]; then
    step "build venv ($("$PYTHON" --version 2>&1)) -> $VENV"
    "$PYTHON" -m venv "$VENV"
fi
VPY="$VENV/$BIN/python$EXE"
step "installing the app and PyInstaller into the build venv"
"$VPY" -m pip install --quiet --disable-pip-version-check --upgrade pip
# Not editable: the bundle must be built from an installed copy, as a wheel would install it.
"$VPY" -m pip install --quiet --disable-pip-version-check "$BUILD/src" "pyinstaller>=6.10"
"$VPY" -m PyInstaller --version | sed 's/^/build: PyInstaller /'

# ----------------------------------------------------------------- 3. PyInstaller
step "PyInstaller (one folder) -> $BUILD/dist"
started=$(date +%s)
(cd "$BUILD/src" && "$VPY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$BUILD/dist" --workpath "$BUILD/work" packaging/volunteer-app.spec)
echo "build: PyInstaller took $(($(date +%s) - started)) s"
APP_DIR="$BUILD/dist/volunteer-app"
FROZEN="$APP_DIR/$CLI$EXE"
[ -x "$FROZEN" ] || { echo "build: the frozen program $FROZEN is missing" >&2; exit 1; }

# ----------------------------------------------------------------- 4. the frozen self-test
step "frozen --selftest (offscreen)"
if ! QT_QPA_PLATFORM=offscreen "$FROZEN" --selftest --keep "$BUILD/selftest"; then
    echo "build: the frozen self-test FAILED" >&2
    exit 1
fi
if command -v pdftoppm >/dev/null 2>&1; then
    pdftoppm -r 100 -png -singlefile "$BUILD/selftest/certificate-zh.pdf" "$BUILD/selftest/certificate-zh-pdftoppm"
    pdftoppm -r 100 -png -singlefile "$BUILD/selftest/certificate-en.pdf" "$BUILD/selftest/certificate-en-pdftoppm"
    echo "build: certificates drawn by the frozen build: $BUILD/selftest/certificate-{zh,en}-pdftoppm.png"
fi

# ----------------------------------------------------------------- 5. size and start time
step "figures"
size_kib=$(du -sk "$APP_DIR" | cut -f1)
files=$(find "$APP_DIR" -type f | wc -l)
echo "build: unpacked size of $APP_DIR: $((size_kib / 1024)) MiB in $files files (goal: under 150 MiB)"
echo "build: largest parts:"
du -sk "$APP_DIR"/_internal/* 2>/dev/null | sort -rn | head -n 8 | awk '{printf "build:   %6.1f MiB  %s\n", $1/1024, $2}'

if [ "$(uname -s)" = Linux ] && command -v Xvfb >/dev/null 2>&1 && command -v xdotool >/dev/null 2>&1; then
    home=$(mktemp -d)
    trap 'rm -rf "$home"; [ -n "${xvfb_pid:-}" ] && kill "$xvfb_pid" 2>/dev/null || true' EXIT
    # An account, so the window opens on the sign-in box (an empty database opens the first-run wizard).
    VOLUNTEER_APP_HOME=$home VOLUNTEER_APP_PASSWORD='start time 42' \
        "$FROZEN" admin create --email admin@example.org --name Admin >/dev/null
    display=:$((90 + RANDOM % 400))
    Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
    xvfb_pid=$!
    sleep 1
    times=()
    for _ in $(seq "$STARTS"); do
        t0=$(date +%s.%N)
        DISPLAY=$display VOLUNTEER_APP_HOME=$home QT_QPA_PLATFORM=xcb "$FROZEN" >/dev/null 2>&1 &
        app_pid=$!
        if DISPLAY=$display timeout 60 xdotool search --sync --onlyvisible --name '^Sign in$' >/dev/null; then
            t1=$(date +%s.%N)
            times+=("$(echo "$t1 - $t0" | bc)")
        else
            echo "build: the sign-in box did not appear within 60 s" >&2
        fi
        kill "$app_pid" 2>/dev/null || true
        wait "$app_pid" 2>/dev/null || true
    done
    if [ ${#times[@]} -gt 0 ]; then
        median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
        printf 'build: start to the sign-in box (Xvfb): median %.2f s of %d starts (%s)\n' \
            "$median" "${#times[@]}" "$(printf '%.2f ' "${times[@]}")"
    fi
else
    echo "build: start time not measured (needs Linux with Xvfb and xdotool)"
fi
step "done: $APP_DIR"

#!/usr/bin/env bash
# Sign "Volunteer App.app" with the hardened runtime, notarise it with Apple, staple the ticket, and
# wrap it in a .dmg (itself signed, notarised and stapled). macOS only; run after packaging/build.sh.
#
#   packaging/macos/sign-and-notarize.sh [path/to/Volunteer App.app]
#
# Everything secret comes from the environment, never from this repository:
#   MACOS_SIGN_IDENTITY      the "Developer ID Application: Name (TEAMID)" certificate in the keychain
#   and either an App Store Connect API key (preferred in CI):
#   MACOS_NOTARY_KEY_PATH    the .p8 file,  MACOS_NOTARY_KEY_ID,  MACOS_NOTARY_ISSUER
#   or an Apple ID with an app-specific password:
#   MACOS_NOTARY_APPLE_ID,   MACOS_NOTARY_PASSWORD,   MACOS_NOTARY_TEAM_ID
# Without them the script stops before doing anything and says which are missing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT=$(pwd)
APP=${1:-$ROOT/build/packaging/dist/Volunteer App.app}
ENTITLEMENTS=$ROOT/packaging/macos/entitlements.plist
VERSION=$(python3 -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
DMG=$ROOT/build/packaging/volunteer-app-$VERSION-macos.dmg

fail() { printf 'sign-and-notarize: %s\n' "$*" >&2; exit 1; }

[ "$(uname -s)" = Darwin ] || fail "this runs on macOS only (codesign, notarytool, stapler, hdiutil)"
for tool in codesign xcrun hdiutil; do
    command -v "$tool" >/dev/null 2>&1 || fail "$tool is missing: install the Xcode command line tools (xcode-select --install)"
done
[ -d "$APP" ] || fail "no app at $APP: run packaging/build.sh first"

missing=()
[ -n "${MACOS_SIGN_IDENTITY:-}" ] || missing+=(MACOS_SIGN_IDENTITY)
if [ -n "${MACOS_NOTARY_KEY_PATH:-}" ]; then
    [ -f "$MACOS_NOTARY_KEY_PATH" ] || fail "MACOS_NOTARY_KEY_PATH names no file: $MACOS_NOTARY_KEY_PATH"
    [ -n "${MACOS_NOTARY_KEY_ID:-}" ] || missing+=(MACOS_NOTARY_KEY_ID)
    [ -n "${MACOS_NOTARY_ISSUER:-}" ] || missing+=(MACOS_NOTARY_ISSUER)
    notary=(--key "$MACOS_NOTARY_KEY_PATH" --key-id "${MACOS_NOTARY_KEY_ID:-}" --issuer "${MACOS_NOTARY_ISSUER:-}")
else
    [ -n "${MACOS_NOTARY_APPLE_ID:-}" ] || missing+=("MACOS_NOTARY_APPLE_ID (or MACOS_NOTARY_KEY_PATH)")
    [ -n "${MACOS_NOTARY_PASSWORD:-}" ] || missing+=(MACOS_NOTARY_PASSWORD)
    [ -n "${MACOS_NOTARY_TEAM_ID:-}" ] || missing+=(MACOS_NOTARY_TEAM_ID)
    notary=(--apple-id "${MACOS_NOTARY_APPLE_ID:-}" --password "${MACOS_NOTARY_PASSWORD:-}"
        --team-id "${MACOS_NOTARY_TEAM_ID:-}")
fi
if [ ${#missing[@]} -gt 0 ]; then
    fail "refusing to sign: set ${missing[*]} (see the top of this script and docs/readme-parts/build-installers.md)"
fi
security find-identity -v -p codesigning | grep -qF "$MACOS_SIGN_IDENTITY" ||
    fail "the signing identity \"$MACOS_SIGN_IDENTITY\" is not in the keychain (security find-identity -v -p codesigning)"

sign() {
    codesign --force --timestamp --options runtime --entitlements "$ENTITLEMENTS" --sign "$MACOS_SIGN_IDENTITY" "$@"
}

echo "sign-and-notarize: signing every library and program inside, innermost first"
# Nested code must be signed before what contains it; --deep is deprecated for signing.
find "$APP/Contents" -type f \( -name '*.so' -o -name '*.dylib' -o -perm -u+x \) -print0 |
    while IFS= read -r -d '' file; do
        if file "$file" | grep -q 'Mach-O'; then sign "$file"; fi
    done
find "$APP/Contents" -type d -name '*.framework' -print0 | sort -rz | while IFS= read -r -d '' fw; do sign "$fw"; done
sign "$APP"
codesign --verify --deep --strict --verbose=2 "$APP"

echo "sign-and-notarize: notarising the app (this waits for Apple's answer)"
zip=$(mktemp -d)/volunteer-app.zip
ditto -c -k --keepParent "$APP" "$zip"
xcrun notarytool submit "$zip" "${notary[@]}" --wait
xcrun stapler staple "$APP"
spctl --assess --type execute --verbose "$APP"

echo "sign-and-notarize: building $DMG"
rm -f "$DMG"
if command -v create-dmg >/dev/null 2>&1; then
    create-dmg --volname "Volunteer App $VERSION" --window-size 540 360 --icon-size 96 \
        --icon "$(basename "$APP")" 140 170 --app-drop-link 400 170 --no-internet-enable "$DMG" "$APP"
else
    stage=$(mktemp -d)
    cp -R "$APP" "$stage/"
    ln -s /Applications "$stage/Applications"
    hdiutil create -volname "Volunteer App $VERSION" -srcfolder "$stage" -fs HFS+ -format UDZO -ov "$DMG"
fi
codesign --force --timestamp --sign "$MACOS_SIGN_IDENTITY" "$DMG"
xcrun notarytool submit "$DMG" "${notary[@]}" --wait
xcrun stapler staple "$DMG"
echo "sign-and-notarize: done: $DMG"

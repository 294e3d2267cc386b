#!/usr/bin/env bash
# Smoke-test a built bundle: build_scripts/smoke_bundle.sh [dist/loyalty-terminal]
#
# Runs the packaged program (never the venv) in a throw-away data, config and log area with
# the offscreen Qt platform: --version, about (versions, decoders, keyring), init on the
# bundled demo catalog, scans (numeric coupon, member card, signed QR payload), the window's
# first paint (twice: plain and with the ESC/POS dummy printer, which imports python-escpos
# and its capabilities.json), the window once more under a fontconfig without any CJK font
# (every zh_TW label must be drawn by the bundled font, no boxes), and the keyring's Secret
# Service backend being importable.
# Any failure stops with a message naming the step; exit 0 only when everything passed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUNDLE="$(cd "${1:-$ROOT/dist/loyalty-terminal}" && pwd)"
EXE="$BUNDLE/loyalty-terminal"
RES="$BUNDLE/_internal/resources"
AT="2026-11-22T12:00+08:00"   # the moment resources/demo/codes.md describes

fail() { echo "SMOKE FAILED: $*" >&2; exit 1; }
step() { echo "-- $*"; }
[[ -x "$EXE" ]] || fail "no executable at $EXE (build first: build_scripts/build_linux.sh)"
PY="$(command -v python3 || true)"
[[ -n "$PY" ]] || fail "python3 (system) is needed to check JSON output"

TMP="$(mktemp -d -t lt-smoke.XXXXXX)"
trap 'rm -rf "$TMP"' EXIT
export LT_DATA_DIR="$TMP/data" LT_LOG_DIR="$TMP/logs" LT_SITE_CONFIG="$TMP/site/config.toml" LT_USER_CONFIG="$TMP/user/config.toml"
export XDG_DATA_HOME="$TMP/xdg-data" XDG_STATE_HOME="$TMP/xdg-state" XDG_CONFIG_HOME="$TMP/xdg-config" XDG_CACHE_HOME="$TMP/xdg-cache"
export QT_QPA_PLATFORM=offscreen TMPDIR="$TMP/tmp"  # python-escpos makes a temp dir per start
mkdir -p "$TMPDIR"
unset PYTHON_KEYRING_BACKEND LT_DB LT_STORE_ID LT_TERMINAL_ID LT_SERVER_URL LT_PRINTER || true
cd "$TMP"   # nothing may depend on the current directory (pyzbar on Windows once did)

run() {  # run NAME ARGS... : the bundle's stdout goes to $TMP/NAME.out; non-zero exit fails the smoke test
  local name="$1" rc=0; shift
  "$EXE" "$@" >"$TMP/$name.out" 2>"$TMP/$name.err" || rc=$?
  if [[ $rc -ne 0 ]]; then
    cat "$TMP/$name.out" "$TMP/$name.err" >&2
    fail "$name: loyalty-terminal $* exited $rc"
  fi
}
check_json() {  # check_json NAME PYTHON-EXPRESSION-over-d MESSAGE
  "$PY" - "$TMP/$1.out" "$2" <<'EOF' || { cat "$TMP/$1.out" >&2; fail "$1: $3"; }
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
d = json.loads(text[text.index("{"):])
sys.exit(0 if eval(sys.argv[2], {"d": d}) else 1)
EOF
}

step "--version"
run version --version
grep -Eq '^loyalty-terminal [0-9]+\.[0-9]+' "$TMP/version.out" || fail "--version printed: $(cat "$TMP/version.out")"
cat "$TMP/version.out"

step "about --json"
run about --json about
check_json about 'd["frozen"] is True' "not running frozen"
check_json about 'd["qt"].get("qt")' "Qt version missing"
check_json about 'not str(d["decoders"]["zxing-cpp"]).startswith("unavailable")' "zxing-cpp does not load"
check_json about 'not str(d["decoders"]["opencv"]).startswith("unavailable")' "OpenCV does not load"
check_json about 'd["decoders"]["zbar"] == "loaded"' "libzbar does not load from the bundle"
check_json about '"active" in d["keyring"] and "error" not in d["keyring"]' "keyring is broken"
check_json about 'all(d["libraries"].values())' "package metadata missing (copy_metadata)"
"$PY" -c 'import json,sys; t=open(sys.argv[1]).read(); d=json.loads(t[t.index("{"):]); print("   qt", d["qt"], "decoders", d["decoders"]); print("   keyring", d["keyring"])' "$TMP/about.out"

step "config: the site file the installer writes (UTF-8 BOM, CRLF) is read"
mkdir -p "$(dirname "$LT_SITE_CONFIG")"
printf '\xef\xbb\xbf# written by the installer\r\n[terminal]\r\nstore_id = "CAFE-XINYI"\r\nterminal_id = "SMOKE-1"\r\n\r\n[sync]\r\nserver_url = "https://loyalty.example.com"\r\n' >"$LT_SITE_CONFIG"
run config --json config
check_json config 'd["terminal.terminal_id"]["value"] == "SMOKE-1" and d["terminal.terminal_id"]["source"].endswith("config.toml")' "site config not applied"

step "keyring backends bundled"
ls "$BUNDLE"/_internal/keyring-*.dist-info/entry_points.txt >/dev/null 2>&1 || fail "keyring's entry_points.txt is not in the bundle"
PYTHON_KEYRING_BACKEND=keyring.backends.SecretService.Keyring "$EXE" --json about >"$TMP/kr.out" 2>"$TMP/kr.err" || true
if grep -Eq "No module named|ModuleNotFoundError|ImportError" "$TMP/kr.out" "$TMP/kr.err"; then
  cat "$TMP/kr.out" "$TMP/kr.err" >&2; fail "keyring.backends.SecretService (SecretStorage/jeepney) is not importable in the bundle"
fi
echo "   SecretService backend importable"

CATALOG="$RES/demo/catalog.json"
CODES="$RES/demo/codes.md"
[[ -f "$CATALOG" && -f "$CODES" ]] || fail "bundled demo catalog/codes missing under $RES/demo"
ls "$RES"/translations/terminal_*.qm >/dev/null 2>&1 || fail "translations (.qm) missing under $RES/translations"
# Qt's own words (OK, Cancel, the file dialog) in Chinese: terminal.ui.i18n.install loads qtbase_zh_TW.qm
ls "$BUNDLE"/_internal/PySide6/Qt/translations/qtbase_zh_TW.qm >/dev/null 2>&1 \
  || fail "Qt's zh_TW catalogue (PySide6/Qt/translations/qtbase_zh_TW.qm) is missing from the bundle"
[[ ! -e "$RES/demo/DEMO-ONLY-issuer-key.txt" ]] || fail "the demo issuer private key must not be shipped"

step "init on the bundled demo catalog"
DB="$TMP/t.db"
# --demo: trust the public demo key (its signed QR is scanned below); a real chain never does
run init --db "$DB" init --catalog "$CATALOG" --store CAFE-XINYI --terminal T1 --demo
cat "$TMP/init.out"

# The CP-DEMO-500 row of codes.md: its coupon number and its signed QR payload.
row="$(grep -m1 '^| CP-DEMO-500 |' "$CODES")" || fail "CP-DEMO-500 not in codes.md"
number="$(sed -E 's/.*\| `([0-9]{13})` \|.*/\1/' <<<"$row")"
payload="$(sed -E 's/.*`(LT1C[A-Z2-7]+)`.*/\1/' <<<"$row")"
member="$(grep -m1 '^| M000001 ' "$CODES" | sed -E 's/.*\| `(29[0-9]{11})` \|.*/\1/')"
[[ "$number" =~ ^[0-9]{13}$ && "$payload" == LT1C* && "$member" =~ ^[0-9]{13}$ ]] || fail "could not read codes from codes.md"

step "scan $number (CP-DEMO-500, numeric)"
run scan_number --db "$DB" --json scan "$number" --at "$AT"
check_json scan_number 'd["kind"] == "coupon" and d["coupon"]["usable"] is True' "expected a VALID coupon"
step "scan signed QR payload of CP-DEMO-500 (Ed25519 verify)"
run scan_qr --db "$DB" --json scan "$payload" --at "$AT"
check_json scan_qr 'd["kind"] == "coupon" and d["coupon"]["usable"] is True' "expected a VALID coupon"
step "scan member card $member"
run scan_member --db "$DB" --json scan "$member" --at "$AT"
check_json scan_member 'd["kind"] == "member"' "expected a member"
run scan_text --db "$DB" scan "$number" --at "$AT"
grep -q -- "-> VALID" "$TMP/scan_text.out" || fail "text verdict: $(cat "$TMP/scan_text.out")"
cat "$TMP/scan_text.out"

step "demo --quit-after-paint (first start: creates the demo replica)"
run demo1 demo --quit-after-paint
check_json demo1 'd["first_paint_s"] > 0' "no first_paint_s"
cat "$TMP/demo1.out"
step "demo --quit-after-paint --printer dummy (python-escpos in the bundle)"
run demo2 demo --quit-after-paint --printer dummy
check_json demo2 'd["first_paint_s"] > 0' "no first_paint_s"
cat "$TMP/demo2.out"

step "zh_TW labels drawn by the bundled font on a PC without CJK fonts"
for f in LoyaltyTerminalSansTC-Regular.otf LoyaltyTerminalSansTC-Bold.otf OFL.txt; do
  [[ -f "$RES/fonts/$f" ]] || fail "the UI font file resources/fonts/$f is not in the bundle"
done
# A fontconfig that knows only a folder without CJK fonts (DejaVu if this PC has it, else none at all).
FONT_DIR=/usr/share/fonts/truetype/dejavu
[[ -d "$FONT_DIR" ]] || { FONT_DIR="$TMP/no-fonts"; mkdir -p "$FONT_DIR"; }
mkdir -p "$TMP/fc"
cat >"$TMP/fc/fonts.conf" <<EOF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig><dir>$FONT_DIR</dir><cachedir>$TMP/fc/cache</cachedir></fontconfig>
EOF
export FONTCONFIG_FILE="$TMP/fc/fonts.conf"
run nocjk demo --quit-after-paint
unset FONTCONFIG_FILE
check_json nocjk 'd["fonts"]["pc_cjk_families"] == []' "the bundle still sees a CJK font of this PC: the check proves nothing"
check_json nocjk 'd["fonts"]["cjk_texts"] >= 10' "the window shows no zh_TW labels"
check_json nocjk 'd["fonts"]["cjk_families"] == ["Loyalty Terminal Sans TC"]' "zh_TW labels are not drawn by the bundled font"
check_json nocjk 'd["fonts"]["missing_glyphs"] == 0' "labels drawn as boxes (missing glyphs)"
"$PY" -c 'import json,sys; t=open(sys.argv[1]).read(); f=json.loads(t[t.index("{"):])["fonts"]; print("  ", f["cjk_texts"], "zh_TW texts drawn by", f["cjk_families"], "- boxes:", f["missing_glyphs"])' "$TMP/nocjk.out"

step "settle and status through the bundle"
run settle --db "$DB" --json settle --member "$member" --amount 500 --cashier CAFE-XINYI-C1 --pin 1234 --checkout-id SMOKE-1 --at "$AT"
check_json settle 'd["checkout_id"] == "SMOKE-1" and d["total"] == 500' "settlement failed"
run status --db "$DB" --json status
check_json status 'd["pending"] == 1 and d["version"]' "status"

step "support bundle (logs, config, versions, database check)"
run support --db "$DB" --json support-bundle --out "$TMP/support.zip"
check_json support 'd["integrity_check"] == ["ok"] and "versions.json" in d["files"]' "support bundle"

step "first start on a PC without a replica: the enrolment dialog (closed by --quit-after-paint)"
run firstrun --quit-after-paint
grep -q "not enrolled; quitting" "$LT_LOG_DIR/terminal.log" || fail "the first-run path did not run"

if grep -rqs "Traceback" "$LT_LOG_DIR" "$XDG_STATE_HOME" "$LT_DATA_DIR"; then
  grep -rs -A5 "Traceback" "$LT_LOG_DIR" "$XDG_STATE_HOME" "$LT_DATA_DIR" >&2 | head -n 40
  fail "a traceback was logged"
fi
echo "SMOKE OK: $EXE"

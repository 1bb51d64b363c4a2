#!/usr/bin/env bash
# `npm test`: unit + integration tests (vitest), a build when the sources changed, then the
# end-to-end tests (Playwright in Debian's Chromium) against a freshly migrated and seeded
# portal. Uses DATABASE_URL when it is set (PostgreSQL), else embedded PGlite.
# Every stage runs even when an earlier one failed, so the last line is always the summary
# "N passed, N failed"; the exit status is non-zero when anything failed.
set -uo pipefail # no -e on purpose: each stage's failure is recorded, not fatal

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export NEXT_TELEMETRY_DISABLED=1

REPORTS=.data/test-reports
E2E_DATA_DIR="${E2E_DATA_DIR:-.data/e2e}"
export E2E_DATA_DIR
mkdir -p "$REPORTS"

passed=0
failed=0
problems=()

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
note() { printf '    %s\n' "$*"; }
problem() {
  problems+=("$1")
  printf '    FAILED: %s\n' "$1"
}

summary() {
  echo
  if ((${#problems[@]})); then
    echo "Problems:"
    printf '  - %s\n' "${problems[@]}"
  fi
  echo "$passed passed, $failed failed"
  if ((failed > 0 || ${#problems[@]} > 0)); then exit 1; fi
  exit 0
}

# Reads "<passed> <failed>" from a reporter's JSON file.
counts_from() {
  node -e '
    const [kind, file] = process.argv.slice(1);
    const r = JSON.parse(require("fs").readFileSync(file, "utf8"));
    if (kind === "vitest") console.log(`${r.numPassedTests ?? 0} ${(r.numFailedTests ?? 0)}`);
    else console.log(`${(r.stats?.expected ?? 0) + (r.stats?.flaky ?? 0)} ${r.stats?.unexpected ?? 0}`);
  ' "$1" "$2"
}

# Adds a reporter's counts to the totals; a non-zero exit with no failed test (a crash,
# a server that never came up) is recorded as a problem so it cannot pass silently.
add_counts() { # kind file exit-status
  local p f
  if [[ -s "$2" ]] && read -r p f < <(counts_from "$1" "$2"); then
    passed=$((passed + p))
    failed=$((failed + f))
    note "$1: $p passed, $f failed"
    if (($3 != 0 && f == 0)); then problem "$1 exited with status $3"; fi
  else
    problem "$1 wrote no report (exit $3)"
  fi
}

# --- 1. Chromium --------------------------------------------------------------------------
step "Looking for Chromium (Debian package 'chromium'; CHROMIUM_PATH overrides)"
chromium=""
if [[ -n "${CHROMIUM_PATH:-}" ]]; then
  if [[ -x "$CHROMIUM_PATH" ]]; then chromium="$CHROMIUM_PATH"; else note "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable file."; fi
elif [[ -x /usr/bin/chromium ]]; then
  chromium=/usr/bin/chromium
elif command -v chromium >/dev/null 2>&1; then
  chromium="$(command -v chromium)"
fi
if [[ -z "$chromium" && -z "${CHROMIUM_PATH:-}" ]]; then
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    note "Chromium is missing and we are root: installing it with 'apt-get update && apt-get install -y chromium'."
    if DEBIAN_FRONTEND=noninteractive apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; then
      chromium=/usr/bin/chromium
    fi
  else
    note "Chromium is missing. Install the Debian package as root ('sudo apt-get install chromium'),"
    note "or point CHROMIUM_PATH at a Chromium or Chrome binary, then run 'npm test' again."
  fi
fi
if [[ -z "$chromium" ]]; then
  problem "no Chromium for the end-to-end tests"
  summary
fi
export CHROMIUM_PATH="$chromium"
note "using $chromium ($("$chromium" --version 2>/dev/null | head -n1 || echo "version unknown"))"

# --- 1b. A CJK font ---------------------------------------------------------------------
# Debian's Chromium has no Chinese font of its own: without one, zh-CN pages render as boxes
# ("tofu") in the screenshots of e2e/usability/screenshots.spec.ts. As root, install Debian's
# fonts-noto-cjk once; otherwise say so (the tests pass either way, only the pictures suffer).
if command -v fc-list >/dev/null 2>&1 && [[ -z "$(fc-list :lang=zh 2>/dev/null | head -n1)" ]]; then
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    note "No Chinese font found: installing Debian's fonts-noto-cjk for readable zh-CN screenshots."
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q fonts-noto-cjk ||
      { DEBIAN_FRONTEND=noninteractive apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q fonts-noto-cjk; } ||
      note "Could not install fonts-noto-cjk: zh-CN screenshots will show boxes instead of characters."
  else
    note "No Chinese font found: zh-CN screenshots will show boxes. As root: apt-get install fonts-noto-cjk"
  fi
fi

# --- 1b. Go, for the ledger's cross-check with golang.org/x/mod/sumdb/{note,tlog} ---------
# lib/ledger/go-check builds offline from Debian's packages; without them that test skips.
step "Looking for Go and golang.org/x/mod (Debian: golang-go golang-golang-x-mod-dev; ~30 s to install)"
if ! command -v go >/dev/null 2>&1 || [[ ! -d /usr/share/gocode/src/golang.org/x/mod/sumdb/tlog ]]; then
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    note "missing and we are root: installing them with 'apt-get install -y golang-go golang-golang-x-mod-dev'."
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends golang-go golang-golang-x-mod-dev >/dev/null ||
      { DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends golang-go golang-golang-x-mod-dev >/dev/null; } ||
      note "could not install them: lib/ledger/go-check/go-check.test.ts will skip."
  else
    note "missing: lib/ledger/go-check/go-check.test.ts will skip (as root: apt-get install golang-go golang-golang-x-mod-dev)."
  fi
fi
command -v go >/dev/null 2>&1 && note "using $(go version)"

# --- 2. Unit and integration tests -------------------------------------------------------
if [[ -n "${DATABASE_URL:-}" ]]; then
  database="PostgreSQL at ${DATABASE_URL%%\?*}"
  database="${database/\/\/*@/\/\/}" # hide credentials
  note_db="each test file gets a throwaway database on that server"
else
  database="embedded PGlite"
  note_db="in memory, one database per test file; set DATABASE_URL to use PostgreSQL"
fi
step "Unit and integration tests (vitest) on $database ($note_db)"
rm -f "$REPORTS/vitest.json"
npx vitest run --reporter=default --reporter=json --outputFile.json="$REPORTS/vitest.json"
add_counts vitest "$REPORTS/vitest.json" $?

# --- 3. Build -----------------------------------------------------------------------------
step "Building the portal if a source file changed since the last build"
if ! npx tsx lib/cli/build-if-stale.ts; then
  problem "next build failed: end-to-end tests skipped"
  summary
fi

# --- 4. End-to-end tests ------------------------------------------------------------------
shopt -s globstar nullglob
specs=(e2e/**/*.spec.ts)
shopt -u globstar nullglob
if ((${#specs[@]} == 0)); then
  step "End-to-end tests: no e2e/**/*.spec.ts yet, nothing to run"
  summary
fi

step "Resetting the end-to-end database"
rm -rf "$E2E_DATA_DIR"
note "deleted $E2E_DATA_DIR (embedded database, development keys)"
if [[ -n "${DATABASE_URL:-}" ]]; then
  if ! npx tsx lib/cli/reset-test-database.ts; then
    problem "could not reset the database at DATABASE_URL: end-to-end tests skipped"
    summary
  fi
fi

# Specs that need data no portal page can write (another department's own system, e.g. a
# deed tax payment made today) ship an e2e/<area>/prepare-data.ts; each runs once here, on
# the fresh database, before Playwright starts the portal on it.
shopt -s globstar nullglob
preparers=(e2e/**/prepare-data.ts)
shopt -u globstar nullglob
for preparer in "${preparers[@]}"; do
  step "Preparing end-to-end data: $preparer"
  if ! DATA_DIR="$E2E_DATA_DIR" npx tsx "$preparer"; then
    problem "$preparer failed: end-to-end tests skipped"
    summary
  fi
done

step "End-to-end tests (Playwright, ${#specs[@]} spec files) against a fresh portal on port ${E2E_PORT:-3100}, $database"
rm -f "$REPORTS/playwright.json"
PLAYWRIGHT_JSON_OUTPUT_NAME="$REPORTS/playwright.json" npx playwright test --reporter=list,json
add_counts playwright "$REPORTS/playwright.json" $?

summary

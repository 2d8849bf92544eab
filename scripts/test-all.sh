#!/usr/bin/env bash
# `npm test`: every test — lint (with the layer boundaries), the type check, units and database integration (PGlite and a real
# PostgreSQL server), the vCenter simulator tests, the CLI contract, and the
# browser end-to-end tests in Chromium. Prints "N passed, N failed" at the end.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
passed=0
failed=0
step() { echo; echo "=== $1"; }
record() { if [ "$1" -eq 0 ]; then passed=$((passed+1)); else failed=$((failed+1)); status=1; fi; }

export NEXT_TELEMETRY_DISABLED=1
bash scripts/ensure-system-deps.sh || echo "warning: some system packages are missing; the tests that need them will fail" >&2

# Prisma client (npm ci runs it via postinstall; make sure it is there).
if [ ! -f lib/generated/prisma/client.ts ]; then
  DATABASE_URL=postgresql://unused@localhost/unused npx prisma generate >/dev/null || { echo "prisma generate failed"; exit 1; }
fi

# A PostgreSQL server for the integration tests.
if [ -z "${TEST_DATABASE_URL:-}" ]; then
  if url=$(bash scripts/local-postgres.sh); then
    export TEST_DATABASE_URL="$url"
  else
    echo "No PostgreSQL server found. Install one (apt-get install -y postgresql) or set TEST_DATABASE_URL." >&2
    exit 1
  fi
fi
echo "PostgreSQL for tests: ${TEST_DATABASE_URL%%@*}@… "

# The vCenter simulator for the agent's tests (built from Debian's govmomi sources when missing).
if [ -f tools/vcsim/build.sh ]; then
  step "vCenter simulator"
  bash tools/vcsim/build.sh || echo "warning: could not build the vCenter simulator; its tests will say so"
fi

step "Lint (Next's rules and the boundaries between layers, eslint.config.mjs)"
npx eslint .; record $?

step "Type check"
npx tsc --noEmit -p .; record $?

log=$(mktemp)
# The number before "passed" or "failed" on a runner's last summary line.
summary() { # $1 line pattern, $2 passed|failed
  sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E "$1" | tail -1 | grep -oE "[0-9]+ $2" | grep -oE '[0-9]+' || echo 0
}
tests_passed=0
tests_failed=0
tests_skipped=0

step "Unit and integration tests (Vitest)"
npx vitest run 2>&1 | tee "$log"; r=${PIPESTATUS[0]}; record $r
tests_passed=$((tests_passed + $(summary '^ *Tests ' passed)))
tests_failed=$((tests_failed + $(summary '^ *Tests ' failed)))
tests_skipped=$((tests_skipped + $(summary '^ *Tests ' skipped)))
# A run that died without a summary still counts as a failure.
[ $r -ne 0 ] && [ "$(summary '^ *Tests ' failed)" = 0 ] && tests_failed=$((tests_failed + 1))

step "Command-line contract"
if [ -f ../shared/tools/check-cli-contract.sh ]; then
  bash ../shared/tools/check-cli-contract.sh; record $?
elif [ -n "${CI:-}" ]; then
  echo "../shared/tools/check-cli-contract.sh is missing: the contract check may not be skipped in CI"; record 1
else
  echo "warning: ../shared/tools/check-cli-contract.sh not found; contract check skipped"
fi

step "Production build"
npm run build; b=$?; record $b

if [ $b -eq 0 ]; then
  step "Production server on a real socket (scripts/serve.ts)"
  VMC_AFTER_BUILD=1 npx vitest run scripts/serve.test.ts scripts/serve-observability.test.ts 2>&1 | tee "$log"; r=${PIPESTATUS[0]}; record $r
  tests_passed=$((tests_passed + $(summary '^ *Tests ' passed)))
  tests_failed=$((tests_failed + $(summary '^ *Tests ' failed)))
  [ $r -ne 0 ] && [ "$(summary '^ *Tests ' failed)" = 0 ] && tests_failed=$((tests_failed + 1))

  step "End-to-end tests (Playwright, Chromium)"
  npx playwright test 2>&1 | tee "$log"; r=${PIPESTATUS[0]}; record $r
  tests_passed=$((tests_passed + $(summary '^ *[0-9]+ passed' passed)))
  tests_failed=$((tests_failed + $(summary '^ *[0-9]+ failed' failed)))
  tests_skipped=$((tests_skipped + $(summary '^ *[0-9]+ skipped' skipped)))
  [ $r -ne 0 ] && [ "$(summary '^ *[0-9]+ failed' failed)" = 0 ] && tests_failed=$((tests_failed + 1))

  # e2e/scaleout: three servers on one PostgreSQL database behind nginx (deploy/nginx.conf.template).
  step "Load, hostile-input and scale-out tests (production servers of their own)"
  npx vitest run -c vitest.server.config.mts 2>&1 | tee "$log"; r=${PIPESTATUS[0]}; record $r
  tests_passed=$((tests_passed + $(summary '^ *Tests ' passed)))
  tests_failed=$((tests_failed + $(summary '^ *Tests ' failed)))
  [ $r -ne 0 ] && [ "$(summary '^ *Tests ' failed)" = 0 ] && tests_failed=$((tests_failed + 1))
fi

rm -f "$log"
echo
echo "suites (type check, Vitest, CLI contract, build, Playwright, load/hostile/scale-out): $passed passed, $failed failed"
echo "tests: $tests_passed passed, $tests_failed failed, $tests_skipped skipped"
exit $status

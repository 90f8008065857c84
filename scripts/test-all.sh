#!/usr/bin/env bash
# `npm test`: everything CI checks, on a fresh machine too. Installs what is missing (dependencies and the pinned
# Node 24 from the `node` devDependency), then: types, build, generated files current, migrations match the
# entities, the jest suite (unit, medium tests on real SQLite files, e2e over real loopback HTTP), then the console:
# its build, its unit tests (vitest + Material harnesses) and its browser tests (real Chromium against the real backend).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x node_modules/.bin/node ] || [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "== installing dependencies"
  npm install --no-audit --no-fund
fi
export PATH="$PWD/node_modules/.bin:$PATH"
echo "== node $(node --version)"

echo "== typecheck"
tsc -p tsconfig.json --noEmit

echo "== Dockerfile lint (offline; fails on errors)"
dockerfile-utils lint docker/Dockerfile

echo "== build"
nest build opstage

echo "== generated files are current"
node scripts/generate.cjs --check

echo "== migrations match the entities"
mkdir -p data
MIKRO_ORM_DB="$(mktemp -d)/check.db" mikro-orm migration:check

echo "== jest"
node --experimental-vm-modules node_modules/jest/bin/jest.js --ci "$@"

echo "== console build"
NG_CLI_ANALYTICS=false ng build console

echo "== console unit tests"
NG_CLI_ANALYTICS=false ng test console --watch=false

if [ ! -x /usr/bin/chromium ]; then
  echo "== installing Debian chromium for the browser tests"
  if [ "$(id -u)" -ne 0 ]; then echo "chromium is missing and this is not root: install it with apt-get install chromium" >&2; exit 1; fi
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium
fi

echo "== console in a real browser"
node apps/console-e2e/run-browser-tests.mjs

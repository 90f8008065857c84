#!/usr/bin/env bash
# `npm test`: everything CI checks, on a fresh machine too. Installs what is missing (dependencies and the pinned
# Node 24 from the `node` devDependency), then: types, build, generated files current, migrations match the
# entities, and the jest suite (unit, medium tests on real SQLite files, e2e over real loopback HTTP).
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

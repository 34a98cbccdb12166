#!/usr/bin/env bash
# Set up everything the app needs on a fresh machine; safe to run again (idempotent).
# Python packages go into .venv, bun (from the npm registry: Reflex's own download of
# bun needs the internet) into .tools, then the database is migrated and the content
# is validated and recorded.
set -euo pipefail
cd "$(dirname "$0")/.."

BUN_VERSION=1.4.4
PYTHON=${PYTHON:-python3}

if [ ! -x .venv/bin/python ]; then
  echo "==> creating .venv"
  "$PYTHON" -m venv .venv
fi
echo "==> installing Python packages (requirements.txt)"
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt

if [ "$(.tools/node_modules/.bin/bun --version 2>/dev/null || true)" != "$BUN_VERSION" ]; then
  echo "==> installing bun $BUN_VERSION from the npm registry into .tools"
  npm install --prefix .tools --save-exact --no-audit --no-fund --loglevel=error "bun@$BUN_VERSION"
fi

echo "==> migrating the database"
.venv/bin/python -m privacy_center db upgrade
echo "==> loading the content"
.venv/bin/python -m privacy_center content load
if [ "${PC_ENV:-demo}" = "demo" ]; then
  echo "==> demo accounts and apps (password: lattice-demo)"
  .venv/bin/python -m privacy_center seed-demo
fi

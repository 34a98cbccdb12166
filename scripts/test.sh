#!/usr/bin/env bash
# The newcomer's second command, and what CI runs: install what the tests need
# (Debian's Chromium and CJK fonts, Playwright for Python, axe-core from npm), then lint,
# check the catalogs and run the whole suite. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

AXE_VERSION=4.14.1
APT_PACKAGES=(chromium fonts-noto-cjk gettext)

scripts/setup.sh

missing=()
for package in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

echo "==> installing test tools (requirements-dev.txt, axe-core $AXE_VERSION)"
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
if [ "$(node -p "require('./.tools/node_modules/axe-core/package.json').version" 2>/dev/null || true)" != "$AXE_VERSION" ]; then
  npm install --prefix .tools --save-exact --no-audit --no-fund --loglevel=error "axe-core@$AXE_VERSION"
fi

# Real OpenID providers (oauth2-mock-server, oidc-provider) for the relying-party tests,
# pinned by tests/interop/package-lock.json.
npm ci --prefix tests/interop --no-audit --no-fund --loglevel=error

echo "==> lint"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/lint-imports
echo "==> types"
.venv/bin/mypy
echo "==> tests"
exec .venv/bin/python -m pytest "$@"

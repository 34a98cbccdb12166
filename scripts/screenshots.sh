#!/usr/bin/env bash
# Screenshots of every page at 360 px (both locales, signed out and in as a demo account),
# of every design-system component (light and dark), and the README's picture, from the
# real production build on a scratch database: see scripts/screenshots.py.
#
#   scripts/screenshots.sh                 everything (a few minutes: the first run builds)
#   scripts/screenshots.sh --only pages    one set: pages, components or readme
#
# Needs what the e2e tests need (scripts/setup.sh, Debian's chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
# Its own Reflex work folder, so a running dev server or e2e run is not disturbed.
export PC_E2E_SUFFIX="${PC_E2E_SUFFIX:-}"
exec python scripts/screenshots.py "$@"

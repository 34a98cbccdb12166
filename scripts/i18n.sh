#!/usr/bin/env bash
# Gettext catalogs: extract | update | check | init LOCALE.
#   extract  write locales/messages.pot from the code (stable: sorted, no locations)
#   update   extract, then merge new strings into every catalog (never fuzzy-matched)
#   check    fail on a stale .pot, a missing, untranslated or fuzzy entry
#   init L   start a catalog for locale L (e.g. zh_TW)
set -euo pipefail
cd "$(dirname "$0")/.."
PYBABEL=.venv/bin/pybabel
POT=locales/messages.pot

extract() {
  "$PYBABEL" extract -F babel.cfg --no-location --omit-header --sort-output \
    -k _ -k gettext -k ngettext:1,2 -o "$1" . 2>/dev/null
}

case "${1:-}" in
  extract) extract "$POT" ;;
  update)
    extract "$POT"
    "$PYBABEL" update --no-fuzzy-matching --ignore-obsolete -i "$POT" -d locales -D messages
    ;;
  init)
    [ -n "${2:-}" ] || { echo "usage: $0 init LOCALE" >&2; exit 2; }
    "$PYBABEL" init -i "$POT" -d locales -D messages -l "$2"
    ;;
  check)
    fresh=$(mktemp); trap 'rm -f "$fresh"' EXIT
    extract "$fresh"
    if ! cmp -s "$fresh" "$POT"; then
      echo "locales/messages.pot is stale: run scripts/i18n.sh update and translate" >&2
      diff -u "$POT" "$fresh" | head -40 >&2 || true
      exit 1
    fi
    exec .venv/bin/python -m pytest -q tests/unit/test_catalogs.py
    ;;
  *) echo "usage: $0 extract|update|check|init LOCALE" >&2; exit 2 ;;
esac

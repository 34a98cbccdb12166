#!/usr/bin/env bash
# The UI's gettext catalogs, locales/<code>/LC_MESSAGES/messages.po (after the model of
# pypi/warehouse's locale Makefile: named steps, and a check that CI can fail on).
#
#   scripts/i18n.sh extract      write locales/messages.pot from the code
#   scripts/i18n.sh update       extract, then merge the template into every catalog
#   scripts/i18n.sh check        fail on a stale template or an incomplete catalog
#   scripts/i18n.sh init LOCALE  start the catalog of a new locale, e.g. zh_TW
#
# Stable diffs: the template has no header (so no creation date), no source locations
# (moving a call changes nothing) and is sorted, so it changes only when a msgid does;
# `update` keeps each catalog's POT-Creation-Date for the same reason.
# No .mo files: the app compiles the .po files in memory (privacy_center/i18n/catalogs.py).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PYBABEL=.venv/bin/pybabel
PYTHON=.venv/bin/python
POT=locales/messages.pot
DOMAIN=messages

usage() {
  cat >&2 <<EOF
usage: $0 COMMAND
  extract      write $POT from the code (babel.cfg says which files and keywords)
  update       extract, then merge new and changed strings into every catalog
               (never fuzzy-matched: they stay untranslated, and check fails, until translated)
  check        fail if $POT is stale, or a catalog misses, leaves untranslated or fuzzy
               any string, or changes its placeholders
  init LOCALE  start locales/LOCALE/LC_MESSAGES/$DOMAIN.po (e.g. zh_TW)
EOF
  exit 2
}

# $1: the output file. tests/unit/test_catalogs.py writes the same bytes in-process to
# compare them with the committed template: change the options in both places.
extract() {
  "$PYBABEL" -q extract --mapping-file=babel.cfg --omit-header --no-location --sort-output \
    --output-file="$1" .
}

catalogs() {
  find locales -path "locales/*/LC_MESSAGES/$DOMAIN.po" | sort
}

# Untranslated and fuzzy counts, when GNU gettext is installed (it is optional).
statistics() {
  command -v msgfmt >/dev/null || return 0
  local po
  for po in $(catalogs); do
    printf '%s: ' "$po"
    msgfmt --statistics --output-file=/dev/null "$po" 2>&1
  done
}

case "${1:-}" in
  extract)
    [ $# -eq 1 ] || usage
    extract "$POT"
    echo "wrote $POT"
    ;;
  update)
    [ $# -eq 1 ] || usage
    extract "$POT"
    # No fuzzy matching: a guessed translation of a reworded string must not slip
    # through. No obsolete (#~) entries: Babel never reuses them, and one left beside a
    # msgid that comes back is a duplicate that msgfmt rejects; git keeps the history.
    "$PYBABEL" -q update --input-file="$POT" --output-dir=locales --domain="$DOMAIN" \
      --no-fuzzy-matching --ignore-obsolete --ignore-pot-creation-date
    statistics
    echo "next: translate the empty msgstr entries, then run $0 check"
    ;;
  check)
    [ $# -eq 1 ] || usage
    fresh=$(mktemp)
    trap 'rm -f "$fresh"' EXIT
    extract "$fresh"
    status=0
    if ! cmp -s "$fresh" "$POT"; then
      echo "i18n check: $POT is stale (the msgids in the code changed):" \
        "run $0 update, translate the new entries and commit the result." >&2
      diff -u --label "$POT (committed)" --label "$POT (from the code)" "$POT" "$fresh" \
        | head -60 >&2 || true
      status=1
    fi
    # Every catalog: parses, right header, every msgid of the code, nothing untranslated
    # or fuzzy, the msgid's placeholders; each failure lists every offending entry.
    "$PYTHON" -m pytest -q --no-header -p no:cacheprovider tests/unit/test_catalogs.py || status=1
    if command -v msgfmt >/dev/null; then
      for po in $(catalogs); do
        msgfmt --check --output-file=/dev/null "$po" || status=1
      done
    fi
    if [ "$status" -ne 0 ]; then
      echo "i18n check: FAILED" >&2
    else
      echo "i18n check: ok"
    fi
    exit "$status"
    ;;
  init)
    [ $# -eq 2 ] || usage
    locale=$2
    [[ $locale =~ ^[a-z]{2,3}(_[A-Za-z0-9]{2,8})*$ ]] || {
      echo "init: '$locale' is not a gettext locale code such as zh_TW" >&2
      exit 2
    }
    po="locales/$locale/LC_MESSAGES/$DOMAIN.po"
    [ ! -e "$po" ] || { echo "init: $po exists; use $0 update" >&2; exit 1; }
    extract "$POT"
    "$PYBABEL" -q init --input-file="$POT" --output-dir=locales --domain="$DOMAIN" --locale="$locale"
    # The template has no header to take these from: put in the project's own.
    sed -i \
      -e 's/translations for PROJECT\./translations for privacy-center./' \
      -e 's/^# Copyright (C) \([0-9]*\) ORGANIZATION$/# Copyright (C) \1 privacy-center contributors/' \
      -e 's/the PROJECT project\./the privacy-center project./' \
      -e '/^# FIRST AUTHOR <EMAIL@ADDRESS>/d' \
      -e 's/^"Project-Id-Version: PROJECT VERSION\\n"$/"Project-Id-Version: privacy-center\\n"/' \
      -e 's/^"Report-Msgid-Bugs-To: EMAIL@ADDRESS\\n"$/"Report-Msgid-Bugs-To: privacy@lattice.example\\n"/' \
      -e 's/^"Last-Translator: FULL NAME <EMAIL@ADDRESS>\\n"$/"Last-Translator: privacy-center <privacy@lattice.example>\\n"/' \
      -e 's/^"Language-Team: .*\\n"$/"Language-Team: privacy-center <privacy@lattice.example>\\n"/' \
      "$po"
    echo "next: translate $po, add $locale to KNOWN_LOCALES in privacy_center/i18n/locales.py," \
      "then run $0 check"
    ;;
  *)
    usage
    ;;
esac

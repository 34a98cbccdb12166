#!/usr/bin/env bash
# The newcomer's first command: set everything up on the embedded default (SQLite file,
# demo content) and serve the app on http://localhost:3000.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
echo "==> serving on http://localhost:${PC_PORT:-3000} (Ctrl-C stops)"
exec scripts/serve.sh

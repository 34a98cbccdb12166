#!/usr/bin/env bash
# The newcomer's first command: set everything up on the embedded default (SQLite file,
# demo content) and serve the app on http://localhost:3000, with one background-job worker
# beside it (mail, exports: python -m privacy_center worker). Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh
python -m privacy_center worker &
worker=$!
# Whatever ends the server (Ctrl-C, an error), the worker is stopped with it.
trap 'kill -TERM "$worker" 2>/dev/null || true; wait "$worker" 2>/dev/null || true' EXIT
echo "==> serving on http://localhost:${PC_PORT:-3000} with one job worker (Ctrl-C stops both)"
scripts/serve.sh

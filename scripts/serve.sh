#!/usr/bin/env bash
# Serve the app in production mode: frontend, backend and our routes on one port.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$PROJECT_DIR"
# Unsafe settings, or demo accounts and apps in production, stop here with their names.
python -m privacy_center check >/dev/null
exec reflex run --env prod --single-port --frontend-port "${PC_PORT:-3000}" "$@"

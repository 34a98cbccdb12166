# Sourced by the scripts: run Reflex with the bun we installed, never a downloaded one.
# shellcheck shell=bash
PROJECT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$PROJECT_DIR/.tools/node_modules/.bin:$PROJECT_DIR/.venv/bin:$PATH"
export REFLEX_USE_SYSTEM_BUN=1

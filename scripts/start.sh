#!/usr/bin/env bash
# One command from a fresh clone: install the toolchain and dependencies, build the app, and serve
# it with demo data on the embedded database (or PostgreSQL when DATABASE_URL is set).
# `--reset` first throws away the embedded database, so the start seeds fresh demo data.
set -euo pipefail
source "$(dirname "$0")/bootstrap.sh"
cd "$root"
if [ "${1:-}" = "--reset" ]; then pnpm --silent db:reset-demo; fi
exec pnpm start

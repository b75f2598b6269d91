#!/usr/bin/env bash
# One command from a fresh clone: install the toolchain and dependencies, build the app, and serve
# it with demo data on the embedded database (or PostgreSQL when DATABASE_URL is set).
set -euo pipefail
source "$(dirname "$0")/bootstrap.sh"
cd "$root"
exec pnpm start

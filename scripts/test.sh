#!/usr/bin/env bash
# One command from a fresh clone: install everything, then run the whole suite — unit, router,
# HTTP and SDK tests (on PGlite, or on PostgreSQL when TEST_DATABASE_URL is set) and the browser tests.
set -euo pipefail
source "$(dirname "$0")/bootstrap.sh"
cd "$root"
pnpm test
pnpm test:e2e

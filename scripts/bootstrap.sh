#!/usr/bin/env bash
# Sourced by start.sh, test.sh and .ci/run: puts Node ≥ 22.18 and pnpm 12 on PATH, installing them
# into ./.tools from the npm registry when the machine lacks them, then installs dependencies.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/.tools"

source "$root/scripts/node-version.sh"
node_version() { node -p 'process.versions.node' 2>/dev/null || echo 0.0.0; }

if [ -x "$tools/node24/node_modules/.bin/node" ]; then export PATH="$tools/node24/node_modules/.bin:$PATH"; fi
if ! node_version_ok "$(node_version)"; then
  echo "› Node $(node --version 2>/dev/null || echo none) is older than $MIN_NODE; installing Node 24 into .tools/node24"
  npm install --prefix "$tools/node24" --no-audit --no-fund --loglevel=error node@24 >/dev/null
  export PATH="$tools/node24/node_modules/.bin:$PATH"
fi

if [ -x "$tools/pnpm/bin/pnpm" ]; then export PATH="$tools/pnpm/bin:$PATH"; fi
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version | cut -d. -f1)" -lt 12 ]; then
  echo "› installing pnpm 12 into .tools/pnpm"
  npm install -g --prefix "$tools/pnpm" --no-audit --no-fund --loglevel=error pnpm@12 >/dev/null
  export PATH="$tools/pnpm/bin:$PATH"
fi
echo "› node $(node --version), pnpm $(pnpm --version)"

(cd "$root" && pnpm install --frozen-lockfile --reporter=append-only 2>&1 | tail -n 3)
